/**
 * `--shard K/N`: run the K-th of N slices of the selected work (round-robin by position, so heavy
 * neighbours spread), and put shard reports back together (`hypocheck merge`). Every claim's check
 * draws from counter-based streams keyed by the master seed and the claim, never by what ran before,
 * so a claim's row is the same in whichever shard it runs; merge interleaves the rows back into the
 * original order and recomputes what depends on several rows (conjunctions, `established`).
 */
import { UsageError, echoArg } from './errors.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** Parse "K/N" (1 ≤ K ≤ N ≤ 10000). */
export function parseShard(value: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) throw new UsageError(`--shard must be K/N (e.g. 2/8), got "${echoArg(value)}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > 10000 || index < 1 || index > count) throw new UsageError(`--shard K/N needs 1 ≤ K ≤ N ≤ 10000, got ${echoArg(value)}`);
  return { index, count };
}

/** The items of shard K/N: positions i with i mod N = K − 1. */
export function shardItems<T>(items: readonly T[], shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return [...items];
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}

/** Undo shardItems: rows of shards 1…N (each in its own order) back into the original order. */
export function interleave<T>(parts: readonly (readonly T[])[]): T[] {
  const n = parts.length;
  const total = parts.reduce((s, p) => s + p.length, 0);
  const out: T[] = [];
  for (let i = 0; i < total; i++) {
    const part = parts[i % n];
    const j = Math.floor(i / n);
    if (j >= part.length) throw new RangeError(`shard ${(i % n) + 1}/${n} has ${part.length} rows; expected more (shards of different runs?)`);
    out.push(part[j]);
  }
  return out;
}

/** How shard K/N is recorded in its report, so merge can check it has every shard of one run. */
export interface ShardStamp {
  index: number;
  count: number;
  /** Rows in the whole run (all shards). */
  total: number;
  /** Flags that must agree across shards (seed, effort, backend, --only). */
  run: string;
}
