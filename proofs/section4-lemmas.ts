/**
 * # Section 4 — Proposition 4.1 (a)(b), commutators, Lemmas 4.1–4.2 (issue 2).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
