/**
 * The constants explorer (`hypocheck explore`, issue 11 items 6–7) in a real browser: the page the
 * command writes, opened from disk in Chromium (playwright-core, Debian's /usr/bin/chromium), at
 * 24 seeded random parameter points covering γ < 2ω₀, γ = 2ω₀ (with and without δ), γ > 2ω₀ and
 * the ASGD parametrisation, agrees field by field with `hypocheck constants --json` (in-process
 * through `main`, and through the CLI process for a few points); a third of the points are typed
 * into the real inputs and read back from the page's JSON panel. Bad parameters show the CLI's
 * error line; sliders redraw; no console error, no request but the file itself. A screenshot goes
 * to test-artifacts/ (git-ignored).
 *
 * Without Chromium the test is skipped with a message, except in CI (CI or HYPOCHECK_REQUIRE_GPU
 * set), where a missing browser fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { main } from '../../src/cli.ts';
import type { ExploreFlags } from '../../src/explore/model.ts';

// Browser globals, used only inside page.evaluate callbacks (which run in Chromium); this file is
// compiled without lib "dom", and a module-scoped declaration keeps them out of other files.
declare const document: any, window: any;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const IN_CI = !!(process.env.CI || process.env.HYPOCHECK_REQUIRE_GPU);

function findChromium(): string | undefined {
  const candidates = [process.env.HYPOCHECK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

const chromium = findChromium();
if (!chromium && !IN_CI) console.warn('explore-browser.test.ts: skipped — no Chromium at /usr/bin/chromium (set HYPOCHECK_CHROMIUM=/path/to/chrome to run it)');

/** mulberry32: a small seeded PRNG (the points are the same on every run). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'case1' | 'case2' | 'case3' | 'asgd';
interface Point {
  kind: Kind;
  flags: ExploreFlags;
}

/** 24 points: 6 per kind; four-digit decimals (exact as rationals, as typed on a command line). */
function points(seed: number): Point[] {
  const rnd = prng(seed);
  const dec = (x: number) => String(Number(x.toPrecision(4)));
  const logU = (lo: number, hi: number) => lo * (hi / lo) ** rnd();
  const out: Point[] = [];
  for (let i = 0; i < 6; i++) {
    const w = Number(logU(0.2, 5).toPrecision(3)); // 3 digits: γ = 2ω₀ below stays exact in 4
    const maybeEps = rnd() < 0.5 ? { eps0: dec(logU(1e-3, 1)) } : {};
    out.push({ kind: 'case1', flags: { omega0: String(w), gamma: dec(w * (0.05 + 1.9 * rnd())), beta: dec(logU(0.01, 100)), ...maybeEps } });
    out.push({ kind: 'case2', flags: { omega0: String(w), gamma: dec(w * (2.05 + 6 * rnd())), beta: dec(logU(0.01, 100)), ...maybeEps } });
    // γ = 2ω₀ exactly (ω₀ a short decimal, γ its double), δ ∈ (0, ω₀) for two of three
    const delta = i % 3 === 2 ? {} : { delta: dec(w * (0.02 + 0.9 * rnd())) };
    out.push({ kind: 'case3', flags: { omega0: String(w), gamma: dec(2 * w), beta: dec(logU(0.01, 100)), ...delta, ...maybeEps } });
    // ASGD: η, κ, Σ; one point lands on the critical case ((1 − κ)/η = 4ω₀²: η = 0.01, κ = 0.96, ω₀ = 1)
    out.push({
      kind: 'asgd',
      flags:
        i === 0
          ? { omega0: '1', eta: '0.01', kappa: '0.96', sigma: '1' }
          : { omega0: dec(logU(0.3, 3)), eta: dec(logU(1e-3, 0.5)), kappa: dec(0.05 + 0.9 * rnd()), sigma: dec(logU(0.1, 10)), ...maybeEps },
    });
  }
  return out;
}

function cliArgs(flags: ExploreFlags): string[] {
  return Object.entries(flags).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));
}

/** `hypocheck constants … --json` in-process (the CLI's own main). */
async function constantsInProcess(flags: ExploreFlags): Promise<{ code: number; json?: unknown; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['constants', ...cliArgs(flags), '--json'], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, json: code === 0 ? JSON.parse(out.join('\n')) : undefined, err: err.join('\n') };
}

