/**
 * The shipped paper's claims for `verify`, `list`, `show`, `derive`, `mutate`: the records of
 * proofs/zhu-ying-2021.claims.yaml (through the claim-file loader, modules resolved through the
 * static map proofs/modules.ts); every claim of the paper is a record.
 * The CLI reaches the paper only through this module.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Claim } from './claims.ts';
import type { ClaimSet } from './claim-record.ts';
import { loadClaimFile } from './claim-file.ts';
import { instantiate } from './procedures/index.ts';
import { registerStaticModules } from './procedures/module.ts';
import { paperModules } from '../proofs/modules.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The shipped paper's claim file. */
export const PAPER_FILE = join(here, '..', 'proofs', 'zhu-ying-2021.claims.yaml');

registerStaticModules(dirname(PAPER_FILE), paperModules);

/** Paper order by section (sec:2, eq:2.x < … < app:); within a section, file order. */
function orderKey(id: string): number {
  if (id.startsWith('app:')) return 1000;
  const m = /^[a-z]+:(\d+)/.exec(id);
  return m ? Number(m[1]) : 999;
}

let loaded: { set: ClaimSet; claims: Claim[] } | undefined;

/**
 * The shipped paper, loaded on first use (so `check` of a user's file, `--help` and `lint` never
 * read it): its claim set (records) and every claim in paper order (records win over TypeScript
 * claims of the same id).
 */
export const paper = {
  get set(): ClaimSet {
    return load().set;
  },
  get claims(): Claim[] {
    return load().claims;
  },
};

function load(): { set: ClaimSet; claims: Claim[] } {
  if (loaded) return loaded;
  const set = loadClaimFile(PAPER_FILE, { allowModules: true });
  const claims = inPaperOrder(set.claims.map((r) => instantiate(r, { set })));
  loaded = { set, claims };
  return loaded;
}

/**
 * The shipped paper's claims as a listing (id, source, statement, in paper order) for `list`: read
 * without each kind's expression checks (about 0.3 s of a cold start), which every command that
 * checks a claim runs (and the tests, on every record).
 */
export function paperListing(): Pick<Claim, 'id' | 'source' | 'statement'>[] {
  if (loaded) return loaded.claims;
  return inPaperOrder(loadClaimFile(PAPER_FILE, { allowModules: true, validateKinds: false }).claims);
}

function inPaperOrder<T extends { id: string }>(items: readonly T[]): T[] {
  return items
    .map((c, i) => ({ c, i }))
    .sort((a, b) => orderKey(a.c.id) - orderKey(b.c.id) || a.i - b.i)
    .map(({ c }) => c);
}

export function findClaim(id: string): Claim | undefined {
  return paper.claims.find((c) => c.id === id);
}
