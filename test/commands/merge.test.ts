/**
 * `verify --shard K/N` + `hypocheck merge` give the unsharded report, apart from `ms`, however the
 * work is split; and the same seed gives byte-identical reports apart from `ms`.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { interleave, parseShard, shardItems } from '../../src/shard.ts';

const tmp = mkdtempSync(join(tmpdir(), 'hypocheck-shard-'));
const quiet = { out: () => {}, err: () => {} };
const ONLY = 'eq:4';

async function verify(dir: string, extra: string[] = []): Promise<number> {
  return main(['verify', '--only', ONLY, '--report', dir, ...extra], quiet);
}
/** report.json with every `ms` field zeroed (the only field allowed to differ). */
function msFree(dir: string): string {
  return readFileSync(join(dir, 'report.json'), 'utf8').replace(/"ms": \d+/g, '"ms": 0');
}
/**
 * Also Z3 timings once written into summaries by the TypeScript claims of Section 3 and (4.3)–(4.6)
 * — a known defect (issue 13: "timings only in ms fields"), reported
 * to their owners; the `it.fails` below turns red when it is fixed, so this can go.
 */
function normalised(dir: string): string {
  return msFree(dir).replace(/(Z3[^"]*?)\d+ ms/g, '$1N ms');
}

describe('shards', () => {
  it('shardItems and interleave are inverse for every N', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    for (let n = 1; n <= 30; n++) {
      const parts = Array.from({ length: n }, (_, k) => shardItems(items, { index: k + 1, count: n }));
      expect(interleave(parts)).toEqual(items);
    }
    expect(() => parseShard('0/3')).toThrow(/1 ≤ K ≤ N/);
    expect(() => parseShard('4/3')).toThrow(/1 ≤ K ≤ N/);
    expect(() => parseShard('x')).toThrow(/K\/N/);
  });

  it('the same seed gives byte-identical reports apart from ms', async () => {
    expect(await verify(join(tmp, 'a'))).toBe(0);
    expect(await verify(join(tmp, 'b'))).toBe(0);
    expect(normalised(join(tmp, 'b'))).toBe(normalised(join(tmp, 'a')));
    const md = (d: string) => readFileSync(join(tmp, d, 'report.md'), 'utf8').replace(/\| \d+ \|$/gm, '| |').replace(/"ms": \d+/g, '"ms": 0').replace(/(Z3[^|]*?)\d+ ms/g, '$1N ms');
    expect(md('b')).toBe(md('a'));
  }, 60_000);

  it('no timing outside `ms` fields (the Z3 timings of the TypeScript claims left with them)', () => {
    expect(msFree(join(tmp, 'b'))).toBe(msFree(join(tmp, 'a')));
  });

  it('merging 2 or 3 shards (in any order) gives the unsharded report', async () => {
    const whole = normalised(join(tmp, 'a'));
    for (const n of [2, 3]) {
      const dirs = Array.from({ length: n }, (_, k) => join(tmp, `s${n}-${k + 1}`));
      for (const [k, d] of dirs.entries()) expect(await verify(d, ['--shard', `${k + 1}/${n}`])).toBe(0);
      const merged = join(tmp, `merged-${n}`);
      expect(await main(['merge', ...dirs.reverse(), '--report', merged], quiet)).toBe(0);
      expect(normalised(merged)).toBe(whole);
    }
  }, 60_000);

  it('merge refuses an incomplete set of shards', async () => {
    const errs: string[] = [];
    const code = await main(['merge', join(tmp, 's3-1'), join(tmp, 's3-2'), '--report', join(tmp, 'bad')], { out: () => {}, err: (l) => errs.push(l) });
    expect(code).toBe(2);
    expect(errs.join('\n')).toMatch(/missing shard 3\/3/);
  }, 30_000);
});
