/**
 * # Section 3 — main results and proof sketch
 *
 * ## Main claims
 * (3.1) steady state · (3.2)–(3.3) microscopic equation · (3.5) Poincaré inequality ·
 * Assumption 3.1 · Theorem 3.1 (3.6) and its constants · Remarks 3.1–3.2 (Figure 3.1 and the
 * sharpness checks are records of proofs/zhu-ying-2021/dynamics.claims.yaml).
 *
 * The claims live in topic files beside this one; this file lists them in paper order.
 */
import type { Claim } from '../src/claims.ts';
import { claims as microscopic } from './section3-microscopic.ts';
import { claims as poincare } from './section3-poincare.ts';
import { claims as theorem } from './section3-theorem.ts';

/** thm:3.1:sharp, thm:3.1:perturbed, fig:3.1*, rem:3.*:simulation are records (proofs/zhu-ying-2021/dynamics.claims.yaml). */
export const claims: Claim[] = [...microscopic, ...poincare, ...theorem];
