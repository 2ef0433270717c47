/**
 * # Section 4 — Proposition 4.1 (c)–(f), numerically (issue 4).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
