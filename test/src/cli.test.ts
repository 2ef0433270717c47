import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hypocheck CLI errors', () => {
  it('rejects an unknown claim id with exit code 2 and one line', async () => {
    const r = await run(['show', 'eq:9.9']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^hypocheck: unknown claim id "eq:9.9"/);
    expect(r.err.split('\n')).toHaveLength(1);
  });
  it('rejects a bad seed with exit code 2', async () => {
    const r = await run(['verify', '--seed', 'abc']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--seed must be a finite number, got "abc"');
  });
  it('rejects a negative seed', async () => {
    const r = await run(['verify', '--seed', '-1']);
    expect(r.code).toBe(2);
  });
  it('rejects an unknown backend', async () => {
    const r = await run(['verify', '--backend', 'tpu']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tpu/);
  });
  it('rejects an unknown command', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
  });
  it('rejects an --only prefix that matches nothing', async () => {
    const r = await run(['verify', '--only', 'zzz:']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('matches no claim');
  });
  it('prints the version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('hypocheck verify', () => {
  it('writes report.json in the DESIGN.md schema, report.md and report.html', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hypocheck-'));
    const r = await run(['verify', '--only', 'sec:2', '--report', dir, '--json', join(dir, 'extra.json')]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.tool).toBe('hypocheck');
    expect(report.seed).toBe(1);
    const staleness = report.claims.find((c: { id: string }) => c.id === 'sec:2:staleness-mean');
    // E[τ] = κ/(1−κ) for P(τ = l) = (1−κ)κ^l, l ≥ 0: the printed 1/(1−κ) is refuted
    expect(staleness.verdict).toBe('refuted');
    expect(staleness.reproduce).toBe('hypocheck show sec:2:staleness-mean --seed 1');
    expect(JSON.parse(readFileSync(join(dir, 'extra.json'), 'utf8')).claims.length).toBe(report.claims.length);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('sec:2:staleness-mean');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<table>');
    expect(r.out).toMatch(/sec:2:staleness-mean\s+\S*refuted/);
  });
  it('shows a claim with its witness and the command that reproduces it', async () => {
    const r = await run(['show', 'sec:2:staleness-mean', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Witness');
    expect(r.out).toContain('hypocheck show sec:2:staleness-mean --seed 3');
  });
  it('prints a derivation step by step', async () => {
    const r = await run(['derive', 'eq:2.4']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Step 1.');
    expect(r.out).toContain('LaTeX');
  });
  it('lists every claim id once', async () => {
    const r = await run(['list']);
    const ids = r.out.split('\n').map((l) => l.split(/\s+/)[0]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['eq:2.3', 'eq:2.4', 'thm:3.1:case1', 'eq:4.5']));
  });
});

describe('hypocheck --backend gpu without an adapter', () => {
  it('stops with one line and exit code 2 before any claim runs', async () => {
    const saved = process.env.HYPOCHECK_GPU_BACKEND;
    process.env.HYPOCHECK_GPU_BACKEND = 'nosuchbackend'; // no Dawn backend has this name: no adapter anywhere
    try {
      const dir = mkdtempSync(join(tmpdir(), 'hypocheck-'));
      const r = await run(['verify', '--only', 'eq:3.5:numeric', '--backend', 'gpu', '--report', dir]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^hypocheck: --backend gpu: no usable GPU adapter/);
      expect(r.out).not.toContain('eq:3.5:numeric');
    } finally {
      if (saved === undefined) delete process.env.HYPOCHECK_GPU_BACKEND;
      else process.env.HYPOCHECK_GPU_BACKEND = saved;
    }
  });
});

describe('reproducibility', () => {
  it('gives the same verdicts and evidence for the same seed (numeric claims)', async () => {
    const reports = [];
    for (let i = 0; i < 2; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'hypocheck-'));
      const r = await run(['verify', '--only', 'eq:3.5:numeric', '--backend', 'cpu', '--effort', '0.2', '--seed', '5', '--report', dir]);
      expect(r.code).toBe(0);
      reports.push(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).claims.map((c: { ms?: number }) => ({ ...c, ms: 0 })));
    }
    expect(reports[0]).toEqual(reports[1]);
    expect(reports[0][0].reproduce).toBe('hypocheck show eq:3.5:numeric --seed 5 --backend cpu');
  });
});
