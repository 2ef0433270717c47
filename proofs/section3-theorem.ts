/**
 * # Section 3 — Theorem 3.1's cases (3.6), its constants, Remarks 3.1–3.2 (issue 3).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
