/**
 * The HTML report (issue 11) without a browser: one self-contained file (inline graph SVG laid out
 * by Graphviz, KaTeX CSS with data: fonts, no http(s) resource), statements typeset, evidence as
 * tables, one anchor scheme (`claim-<id>`) for the graph and the links. report-browser.test.ts
 * opens a real report in Chromium.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeLatex, prose, renderHtml, renderValue, sectionOf } from '../../src/html.ts';
import { buildReport, toJson, type HypocheckReport } from '../../src/report.ts';
import { proofGraphSvg } from '../../src/commands/graph.ts';
import type { ClaimReport } from '../../src/claims.ts';

const row = (id: string, verdict: ClaimReport['verdict'], extra: Partial<ClaimReport> = {}): ClaimReport => ({
  id,
  source: 'Section 2, (2.3)',
  statement: 'prose statement',
  verdict,
  method: 'exact',
  witness: null,
  corrected: null,
  evidence: {},
  reproduce: `hypocheck show ${id} --seed 1`,
  ms: 3,
  summary: `${id} summary`,
  hypotheses: [],
  uses: [],
  kind: 'identity',
  ...extra,
});

function sample(): HypocheckReport {
  const rows: ClaimReport[] = [
    row('lem:1', 'proved', { basis: 'kernel', uses: ['cite:x'], latex: String.raw`\frac{\partial p}{\partial t} = \nabla\cdot\left(\mathbb{E}[x] p\right) + x^{2}`, statement: String.raw`\frac{\partial p}{\partial t} = \nabla\cdot\left(\mathbb{E}[x] p\right) + x^{2}` }),
    row('lem:2', 'refuted', {
      source: 'Lemma 4.3 (ii), instance',
      statement: String.raw`\mu = \operatorname{tr} C / n`,
      latex: String.raw`\mu = \operatorname{tr} C / n`,
      witness: { nu: '2', delta: '1/3' },
      evidence: {
        residual: 'x^2 - 1',
        points: [
          { x: 1, y: 2, ok: true },
          { x: 3, y: 4, ok: false },
        ],
        matrix: [
          ['1', '0'],
          ['0', '1'],
        ],
        nested: { solver: { name: 'z3', ms: 12 }, queries: ['a.smt2', 'b.smt2'] },
        long: 'y'.repeat(3000),
      },
      corrected: { statement: String.raw`\mu = \min \operatorname{Re} \lambda(C)`, latex: String.raw`\mu = \min \operatorname{Re} \lambda(C)`, verdict: 'proved', method: 'exact', basis: 'kernel' },
    }),
    row('thm:1', 'inconclusive', { source: 'Theorem 3.1', uses: ['lem:1', 'lem:2'], kind: 'conjunction', title: 'Theorem 1' }),
    row('ours:var', 'refuted', { source: 'ours — deliberately wrong variant of Lemma 4.3' }),
  ];
  return buildReport(rows, { version: '0.0.0', seed: 1, backends: { gpu: 'none', z3: '4' }, paper: 'test-paper', title: 'A test paper', cited: [{ id: 'cite:x', bib: 'x', statement: 'Poincaré: Var(h) ≤ E|∇h|².' }] });
}

/** Assertions that name what is missing instead of printing a 400 kB page. */
const has = (text: string, re: RegExp) => expect(re.test(text), `expected to match ${re}`).toBe(true);
const hasNot = (text: string, re: RegExp) => expect(re.exec(text)?.[0], `expected not to match ${re}`).toBeUndefined();
const contains = (text: string, s: string) => expect(text.includes(s), `expected to contain ${s}`).toBe(true);
const lacks = (text: string, s: string) => expect(text.includes(s), `expected not to contain ${s}`).toBe(false);

