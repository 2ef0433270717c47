/**
 * # Section 3 — the Poincaré inequality (3.5) and Assumption 3.1 (issue 4).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
