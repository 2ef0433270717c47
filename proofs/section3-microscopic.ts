/**
 * # Section 3 — the steady state (3.1) and the microscopic equation (3.2)–(3.3) (issue 2).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
