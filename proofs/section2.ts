/**
 * # Section 2 — the PDE for the density of ASGD. Owner: the Section 2–3 derivations (issue 2).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
