/**
 * report.html in a real browser (issue 11, item 7): a report written by the CLI for a small claim
 * file, opened from disk in Chromium (playwright-core, Debian's /usr/bin/chromium): no console
 * error, no request but the file itself, no raw LaTeX on screen, one graph node per claim,
 * corrected statement and cited result, a click on a node brings its section into view, the
 * filters hide rows and sections. Screenshots go to test-artifacts/ (git-ignored).
 *
 * Without Chromium the test is skipped with a message, except in CI (CI or HYPOCHECK_REQUIRE_GPU
 * set), where a missing browser fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { HypocheckReport } from '../../src/report.ts';

// Browser globals, used only inside page.evaluate callbacks (which run in Chromium); this file is
// compiled without lib "dom", and a module-scoped declaration keeps them out of other files.
declare const document: any, window: any, location: any, NodeFilter: any;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const CLAIMS = join(ROOT, 'proofs', 'arnold-erb-2014.claims.yaml');
const IN_CI = !!(process.env.CI || process.env.HYPOCHECK_REQUIRE_GPU);

/** Chromium's executable: HYPOCHECK_CHROMIUM, else Debian's, else Playwright's own download. */
function findChromium(): string | undefined {
  const candidates = [process.env.HYPOCHECK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

const chromium = findChromium();
if (!chromium && !IN_CI) console.warn('report-browser.test.ts: skipped — no Chromium at /usr/bin/chromium (set HYPOCHECK_CHROMIUM=/path/to/chrome to run it)');

describe.skipIf(!chromium && !IN_CI)('report.html in Chromium', () => {
  let browser: Browser;
  let page: Page;
  let report: HypocheckReport;
  let url: string;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    // In CI a missing browser is a failure, not a skip.
    expect(chromium, 'Chromium is required in CI (apt-get install chromium)').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'hypocheck-html-'));
    const t0 = performance.now();
    execFileSync(process.execPath, [join(ROOT, 'src', 'bin.mjs'), 'check', CLAIMS, '--report', dir, '--backend', 'cpu'], { cwd: ROOT, stdio: 'pipe', timeout: 90_000 });
    const ms = performance.now() - t0;
    expect(ms, 'the small claim file checks in well under a minute').toBeLessThan(60_000);
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as HypocheckReport;
    url = pathToFileURL(join(dir, 'report.html')).href;
    mkdirSync(ARTIFACTS, { recursive: true });
    const { chromium: pw } = await import('playwright-core');
    browser = await pw.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no request but the file itself (fonts are data: URLs)', async () => {
    await page.screenshot({ path: join(ARTIFACTS, 'report-top.png') });
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((r) => r !== url && !r.startsWith('data:'))).toEqual([]);
    // KaTeX's fonts did load (from the inlined data: URLs)
    const loaded: string[] = await page.evaluate(() => {
      const out: string[] = [];
      document.fonts.forEach((f: { status: string; family: string }) => f.status === 'loaded' && out.push(f.family));
      return out;
    });
    expect(loaded.some((f) => /KaTeX/.test(f))).toBe(true);
  });

  it('leaves no raw LaTeX in the visible text', async () => {
    // every rendered text node outside KaTeX (closed <details> are not rendered: not visible)
    const text = await page.evaluate(() => {
      const out: string[] = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('.katex, script, style, svg') || !el.checkVisibility()) continue;
        out.push(n.textContent ?? '');
      }
      return out.join(' ');
    });
    expect(text).toContain(report.claims[0].id);
    for (const raw of ['\\frac', '\\mathbb', '\\left', '\\operatorname', '\\text{', '^{', '_{']) {
      const at = text.indexOf(raw);
      expect(at < 0 ? '' : text.slice(Math.max(0, at - 80), at + 40), `raw LaTeX ${raw} on screen`).toBe('');
    }
    const typeset = await page.locator('.statement .katex').count();
    expect(typeset).toBeGreaterThanOrEqual(report.claims.filter((r) => /\\[A-Za-z]/.test(r.statement)).length);
  });

  it('draws one graph node per claim, corrected statement and cited result; a click jumps to the section', async () => {
    const expected = report.claims.length + report.claims.filter((r) => r.corrected).length + report.cited.length;
    await expect(page.locator('#graph svg g.node').count()).resolves.toBe(expected);
    // every label fits its box, whatever font the browser has
    const overflowing = await page.evaluate(() =>
      Array.from(document.querySelectorAll('#graph g.node')).flatMap((g: any) => {
        const box = g.querySelector('path, polygon, ellipse').getBBox();
        return Array.from(g.querySelectorAll('text')).filter((t: any) => {
          const b = t.getBBox();
          return b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5;
        }).map((t: any) => t.textContent as string);
      }),
    );
    expect(overflowing).toEqual([]);
    const refuted = report.claims.find((r) => r.verdict === 'refuted')!;
    const anchor = `claim-${refuted.id}`;
    const node = page.locator(`#graph svg g.node:has(a[*|href="#${anchor}"])`);
    await expect(node.count()).resolves.toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await node.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'report-graph.png') });
    await node.click();
    await page.waitForFunction((id) => decodeURIComponent(location.hash) === `#${id}`, anchor);
    const inView = await page.evaluate((id) => {
      const r = document.getElementById(id)!.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    }, anchor);
    expect(inView).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'report-claim.png') });
  });

  it('filters hide table rows and claim sections by verdict and by section', async () => {
    const total = report.claims.length;
    const refuted = report.claims.filter((r) => r.verdict === 'refuted').length;
    const visibleSections = () => page.locator('section.claim:visible').count();
    const visibleRows = () => page.locator('tr.claim-row:visible').count();
    await expect(visibleSections()).resolves.toBe(total);
    await page.locator('#filters input[name="verdict"][value="proved"]').uncheck();
    await expect(visibleSections()).resolves.toBe(total - report.summary.proved);
    await expect(visibleRows()).resolves.toBe(total - report.summary.proved);
    await expect(page.locator('#shown').textContent()).resolves.toBe(String(total - report.summary.proved));
    // filtered-out claims are dimmed in the graph
    await expect(page.locator('#graph g.node.dim').count()).resolves.toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, document.getElementById('filters')!.offsetTop));
    await page.screenshot({ path: join(ARTIFACTS, 'report-filtered.png') });
    // sections: none, then one
    await page.locator('#filters button[data-all="off"][data-name="section"]').click();
    await expect(visibleSections()).resolves.toBe(0);
    const first = (await page.locator('#filters input[name="section"]').first().getAttribute('value'))!;
    await page.locator(`#filters input[name="section"][value="${first}"]`).check();
    const inFirst = report.claims.filter((r) => r.verdict !== 'proved').length ? await page.locator(`section.claim[data-section="${first}"]:not([data-verdict="proved"])`).count() : 0;
    await expect(visibleSections()).resolves.toBe(inFirst);
    await expect(visibleRows()).resolves.toBe(inFirst);
    // back to everything
    await page.locator('#filters button[data-all="on"][data-name="section"]').click();
    await page.locator('#filters button[data-all="on"][data-name="verdict"]').click();
    await expect(visibleSections()).resolves.toBe(total);
    expect(refuted).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });
});
