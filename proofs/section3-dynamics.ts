/**
 * # Section 3 — sharpness of the rate and Figure 3.1 (issue 6).
 */
import type { Claim } from '../src/claims.ts';

export const claims: Claim[] = [];
