/**
 * `hypocheck explore [--out FILE]` (issue 11, item 6): writes one self-contained HTML page (the
 * script inlined, nothing fetched), built from the same sources as `hypocheck constants`; a bad
 * --out is a usage error (exit 2, one line) before any work. The page in a browser:
 * test/src/explore-browser.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import { DEFAULT_EXPLORE_OUT } from '../../src/commands/explore.ts';
import { bundleExplorerScript } from '../../src/explore/bundle.ts';
import { constantsJson, explore } from '../../src/explore/model.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hypocheck explore', () => {
  it('writes one self-contained HTML file (no http(s) src/href, no external script or stylesheet)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-explore-'));
    const file = join(dir, 'sub', 'page.html'); // the folder is created
    const r = await run(['explore', '--out', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('page.html');
    expect(r.out.split('\n')).toHaveLength(1);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]*\bsrc\s*=/i);
    expect(html).not.toMatch(/<link[^>]*rel=["']?stylesheet/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toContain("default-src 'none'"); // CSP: the browser refuses any request
    // exactly one inline script, closed once
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html.match(/<\/script/gi)).toHaveLength(1);
    expect(html).toContain('hypocheckExplore');
    for (const id of ['omega0', 'gamma', 'beta', 'eta', 'kappa', 'sigma', 'delta', 'eps0']) expect(html).toContain(`id="${id}"`);
    expect(html.length).toBeLessThan(1_000_000);
  });

  it('bundles the code of `hypocheck constants` (only node:fs and node:path stubbed)', async () => {
    const b = await bundleExplorerScript();
    for (const src of ['src/commands/constants.ts', 'symbolic/constants.ts', 'symbolic/lyapunov.ts', 'src/explore/page.ts']) expect(b.inputs).toContain(src);
    expect(b.stubbed).toEqual(['node:fs', 'node:path']);
    expect(b.script).not.toMatch(/<\/script/i);
  });

  it('the page model returns exactly what `constants --json` prints, or its error line', async () => {
    const flags = { omega0: '1', eta: '0.01', kappa: '0.98', sigma: '1', eps0: '0.001' };
    const r = await run(['constants', '--omega0', '1', '--eta', '0.01', '--kappa', '0.98', '--sigma', '1', '--eps0', '0.001', '--json']);
    expect(JSON.parse(JSON.stringify(constantsJson(flags)))).toEqual(JSON.parse(r.out));
    const bad = await run(['constants', '--omega0', '1', '--gamma', '2', '--beta', '1', '--delta', '1']);
    const page = explore({ omega0: '1', gamma: '2', beta: '1', delta: '1' });
    expect(bad.code).toBe(2);
    expect(page.ok).toBe(false);
    expect(!page.ok && page.error).toBe(bad.err);
  });

  it('Remark 3.2 at the paper example: SGD rate and break-even m (η = 0.01, ω₀² = 2, κ = 0.96)', () => {
    // ω₀ = √2 is irrational; ω₀ = 1.4142 is close: SGD is in the branch η < 1/(4ω₀²)
    const r = explore({ omega0: '1.4142', eta: '0.01', kappa: '0.96', sigma: '1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const s = r.extras.steps!;
    expect(s.breakEvenRemark).toBeCloseTo(25, 10);
    // printed (3.7): SGD 2(1 − √(1 − 4ω₀²η))k, ASGD 2(1 − κ)k ⇒ m* = 25 − 5√23 ≈ 1.021 (rem:3.2:break-even)
    expect(s.breakEvenPrinted).toBeCloseTo(25 - 5 * Math.sqrt(23), 3);
    expect(s.breakEvenProved).toBeCloseTo(s.sgd.proved / s.asgd.proved, 12);
    expect(r.extras.gapProved[0]).toBeGreaterThanOrEqual(-1e-12);
    expect(r.extras.gapPrinted![0]).toBeLessThan(0);
  });

  it.each([
    [(d: string) => d, 'is a directory'],
    [() => '', 'must name a file'],
    [(d: string) => join(d, 'a-file', 'page.html'), 'is a file, not a directory'],
    [() => '/proc/page.html', 'pseudo-filesystem'],
    [(d: string) => `${d}/`, 'is a directory'],
  ])('rejects a bad --out (%#) with one line and exit code 2, writing nothing', async (make, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-explore-bad-'));
    writeFileSync(join(dir, 'a-file'), 'x');
    const out = make(dir);
    const r = await run(['explore', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.startsWith('hypocheck: --out')).toBe(true);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
    expect(existsSync(join(dir, 'a-file', 'page.html'))).toBe(false);
  });

  it('rejects an unwritable folder', async () => {
    if (process.getuid?.() === 0) return; // root writes everywhere
    const dir = mkdtempSync(join(tmpdir(), 'hc-explore-ro-'));
    mkdirSync(join(dir, 'ro'), { mode: 0o500 });
    const r = await run(['explore', '--out', join(dir, 'ro', 'page.html')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('not writable');
  });

  it('defaults to report/explore.html and says so in --help', async () => {
    expect(DEFAULT_EXPLORE_OUT).toBe('report/explore.html');
    const out: string[] = [];
    const code = await main(['explore', '--help'], { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('report/explore.html');
  });
});
