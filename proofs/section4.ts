/**
 * # Section 4 — proof of Theorem 3.1
 *
 * ## Main claims
 * Proposition 4.1 (a)–(f) · Lemmas 4.1–4.2 · (4.3) · K, P of (4.4) · K = QP + PQᵀ (4.5) · (4.6).
 *
 * The claims live in topic files beside this one; this file lists them in paper order.
 */
import type { Claim } from '../src/claims.ts';
import { claims as lemmas } from './section4-lemmas.ts';
import { claims as bounds } from './section4-bounds.ts';
import { claims as lyapunov } from './section4-lyapunov.ts';

export const claims: Claim[] = [...lemmas, ...bounds, ...lyapunov];