describe('report.html', () => {
  it('is one self-contained file: inline graph, KaTeX CSS with data: fonts, no network resource', async () => {
    const report = sample();
    const html = await renderHtml(report);
    // the graph: inline <svg>, one node per claim, corrected statement and cited result
    lacks(html, '<?xml');
    lacks(html, '<!DOCTYPE svg');
    const graph = html.slice(html.indexOf('<div id="graph">'), html.indexOf('</svg>', html.indexOf('<div id="graph">')));
    contains(graph, '<svg');
    const nodes = graph.match(/<g id="[^"]*" class="node[^"]*">/g) ?? [];
    expect(nodes).toHaveLength(report.claims.length + 1 + 1); // 4 claims, lem:2:corrected, cite:x
    // every node link has its anchor in the page
    const targets = [...graph.matchAll(/xlink:href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.sort()).toEqual(['claim-cite:x', 'claim-lem:1', 'claim-lem:2', 'claim-lem:2:corrected', 'claim-ours:var', 'claim-thm:1']);
    for (const t of targets) contains(html, `id="${t}"`);
    // the table links use the same scheme
    contains(html, '<a href="#claim-lem:1"><code>lem:1</code></a>');
    // KaTeX: the stylesheet, every font a woff2 data: URL, no relative font file left
    contains(html, '.katex{');
    has(html, /url\(data:font\/woff2;base64,[A-Za-z0-9+/]{100}/);
    hasNot(html, /url\((?!data:)/);
    hasNot(html, /format\("(woff|truetype)"\)/);
    // nothing fetched: no http(s) src/href (xmlns declarations are names, not requests)
    hasNot(html, /\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    hasNot(html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, ''), /https?:\/\/(?!www\.w3\.org\/1999\/xlink)/);
    hasNot(html, /<link\b|<img\b|@import/);
    // size: all fonts inlined once (woff2 only), well under a megabyte for a small report
    expect(html.length).toBeLessThan(600_000);
  });

  it('typesets statements (HTML + MathML): no raw LaTeX left outside KaTeX', async () => {
    const html = await renderHtml(sample());
    contains(html, 'class="katex-html"');
    contains(html, '<math');
    // KaTeX keeps the source in MathML's <annotation> (for copying), by design; nothing else may
    const visible = html
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/<script>[\s\S]*?<\/script>/g, '')
      .replace(/<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation>/g, '');
    lacks(visible, 'latex-source');
    for (const raw of [String.raw`\frac`, String.raw`\mathbb`, String.raw`\operatorname`, String.raw`\lambda`]) lacks(visible, raw);
    // prose stays prose
    contains(html, '<p>prose statement</p>');
  });

  it('shows findings, filters and structured evidence', async () => {
    const html = await renderHtml(sample());
    const body = html.slice(html.indexOf('<body>'));
    contains(body, '<h1>hypocheck report — A test paper</h1>');
    // thm:1 is a conjunction: refuted through lem:2 (buildReport propagates)
    has(body, /<h2>Findings<\/h2>[\s\S]*Refuted \(3\)<\/h3><ul><li><a href="#claim-lem:2"><code>lem:2<\/code><\/a> <span class="badge v-refuted"[^>]*>refuted<\/span> lem:2 summary — corrected: /);
    contains(html, '1 proved: 1 kernel');
    // the headline links the ids it names
    has(body, /<ul class="headline"><li>Theorem 1 \(<a href="#claim-thm:1">thm:1<\/a>\): not established — broken at <a href="#claim-lem:2">lem:2<\/a><\/li>/);
    // filters: a checkbox per verdict present and per section
    for (const v of ['refuted', 'proved']) contains(html, `name="verdict" value="${v}"`);
    for (const s of ['Section 2', 'Section 4', 'Section 3', 'ours']) contains(html, `name="section" value="${s}"`);
    contains(html, 'data-verdict="refuted" data-section="Section 4"');
    // evidence as tables, not JSON paragraphs
    has(html, /<details class="evidence"><summary>evidence \(5 fields\)/);
    contains(html, '<table class="rows"><tr><th>x</th><th>y</th><th>ok</th></tr>');
    contains(html, '<table class="grid">');
    has(html, /<th>solver<\/th><td><table class="kv"><tr><th>name<\/th>/);
    lacks(body.replace(/<script>[\s\S]*<\/script>/, ''), '{\n'); // no pretty-printed JSON
    // the corrected statement has its own anchor and is typeset
    has(html, /<div class="corrected" id="claim-lem:2:corrected">[\s\S]*?class="katex/);
    // reproduce command
    contains(html, '<code>hypocheck show lem:2 --seed 1</code>');
  });

  it('renderValue: objects as key/value tables, arrays of objects as tables, long lists folded', () => {
    expect(renderValue({ a: 1, b: 'x' })).toBe('<table class="kv"><tr><th>a</th><td><code>1</code></td></tr><tr><th>b</th><td><span class="str">x</span></td></tr></table>');
    expect(renderValue([{ a: 1 }, { b: 2 }])).toContain('<tr><th>a</th><th>b</th></tr>');
    expect(renderValue(Array.from({ length: 40 }, (_, i) => i))).toMatch(/^<details class="nested"><summary>40 values<\/summary>/);
    expect(renderValue(10n)).toBe('<code>10</code>');
    expect(renderValue('<b>')).toBe('<span class="str">&lt;b&gt;</span>');
  });

  it('sectionOf: the part of the paper, general enough for other claim files', () => {
    expect(sectionOf('Section 2, after (2.2), and β in (2.4)')).toBe('Section 2');
    expect(sectionOf('Theorem 3.1, (3.6); (4.6)')).toBe('Section 3');
    expect(sectionOf('(4.6), Lemma 4.3 of [arnold_erb_2014]')).toBe('Section 4');
    expect(sectionOf('Proposition 4.1(a); proof in the Appendix')).toBe('Section 4');
    expect(sectionOf('Appendix (c), (A.2)')).toBe('Appendix');
    expect(sectionOf('Remark 3.2')).toBe('Section 3');
    expect(sectionOf('Theorem 5 (number unsure): contraction')).toBe('Theorem 5');
    expect(sectionOf('ours — deliberately wrong variant of Theorem 3.1')).toBe('ours');
    expect(sectionOf('somewhere', 'ae:thm3.1:x')).toBe('ae');
    expect(looksLikeLatex('M = exp(−βω₀²|x|²/2)')).toBe(false);
    expect(looksLikeLatex(String.raw`e^{-t}`)).toBe(false); // prose: raised, not typeset
    expect(looksLikeLatex(String.raw`e^{-t} \le 1`)).toBe(true);
    expect(prose('decays like e^{−2 Re λ t}; ‖h‖²_{L²(ρ∞)} < 1')).toBe('decays like e<sup>−2 Re λ t</sup>; ‖h‖²<sub>L²(ρ∞)</sub> &lt; 1');
  });
});

describe('hypocheck graph --format svg', () => {
  it('is laid out by Graphviz: one <g class="node"> per claim, corrected statement and cited result', async () => {
    const report = sample();
    const svg = await proofGraphSvg(report);
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('Generated by graphviz');
    expect(svg.match(/<g id="[^"]*" class="node[^"]*">/g)).toHaveLength(6);
    expect(svg.match(/<g id="[^"]*" class="edge">/g)?.length).toBeGreaterThanOrEqual(3);
    expect(svg).toContain('xlink:href="#claim-lem:2"');
    // --only keeps the prefix and what it uses
    const only = await proofGraphSvg(report, 'thm:');
    expect(only.match(/<g id="[^"]*" class="node[^"]*">/g)).toHaveLength(3);
  });

  it('the CLI writes it: hypocheck graph --format svg [--out FILE]', async () => {
    const { main } = await import('../../src/cli.ts');
    const dir = mkdtempSync(join(tmpdir(), 'hypocheck-graph-svg-'));
    writeFileSync(join(dir, 'report.json'), toJson(sample()));
    const out: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s) };
    expect(await main(['graph', '--report', dir, '--format', 'svg'], io)).toBe(0);
    const svg = out.join('\n');
    expect(svg.match(/<g id="[^"]*" class="node[^"]*">/g)).toHaveLength(6);
    expect(await main(['graph', '--report', dir, '--format', 'svg', '--out', join(dir, 'graph.svg')], io)).toBe(0);
    expect(readFileSync(join(dir, 'graph.svg'), 'utf8').match(/<g id="[^"]*" class="node[^"]*">/g)).toHaveLength(6);
  });
});

describe('statements typeset ahead of the report (prerenderStatements)', () => {
  it('gives the same page, and KaTeX is not asked again for a statement typeset ahead', async () => {
    const { vi } = await import('vitest');
    const report = sample();
    const statements = [...report.claims, ...report.claims.flatMap((c) => (c.corrected ? [c.corrected] : [])), ...(report.cited ?? [])];
    vi.resetModules();
    const plain = await (await import('../../src/html.ts')).renderHtml(report);
    vi.resetModules();
    const katex = (await import('katex')).default;
    const html = await import('../../src/html.ts');
    await html.prerenderStatements(statements);
    const calls: string[] = [];
    const spy = vi.spyOn(katex, 'renderToString').mockImplementation(((latex: string) => {
      calls.push(latex);
      return `<span>${latex}</span>`;
    }) as typeof katex.renderToString);
    try {
      const ahead = await html.renderHtml(report);
      expect(ahead).toBe(plain);
      expect(calls).not.toContain(String.raw`\mu = \operatorname{tr} C / n`);
      expect(calls).not.toContain(String.raw`\mu = \min \operatorname{Re} \lambda(C)`);
    } finally {
      spy.mockRestore();
    }
  });
});