/** `node src/bin.mjs constants … --json` as a process. */
function constantsProcess(flags: ExploreFlags): unknown {
  return JSON.parse(execFileSync(process.execPath, [join(ROOT, 'src', 'bin.mjs'), 'constants', ...cliArgs(flags), '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }));
}

/**
 * Field-by-field comparison: same keys, same strings/booleans/nulls, numbers equal (a relative
 * 1e-13 is allowed for pow() of Chromium's V8 against Node's — τ of the ASGD parametrisation and
 * what depends on it differ in the last bits; the count of bit-identical numbers is returned).
 * Mismatches are listed with their path.
 */
function compareFields(page: unknown, cli: unknown, path = '$', acc = { mismatches: [] as string[], numbers: 0, identical: 0 }) {
  if (typeof cli === 'number' && typeof page === 'number') {
    acc.numbers++;
    if (Object.is(page, cli)) acc.identical++;
    else if (process.env.EXPLORE_DEBUG) console.log('not bit-identical', path, page, cli);
    else if (!(Math.abs(page - cli) <= 1e-13 * Math.max(Math.abs(page), Math.abs(cli)))) acc.mismatches.push(`${path}: page ${page} vs cli ${cli}`);
  } else if (Array.isArray(cli) && Array.isArray(page)) {
    if (page.length !== cli.length) acc.mismatches.push(`${path}: length ${page.length} vs ${cli.length}`);
    cli.forEach((c, i) => compareFields(page[i], c, `${path}[${i}]`, acc));
  } else if (cli !== null && typeof cli === 'object' && page !== null && typeof page === 'object') {
    const pk = Object.keys(page).sort();
    const ck = Object.keys(cli).sort();
    if (pk.join() !== ck.join()) acc.mismatches.push(`${path}: keys ${pk.join()} vs ${ck.join()}`);
    for (const k of ck) compareFields((page as Record<string, unknown>)[k], (cli as Record<string, unknown>)[k], `${path}.${k}`, acc);
  } else if (page !== cli) {
    acc.mismatches.push(`${path}: page ${JSON.stringify(page)} vs cli ${JSON.stringify(cli)}`);
  }
  return acc;
}

describe.skipIf(!chromium && !IN_CI)('hypocheck explore in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let url: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const blocked: string[] = [];
  const pts = points(20211);

  beforeAll(async () => {
    expect(chromium, 'Chromium is required in CI (apt-get install chromium)').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'hypocheck-explore-'));
    const file = join(dir, 'explore.html');
    const out: string[] = [];
    const err: string[] = [];
    expect(await main(['explore', '--out', file], { out: (l) => out.push(l), err: (l) => err.push(l) }), err.join('\n')).toBe(0);
    url = pathToFileURL(file).href;
    mkdirSync(ARTIFACTS, { recursive: true });
    const { chromium: pw } = await import('playwright-core');
    browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    // Anything but the page itself would be a network request: refuse it (and record it).
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with the initial point drawn, no console error and no request but the file itself', async () => {
    const cur = await page.evaluate(() => window.hypocheckExplore.current());
    expect(cur.ok).toBe(true);
    const expected = await constantsInProcess({ omega0: '1', gamma: '0.5', beta: '2' });
    expect(compareFields(cur.json, expected.json).mismatches).toEqual([]);
    expect(await page.locator('#plots svg').count()).toBe(4);
    expect(await page.locator('#command').textContent()).toBe('hypocheck constants --omega0 1 --gamma 0.5 --beta 2 --json');
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((r) => r !== url)).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('covers every regime and the ASGD parametrisation with 24 seeded points', async () => {
    const regimes = new Set<string>();
    for (const p of pts) {
      const r = await constantsInProcess(p.flags);
      expect(r.code, `${JSON.stringify(p.flags)}: ${r.err}`).toBe(0);
      const j = r.json as { regime: string; asgd?: unknown };
      if (p.kind !== 'asgd') expect(j.regime).toBe(p.kind);
      else expect(j.asgd).toBeDefined();
      regimes.add(p.kind === 'asgd' ? `asgd-${j.regime}` : j.regime);
    }
    expect(pts.length).toBeGreaterThanOrEqual(20);
    for (const k of ['case1', 'case2', 'case3', 'asgd-case3']) expect(regimes.has(k), k).toBe(true);
  });

  it('agrees with `hypocheck constants --json` on every field at every point (a third typed into the real inputs)', async () => {
    let numbers = 0;
    let identical = 0;
    let typed = 0;
    for (const [i, p] of pts.entries()) {
      const expected = (await constantsInProcess(p.flags)).json;
      let got: unknown;
      if (i % 3 === 0) {
        // The real inputs: the mode radio, then every visible text field (empty = flag not given).
        typed++;
        const asgd = p.kind === 'asgd';
        await page.check(asgd ? '#mode-asgd' : '#mode-gb');
        const keys = asgd ? ['omega0', 'eta', 'kappa', 'sigma', 'delta', 'eps0'] : ['omega0', 'gamma', 'beta', 'delta', 'eps0'];
        for (const k of keys) await page.fill(`#${k}`, p.flags[k as keyof ExploreFlags] ?? '');
        expect(await page.locator('#error').isHidden(), JSON.stringify(p.flags)).toBe(true);
        got = JSON.parse((await page.locator('#json').textContent()) ?? '');
        expect(await page.locator('#command').textContent()).toBe(`hypocheck constants ${cliArgs(p.flags).join(' ')} --json`.replace(/ +/g, ' '));
      } else {
        got = await page.evaluate((f) => window.hypocheckExplore.compute(f), p.flags);
      }
      const cmp = compareFields(got, expected);
      expect(cmp.mismatches, `${p.kind} ${JSON.stringify(p.flags)}`).toEqual([]);
      numbers += cmp.numbers;
      identical += cmp.identical;
      // γ, β points use only +, −, ×, ÷, √ (correctly rounded): bit-identical. ASGD points go
      // through τ = η^{3/4}(1 − κ)^{−1/4}Σ, a pow() whose last bit may differ between V8 builds.
      if (p.kind !== 'asgd') expect(cmp.identical, `bit-identical: ${JSON.stringify(p.flags)}`).toBe(cmp.numbers);
    }
    expect(typed).toBeGreaterThanOrEqual(8);
    expect(numbers).toBeGreaterThan(24 * 20);
    expect(identical / numbers).toBeGreaterThan(0.95);
    expect(consoleErrors).toEqual([]);
    expect(blocked).toEqual([]);
  }, 60_000);

  it('agrees with the CLI process (`node src/bin.mjs constants … --json`) at one point per kind', async () => {
    for (const kind of ['case1', 'case2', 'case3', 'asgd'] as const) {
      const p = pts.find((x) => x.kind === kind)!;
      const got = await page.evaluate((f) => window.hypocheckExplore.compute(f), p.flags);
      expect(compareFields(got, constantsProcess(p.flags)).mismatches, `${kind} ${JSON.stringify(p.flags)}`).toEqual([]);
    }
  }, 60_000);

  it('shows the CLI error line instead of NaN for parameters `constants` rejects', async () => {
    const bad: ExploreFlags[] = [
      { omega0: '1', gamma: '0', beta: '1' },
      { omega0: '1e7', gamma: '1', beta: '1' },
      { omega0: '1', gamma: '2', beta: '1', delta: '1' },
      { omega0: '1', gamma: '0.5', beta: '1e-9' },
      { omega0: '1', gamma: 'abc', beta: '1' },
      { omega0: '1', eta: '0.1', kappa: '1', sigma: '1' },
      { omega0: '1', gamma: '0.5', beta: '2', eps0: '-1' },
    ];
    for (const [i, f] of bad.entries()) {
      const cli = await constantsInProcess(f);
      expect(cli.code).toBe(2);
      let shown: string;
      if (i < 3) {
        await page.check(f.eta ? '#mode-asgd' : '#mode-gb');
        for (const k of f.eta ? ['omega0', 'eta', 'kappa', 'sigma', 'delta', 'eps0'] : ['omega0', 'gamma', 'beta', 'delta', 'eps0']) await page.fill(`#${k}`, f[k as keyof ExploreFlags] ?? '');
        expect(await page.locator('#error').isVisible()).toBe(true);
        shown = (await page.locator('#error').textContent()) ?? '';
        expect(await page.locator('#json').textContent()).toBe('');
      } else {
        shown = (await page.evaluate((flags) => window.hypocheckExplore.set(flags), f)).error;
      }
      expect(shown).toBe(cli.err);
      expect(shown).not.toMatch(/NaN|undefined/);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'explore-error.png') });
    expect(consoleErrors).toEqual([]);
  });

  it('redraws on a slider, and writes a screenshot', async () => {
    await page.evaluate(() => window.hypocheckExplore.set({ omega0: '1', eta: '0.01', kappa: '0.98', sigma: '1' }));
    await page.fill('#kappa-slider', '0.9');
    expect(await page.inputValue('#kappa')).toBe('0.9');
    const cur = await page.evaluate(() => window.hypocheckExplore.current());
    expect(cur.ok).toBe(true);
    expect(compareFields(cur.json, (await constantsInProcess({ omega0: '1', eta: '0.01', kappa: '0.9', sigma: '1' })).json).mismatches).toEqual([]);
    // Remark 3.2's break-even m and SGD's rate are on the page
    const rates = (await page.locator('#rates').textContent()) ?? '';
    expect(rates).toContain('break-even m');
    expect(rates).toContain('SGD in k');
    expect(await page.locator('#plots svg').count()).toBe(4);
    await page.fill('#omega0-slider', '0.3'); // log10 scale: ω₀ = 10^0.3 ≈ 2
    expect(await page.inputValue('#omega0')).toBe('2');
    expect((await page.evaluate(() => window.hypocheckExplore.current())).json.omega0).toBe(2);
    await page.evaluate(() => window.hypocheckExplore.set({ omega0: '1', gamma: '3', beta: '2', eps0: '0.01' }));
    await page.screenshot({ path: join(ARTIFACTS, 'explore.png'), fullPage: true });
    expect(existsSync(join(ARTIFACTS, 'explore.png'))).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((r) => r !== url)).toEqual([]);
    expect(blocked).toEqual([]);
    // the page never set anything outside its own document
    expect(await page.evaluate(() => document.querySelectorAll('script[src], link[rel=stylesheet], img[src^="http"]').length)).toBe(0);
  });
});
