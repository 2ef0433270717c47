import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
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

describe('hypocheck constants', () => {
  it('prints hand-computed values for ω₀ = 1, γ = 0.5, β = 2 as JSON', async () => {
    const r = await run(['constants', '--omega0', '1', '--gamma', '0.5', '--beta', '2', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.regime).toBe('case1');
    expect([j.muPrinted, j.muProved, j.C, j.Ch, j.C2]).toEqual([0.5, 0.25, 1, 0.25, 2]);
    expect(j.timeExponent.proved).toBe(0.5);
  });

  it('prints the regime, μ printed and proved in text', async () => {
    const r = await run(['constants', '--omega0', '1', '--gamma', '3', '--beta', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('case 2');
    expect(r.out).toMatch(/μ proved\S*\s+0\.381966/); // (3 − √5)/2
  });

  it('derives γ and β from η, κ, Σ (γ² = (1 − κ)/η = 2)', async () => {
    const r = await run(['constants', '--eta', '0.01', '--kappa', '0.98', '--sigma', '1', '--omega0', '1', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.gamma).toBeCloseTo(Math.SQRT2, 12);
    expect(j.stepExponent.proved).toBeCloseTo(0.02, 12); // 1 − κ
  });

  it('uses the constructed C(δ) at γ = 2ω₀ with --delta', async () => {
    const j = JSON.parse((await run(['constants', '--omega0', '1', '--gamma', '2', '--beta', '1', '--delta', '0.25', '--json'])).out);
    expect([j.regime, j.muProved, j.C, j.Ch]).toEqual(['case3', 0.75, 1.125, 1]);
  });

  it('writes CSV and two SVG plots with --grid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-const-'));
    const r = await run(['constants', '--omega0', '1', '--beta', '2', '--grid', '--from', '1', '--to', '3', '--points', '5', '--out', dir]);
    expect(r.code).toBe(0);
    const csv = readFileSync(join(dir, 'constants-grid.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(6);
    expect(csv[3].startsWith('2,case3,,')).toBe(true);
    expect(existsSync(join(dir, 'mu.svg')) && existsSync(join(dir, 'eps-over-eps0.svg'))).toBe(true);
  });

  it.each([
    [['--omega0', '0', '--gamma', '1', '--beta', '1'], '--omega0 must be > 0'],
    [['--omega0', 'NaN', '--gamma', '1', '--beta', '1'], '--omega0 must be a finite number'],
    [['--omega0', '1', '--gamma', '-1', '--beta', '1'], '--gamma must be > 0'],
    [['--omega0', '1', '--eta', '0.1', '--kappa', '1', '--sigma', '1'], '--kappa must be in (0, 1)'],
    [['--omega0', '1', '--eta', '0', '--kappa', '0.5', '--sigma', '1'], '--eta must be > 0'],
    [['--gamma', '1', '--beta', '1'], '--omega0 is required'],
    [['--omega0', '1', '--beta', '1'], '--gamma is required'],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const r = await run(['constants', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});
