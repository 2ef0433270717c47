/**
 * Issue 13 behaviours: output paths checked before any work, seeds below 2^53, `list --only`
 * with no match, long arguments cut when echoed, Ctrl-C keeps what was found.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const tmp = mkdtempSync(join(tmpdir(), 'hypocheck-cli-'));

describe('output paths are validated before any claim runs', () => {
  const cases: [string, () => string[]][] = [
    ['an empty --report', () => ['--report', '']],
    ['a path under /proc', () => ['--report', '/proc/self/hypocheck-report']],
    ['a file where a directory is expected', () => {
      const f = join(tmp, 'a-file');
      writeFileSync(f, 'x');
      return ['--report', f];
    }],
    ['a directory below a file', () => {
      const f = join(tmp, 'b-file');
      writeFileSync(f, 'x');
      return ['--report', join(f, 'sub')];
    }],
    ['a directory where a --json file is expected', () => {
      const d = join(tmp, 'a-dir');
      mkdirSync(d, { recursive: true });
      return ['--report', join(tmp, 'ok'), '--json', d];
    }],
    ['an empty --json', () => ['--report', join(tmp, 'ok2'), '--json', '']],
  ];
  for (const [name, args] of cases) {
    it(`rejects ${name}: one line, exit 2, no table`, async () => {
      const r = await run(['verify', '--only', 'eq:4.5', ...args()]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(/^hypocheck: --(report|json)/);
      expect(r.err).not.toMatch(/internal error/);
    });
  }
  it.skipIf(process.getuid?.() === 0)('rejects a read-only directory', async () => {
    const d = join(tmp, 'ro');
    mkdirSync(d);
    chmodSync(d, 0o555);
    const r = await run(['verify', '--only', 'eq:4.5', '--report', join(d, 'r')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not writable/);
  });
});

describe('numbers and echoed arguments', () => {
  it('rejects a seed of 2^53 or more at parsing', async () => {
    const r = await run(['verify', '--seed', String(2 ** 53)]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--seed must be an integer below 2\^53/);
  });
  it('list --only with no match exits 2 like verify', async () => {
    const r = await run(['list', '--only', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--only nope matches no claim/);
  });
  it('cuts a long bad argument with an ellipsis', async () => {
    const long = 'x'.repeat(5000);
    const r = await run(['show', long]);
    expect(r.code).toBe(2);
    expect(r.err.length).toBeLessThan(300);
    expect(r.err).toContain('…');
  });
});

/** `verify --only ONLY --report DIR`, sent SIGINT once its stderr matches `when`: the exit code and stderr. */
async function interruptedVerify(only: string, report: string, when: RegExp): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, [resolve('src/bin.mjs'), 'verify', '--only', only, '--report', report], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const code = await new Promise<number | null>((done) => {
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      if (when.test(err) && !child.killed) child.kill('SIGINT');
    });
    child.stdout.resume();
    child.on('exit', (c) => done(c));
  });
  return { code, err };
}

describe('Ctrl-C keeps what was found', () => {
  it('the claim in progress becomes inconclusive ("interrupted") and report.json is complete', async () => {
    const report = join(tmp, 'interrupted');
    const { code } = await interruptedVerify('thm:3.1:case', report, /\[1\/\d+\]/);
    expect(code).toBe(130);
    expect(existsSync(join(report, 'report.json'))).toBe(true);
    const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8'));
    expect(json.claims.length).toBeGreaterThanOrEqual(1);
    const last = json.claims[json.claims.length - 1];
    expect(last.verdict).toBe('inconclusive');
    expect(last.summary).toMatch(/interrupted/);
  }, 30_000);

  it('stops a simulation on worker threads (thm:3.1:perturbed) where it is: no task is handed out after Ctrl-C', async () => {
    const report = join(tmp, 'interrupted-simulation');
    // at the first particle batch back: the simulation is under way on the workers
    const { code, err } = await interruptedVerify('thm:3.1:perturbed', report, /thm:3\.1:perturbed: 1\/\d+ done/);
    expect(code).toBe(130);
    const counts = [...err.matchAll(/thm:3\.1:perturbed: (\d+)\/(\d+) done/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const [lastDone, total] = counts[counts.length - 1];
    // the workers finish the tasks they hold (one each), then take no more
    expect(total).toBeGreaterThan(20);
    expect(lastDone).toBeLessThan(10);
    const json = JSON.parse(readFileSync(join(report, 'report.json'), 'utf8'));
    expect(json.claims.map((c: { id: string; verdict: string; summary: string }) => [c.id, c.verdict, /interrupted/.test(c.summary)])).toEqual([['thm:3.1:perturbed', 'inconclusive', true]]);
  }, 60_000);
});
