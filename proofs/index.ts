/**
 * The paper as data: every claim of Zhu & Ying (2021), in paper order, by DESIGN.md id.
 */
import type { Claim } from '../src/claims.ts';
import { claims as section2 } from './section2.ts';
import { claims as section3 } from './section3.ts';
import { claims as section4 } from './section4.ts';
import { claims as appendix } from './appendix.ts';

export const allClaims: Claim[] = [...section2, ...section3, ...section4, ...appendix];

/** Duplicate ids are a bug in proofs/: fail loudly at load time. */
const seen = new Set<string>();
for (const c of allClaims) {
  if (seen.has(c.id)) throw new Error(`proofs: duplicate claim id ${c.id}`);
  seen.add(c.id);
}

export function findClaim(id: string): Claim | undefined {
  return allClaims.find((c) => c.id === id);
}
