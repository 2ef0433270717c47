/**
 * # Appendix — the proof of Proposition 4.1, step by step (issue 4).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
