/**
 * # Section 4 — (4.3)–(4.6): K, P, Q and the Lyapunov inequality (issue 3).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
