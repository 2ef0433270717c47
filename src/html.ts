/**
 * The HTML report (issue 11): one self-contained file that makes no network request. At the top
 * the headline, the findings (refuted claims, counts by verdict, what the proved claims rest on)
 * and the proof graph (laid out by Graphviz, inline SVG; a node links to its claim's section);
 * then filters (verdict, section) and a table of all claims; then one section per claim with its
 * statement typeset by KaTeX on the server (HTML + MathML; katex.min.css and its woff2 fonts
 * inlined as data: URLs), verdict, method, basis, established / broken at, evidence as nested
 * tables, witness, corrected statement, the reproduce command and plots (`report.figures`).
 *
 * Anchors: `claimAnchor(id)` = `claim-<id>` for every claim section, corrected statement
 * (`claim-<id>:corrected`) and cited result, as the graph's node links.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';
import type { HypocheckReport } from './report.ts';
import { basisLine, toJson } from './report.ts';
import { isPlotSpec, type ClaimReport, type Verdict } from './claims.ts';
import { linePlot } from './plot.ts';
import { claimAnchor, proofGraph } from './commands/graph.ts';
import { inlineSvg, layoutDot, preloadGraphviz } from './graph-svg.ts';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Text that is LaTeX source (it has a command such as `\frac`), not prose. */
export function looksLikeLatex(s: string): boolean {
  return /\\[A-Za-z]+|\\[ {}|,;:!]/.test(s);
}

/**
 * Prose as HTML: escaped, with the braced super- and subscripts that checkers write in Unicode
 * notation (`e^{−2μt}`, `‖h‖_{L²}`) raised and lowered instead of shown as source.
 */
export function prose(s: string): string {
  let out = esc(s);
  for (let k = 0; k < 3; k++) out = out.replace(/\^\{([^{}]*)\}/g, '<sup>$1</sup>').replace(/_\{([^{}]*)\}/g, '<sub>$1</sub>');
  return out;
}

/** Typeset LaTeX by mode and source: a statement typeset ahead of the report (`prerenderStatements`) is not typeset again. */
const typeset = new Map<string, string>();
const TYPESET_MAX = 4096;

/** LaTeX typeset by KaTeX (HTML for the eye, MathML for screen readers and copying). */
export function tex(latex: string, displayMode = true): string {
  const key = `${displayMode ? 'D' : 'I'}${latex}`;
  const known = typeset.get(key);
  if (known !== undefined) return known;
  let html: string;
  try {
    html = katex.renderToString(latex, { displayMode, throwOnError: true, output: 'htmlAndMathml', strict: 'ignore', trust: false });
  } catch (e) {
    // Not KaTeX-parsable: shown as source, marked, never dropped.
    html = `<pre class="latex-source" title="${esc(e instanceof Error ? e.message : String(e))}">${esc(latex)}</pre>`;
  }
  if (typeset.size < TYPESET_MAX) typeset.set(key, html);
  return html;
}

/**
 * Typesets statements (claims' printed and corrected statements, cited results) a few per event-loop
 * turn while the claims run, so writing report.html after the last claim does not typeset them
 * (the main thread mostly waits on workers and solvers early in a run); Graphviz starts loading
 * too. The report is the same with or without it (tex remembers what KaTeX gave). Resolves when
 * done or when `signal` aborts.
 */
export async function prerenderStatements(items: readonly { statement: string; latex?: string }[], signal?: AbortSignal): Promise<void> {
  preloadGraphviz();
  for (const [k, item] of items.entries()) {
    if (signal?.aborted) return;
    if (k % 4 === 0) await new Promise<void>((r) => setImmediate(r));
    statementHtml(item.statement, item.latex);
  }
}

/**
 * A statement: typeset when it is LaTeX (claim files write statements in LaTeX), prose otherwise;
 * inline `$…$` spans of prose are typeset in place.
 */
export function mathOrText(s: string): string {
  if (/\$[^$]+\$/.test(s)) return `<p>${s.split(/(\$[^$]+\$)/).map((part) => (/^\$[^$]+\$$/.test(part) ? tex(part.slice(1, -1), false) : prose(part))).join('')}</p>`;
  return looksLikeLatex(s) ? `<div class="math">${tex(s)}</div>` : `<p>${prose(s)}</p>`;
}

/** A statement with optional LaTeX: the LaTeX typeset, the prose too where it says something else. */
function statementHtml(statement: string, latex?: string): string {
  if (!latex || latex.trim() === statement.trim()) return mathOrText(statement);
  return `${looksLikeLatex(statement) ? '' : mathOrText(statement)}<div class="math">${tex(latex)}</div>`;
}

let katexCss: string | undefined;

/** katex.min.css with its woff2 fonts inlined as data: URLs (woff/ttf fallbacks dropped). */
export function inlineKatexCss(): string {
  if (katexCss !== undefined) return katexCss;
  const dist = dirname(createRequire(import.meta.url).resolve('katex'));
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8');
  katexCss = css.replace(/src:\s*([^;}]*)/g, (whole, list: string) => {
    const woff2 = /url\((?:"|')?(fonts\/[^)"']+\.woff2)(?:"|')?\)/.exec(list);
    if (!woff2) return whole;
    const data = readFileSync(join(dist, woff2[1])).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  return katexCss;
}

const COLOURS: Record<string, string> = { proved: '#1a7f37', refuted: '#cf222e', supported: '#0969da', vacuous: '#8250df', inconclusive: '#9a6700', error: '#a40e26', cited: '#57606a' };
const VERDICTS: Verdict[] = ['refuted', 'error', 'vacuous', 'inconclusive', 'supported', 'proved'];

function badge(v: string, text = v): string {
  return `<span class="badge v-${esc(v)}" style="background:${COLOURS[v] ?? '#57606a'}">${esc(text)}</span>`;
}

const NAMED = /\b(Theorem|Lemma|Proposition|Corollary|Remark|Definition|Assumption|Example|Figure|Table|Claim|Conjecture|Equation)\s+(\d+)(?:\.(\d+))?/;

/**
 * The section of the paper a claim comes from, for the filter: "Section N" from an explicit
 * "Section N", an equation number "(N.k)" or a numbered result "Lemma N.k"; "Appendix" from
 * "Appendix" or "(A.k)"; whichever comes first in `source`. A result numbered without sections
 * ("Theorem 5") is its own group; a source written by the checker's authors ("ours — …") is
 * "ours"; anything else falls back to the id's prefix (`lem:…` → "lem").
 */
export function sectionOf(source: string, id = ''): string {
  const s = source.trim();
  if (/^ours\b/i.test(s)) return 'ours';
  const found: { at: number; name: string }[] = [];
  const push = (re: RegExp, name: (m: RegExpExecArray) => string) => {
    const m = re.exec(s);
    if (m) found.push({ at: m.index, name: name(m) });
  };
  push(/\b(?:Section|Sect\.|§)\s*(\d+)/i, (m) => `Section ${m[1]}`);
  push(/\bAppendix\b|\(([A-Z])\.\d+\)/, () => 'Appendix');
  push(/\((\d+)\.\d+\)/, (m) => `Section ${m[1]}`);
  push(new RegExp(NAMED.source.replace('(?:\\.(\\d+))?', '\\.\\d+')), (m) => `Section ${m[2]}`);
  if (found.length) return found.sort((a, b) => a.at - b.at)[0].name;
  const named = NAMED.exec(s);
  if (named) return `${named[1]} ${named[2]}`;
  const prefix = /^([^:]+):/.exec(id);
  return prefix ? prefix[1] : 'other';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isScalar = (v: unknown) => v === null || v === undefined || typeof v !== 'object';

/** More than this many rows go inside their own <details>. */
const FOLD_ROWS = 24;

function folded(n: number, what: string, body: string): string {
  return n > FOLD_ROWS ? `<details class="nested"><summary>${n} ${what}</summary>${body}</details>` : body;
}

/**
 * A value of the evidence as HTML: objects as key/value tables, arrays of objects as tables with a
 * column per key, arrays of scalar arrays as grids, scalar arrays inline; figures drawn.
 */
export function renderValue(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return '<span class="nil">—</span>';
  if (typeof v === 'string') return `<span class="str">${prose(v)}</span>`;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return `<code>${esc(String(v))}</code>`;
  if (typeof v !== 'object') return `<code>${esc(String(v))}</code>`;
  if (isPlotSpec(v)) return linePlot(v);
  if (depth > 8) return `<pre class="json">${esc(toJson(v))}</pre>`;
  if (Array.isArray(v)) {
    if (!v.length) return '<span class="nil">[ ]</span>';
    if (v.every(isScalar)) {
      const items = v.map((x) => renderValue(x, depth + 1));
      return folded(v.length, 'values', `<span class="arr">${items.join('<span class="sep">, </span>')}</span>`);
    }
    if (v.every((row) => Array.isArray(row) && row.every(isScalar))) {
      const rows = (v as unknown[][]).map((row) => `<tr>${row.map((x) => `<td>${renderValue(x, depth + 1)}</td>`).join('')}</tr>`).join('');
      return folded(v.length, 'rows', `<table class="grid">${rows}</table>`);
    }
    if (v.every((x) => isRecord(x) && !isPlotSpec(x))) {
      const keys = [...new Set((v as Record<string, unknown>[]).flatMap((x) => Object.keys(x)))];
      if (keys.length <= 12) {
        const head = `<tr>${keys.map((k) => `<th>${esc(k)}</th>`).join('')}</tr>`;
        const rows = (v as Record<string, unknown>[]).map((x) => `<tr>${keys.map((k) => `<td>${k in x ? renderValue(x[k], depth + 1) : ''}</td>`).join('')}</tr>`).join('');
        return folded(v.length, 'rows', `<table class="rows">${head}${rows}</table>`);
      }
    }
    return folded(v.length, 'items', `<ol class="items">${v.map((x) => `<li>${renderValue(x, depth + 1)}</li>`).join('')}</ol>`);
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (!entries.length) return '<span class="nil">{ }</span>';
  return folded(entries.length, 'fields', `<table class="kv">${entries.map(([k, x]) => `<tr><th>${esc(k)}</th><td>${renderValue(x, depth + 1)}</td></tr>`).join('')}</table>`);
}

/** Link to a graph node's anchor when the report has it, else its id as text. */
function nodeLink(id: string, anchors: ReadonlySet<string>): string {
  const target = anchors.has(id) ? id : anchors.has(id.replace(/:corrected$/, '')) ? id.replace(/:corrected$/, '') : undefined;
  return target === undefined ? `<code>${esc(id)}</code>` : `<a href="#${esc(claimAnchor(target))}"><code>${esc(id)}</code></a>`;
}

function claimSection(r: ClaimReport, section: string, anchors: ReadonlySet<string>): string {
  const link = (id: string) => nodeLink(id, anchors);
  const plots = Object.values(r.evidence).filter(isPlotSpec).map(linePlot).join('\n');
  const evidence = Object.entries(r.evidence).filter(([, v]) => !isPlotSpec(v));
  const facts: string[] = [
    `<dt>method</dt><dd>${esc(r.method)}${r.basis ? ` · basis <b>${esc(r.basis)}</b>` : ''}${r.dimensions ? ` · dimensions ${esc(Array.isArray(r.dimensions) ? r.dimensions.join(', ') : r.dimensions)}` : ''}</dd>`,
    `<dt>established</dt><dd><b>${esc(r.established ?? '—')}</b>${r.brokenAt?.length ? ` — broken at ${r.brokenAt.map(link).join(', ')}` : ''}</dd>`,
  ];
  if (r.uses?.length) facts.push(`<dt>uses</dt><dd>${r.uses.map(link).join(', ')}</dd>`);
  facts.push(`<dt>evidence</dt><dd class="summary">${prose(r.summary)}</dd>`);
  if (r.hypotheses?.length) facts.push(`<dt>hypotheses</dt><dd>${r.hypotheses.map((h) => `<span class="str">${prose(h)}</span>`).join('; ')}</dd>`);
  const c = r.corrected;
  const corrected = c
    ? `<div class="corrected" id="${esc(claimAnchor(`${r.id}:corrected`))}"><h4>corrected statement ${badge(c.verdict)} <small>${esc(c.method)}${c.basis ? ` · basis ${esc(c.basis)}` : ''}</small></h4>
${statementHtml(c.statement, c.latex)}${c.summary ? `<p class="summary">${prose(c.summary)}</p>` : ''}${c.witness !== undefined && c.witness !== null ? `<div class="witness"><b>witness</b> ${renderValue(c.witness)}</div>` : ''}${c.evidence && Object.keys(c.evidence).length ? `<details><summary>evidence of the corrected statement</summary>${renderValue(c.evidence)}</details>` : ''}</div>`
    : '';
  return `<section class="claim" id="${esc(claimAnchor(r.id))}" data-verdict="${esc(r.verdict)}" data-section="${esc(section)}">
<h3><a class="self" href="#${esc(claimAnchor(r.id))}"><code>${esc(r.id)}</code></a> ${badge(r.verdict)} <small>${esc(section)}</small></h3>
<p class="source"><i>${prose(r.source)}</i></p>
<div class="statement">${statementHtml(r.statement, r.latex)}</div>
<dl class="facts">${facts.join('')}</dl>
${plots ? `<div class="plots">${plots}</div>` : ''}${evidence.length ? `<details class="evidence"><summary>evidence (${evidence.length} field${evidence.length > 1 ? 's' : ''})</summary><table class="kv">${evidence.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${renderValue(v, 1)}</td></tr>`).join('')}</table></details>` : ''}
${r.witness !== null && r.witness !== undefined ? `<div class="witness"><b>witness</b> ${renderValue(r.witness)}</div>` : ''}
${corrected}
<p class="reproduce"><b>reproduce</b> <code>${esc(r.reproduce)}</code></p></section>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#1f2328;line-height:1.45}
h1{font-size:1.6em}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2em;margin-top:1.6em}
a{color:#0969da}code{font-size:90%;overflow-wrap:anywhere}
table{border-collapse:collapse}td,th{border-bottom:1px solid #d8dee4;padding:3px 8px;text-align:left;vertical-align:top}
th{font-weight:600;background:#f6f8fa}
.badge{display:inline-block;white-space:nowrap;color:#fff;border-radius:1em;padding:0 .6em;font-size:.8em;font-weight:600;vertical-align:middle}
.counts .badge{font-size:.9em;margin-right:.3em}
#graph{overflow:auto;max-height:80vh;border:1px solid #d0d7de;border-radius:6px;padding:.5em;background:#fff}
#graph svg{display:block;margin:auto;max-width:100%;height:auto}#graph.actual svg{max-width:none}#graph svg text{font-family:Helvetica,Arial,"Liberation Sans","Nimbus Sans",sans-serif}#graph g.node a{cursor:pointer}#graph g.node.dim{opacity:.2}
#filters{position:sticky;top:0;background:#fff;border-bottom:1px solid #d0d7de;padding:.5em 0;z-index:2}
#filters fieldset{display:inline-block;border:1px solid #d0d7de;border-radius:6px;margin:.2em .4em .2em 0;padding:.2em .6em}
#filters label{margin-right:.8em;white-space:nowrap}
.claims td.summary{max-width:40em}.claims td:nth-child(2){white-space:nowrap}
.summary,.str{overflow-wrap:anywhere;white-space:pre-wrap}
section.claim{margin-top:1.5em;padding:.2em 1em 1em;border:1px solid #d0d7de;border-radius:6px;scroll-margin-top:5em}
section.claim:target,.corrected:target,li:target{outline:3px solid #0969da;outline-offset:2px}
section.claim h3{margin:.6em 0 .2em}.source{margin:.2em 0;color:#57606a}
.statement .math,.corrected .math{overflow-x:auto;overflow-y:hidden}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:.6em 0}dl.facts dt{font-weight:600;color:#57606a}dl.facts dd{margin:0}
details{margin:.4em 0}details>summary{cursor:pointer;color:#0969da}
table.kv>tbody>tr>th,table.kv>tr>th{white-space:nowrap;width:1%}
table.kv,table.rows,table.grid{font-size:.92em;max-width:100%}
td{overflow-wrap:anywhere}.nil{color:#8c959f}.sep{color:#8c959f}
.corrected{border-left:4px solid #8250df;padding-left:1em;margin:.8em 0}
.reproduce code{background:#f6f8fa;padding:.1em .4em;border-radius:4px}
pre.latex-source{background:#fff8c5;white-space:pre-wrap}
.plots svg{max-width:100%;height:auto}
[hidden]{display:none!important}
`;

/** Filters (verdict, section), graph-node clicks, dimming of filtered-out nodes. No network. */
const SCRIPT = `
(function () {
  var form = document.getElementById('filters');
  var claims = document.querySelectorAll('section.claim, tr.claim-row');
  function checked(name) {
    var s = {};
    form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (i) { s[i.value] = true; });
    return s;
  }
  function targetOf(a) {
    var h = a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '';
    return h.charAt(0) === '#' ? decodeURIComponent(h.slice(1)) : null;
  }
  function apply() {
    var v = checked('verdict'), s = checked('section'), shown = 0;
    claims.forEach(function (el) {
      var on = !!v[el.dataset.verdict] && !!s[el.dataset.section];
      el.hidden = !on;
      if (on && el.tagName === 'SECTION') shown++;
    });
    document.getElementById('shown').textContent = shown;
    document.querySelectorAll('#graph g.node').forEach(function (g) {
      var a = g.querySelector('a'), id = a && targetOf(a);
      var el = id && document.getElementById(id.replace(/:corrected$/, ''));
      g.classList.toggle('dim', !!(el && el.hidden));
    });
  }
  form.addEventListener('change', apply);
  form.querySelectorAll('button[data-all]').forEach(function (b) {
    b.addEventListener('click', function () {
      var on = b.dataset.all === 'on';
      form.querySelectorAll('input[name="' + b.dataset.name + '"]').forEach(function (i) { i.checked = on; });
      apply();
    });
  });
  // Graphviz sized the boxes for Helvetica's metrics: where the browser's font is wider, shrink
  // the label to its box.
  document.querySelectorAll('#graph g.node').forEach(function (g) {
    var shape = g.querySelector('path, polygon, ellipse');
    if (!shape) return;
    var room = shape.getBBox().width - 8;
    g.querySelectorAll('text').forEach(function (t) {
      var w = t.getComputedTextLength();
      if (w > room) t.style.fontSize = (parseFloat(getComputedStyle(t).fontSize) * room / w).toFixed(2) + 'px';
    });
  });
  var size = document.getElementById('graph-size'), graph = document.getElementById('graph');
  size.addEventListener('click', function () {
    var actual = graph.classList.toggle('actual');
    size.textContent = actual ? 'fit to width' : 'actual size';
  });
  // A graph node (or any link to a claim) jumps to its section, showing it if a filter hid it.
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a');
    if (!a) return;
    var id = targetOf(a), el = id && document.getElementById(id);
    if (!el) return;
    var sec = el.closest('section.claim');
    if (sec && sec.hidden) sec.hidden = false;
    e.preventDefault();
    if (location.hash === '#' + id) el.scrollIntoView(); else location.hash = id;
  });
  apply();
})();
`;

/** Width and height of a Graphviz SVG, in points. */
function svgSize(svg: string): { w: number; h: number } {
  const m = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg);
  return { w: Number(m?.[1] ?? 0), h: Number(m?.[2] ?? 0) };
}

/** The page's content width in CSS pixels (body max-width less padding), for the graph to fit. */
const PAGE_PX = 1170;

/**
 * The graph as inline SVG, or a note saying why it is missing (the report never fails on it).
 * Graphviz lays it out bottom-up (as `graph --format svg`), left-to-right, and each with its
 * components packed; the page shows the layout that needs the least shrinking to fit the page
 * width (of equals, the shortest): a main result that uses dozens of claims puts them all in one
 * rank, far too wide bottom-up, a column left-to-right.
 */
async function graphHtml(report: HypocheckReport): Promise<string> {
  try {
    const dot = proofGraph(report, 'dot');
    const variants = ['rankdir=BT;', 'rankdir=BT; pack=true; packmode="graph";', 'rankdir=LR;', 'rankdir=LR; pack=true; packmode="graph";'];
    let best: { svg: string; scale: number; height: number } | undefined;
    for (const v of variants) {
      const svg = await layoutDot(dot.replace('rankdir=BT;', v));
      const { w, h } = svgSize(svg);
      const scale = Math.min(1, PAGE_PX / ((w * 4) / 3));
      const height = ((h * 4) / 3) * scale;
      if (!best || scale > best.scale + 0.05 || (scale > best.scale - 0.05 && height < best.height)) best = { svg, scale, height };
    }
    return inlineSvg(best!.svg);
  } catch (e) {
    return `<p class="nil">proof graph unavailable: ${esc(e instanceof Error ? e.message : String(e))}</p>`;
  }
}

export async function renderHtml(report: HypocheckReport): Promise<string> {
  const title = esc(report.title ?? report.paper);
  const cited = report.cited ?? [];
  const anchors = new Set<string>([...report.claims.map((r) => r.id), ...report.claims.filter((r) => r.corrected).map((r) => `${r.id}:corrected`), ...cited.map((c) => c.id)]);
  const link = (id: string) => nodeLink(id, anchors);
  const sections = new Map(report.claims.map((r) => [r.id, sectionOf(r.source, r.id)]));
  const sectionCounts = new Map<string, number>();
  for (const s of sections.values()) sectionCounts.set(s, (sectionCounts.get(s) ?? 0) + 1);
  const summary = report.summary ?? ({} as Record<Verdict, number>);

  const counts = VERDICTS.filter((v) => (summary[v] ?? 0) > 0)
    .map((v) => badge(v, `${summary[v]} ${v}`))
    .join(' ');
  const refuted = report.claims.filter((r) => r.verdict === 'refuted');
  const troubled = report.claims.filter((r) => r.verdict === 'error' || r.verdict === 'vacuous' || r.verdict === 'inconclusive');
  const findingList = (rows: ClaimReport[]) => `<ul>${rows.map((r) => `<li>${link(r.id)} ${badge(r.verdict)} ${prose(r.summary)}${r.corrected ? ` — corrected: ${badge(r.corrected.verdict)}` : ''}</li>`).join('')}</ul>`;
  const findings = `<h2>Findings</h2>
<p class="counts">${counts} — ${report.claims.length} claims</p>
${report.bases && summary.proved ? `<p>${esc(basisLine(report))}</p>` : ''}
${refuted.length ? `<h3>Refuted (${refuted.length})</h3>${findingList(refuted)}` : '<p>No claim refuted.</p>'}
${troubled.length ? `<h3>Not decided or vacuous (${troubled.length})</h3>${findingList(troubled)}` : ''}`;
  // claim ids in a headline ("broken at asm:3.1, thm:3.1:sharp") link to their sections
  const linkIds = (html: string) => html.replace(/[A-Za-z][\w.:-]*\w/g, (id) => (anchors.has(id) && id.includes(':') ? `<a href="#${esc(claimAnchor(id))}">${id}</a>` : id));
  const headline = report.headline?.length ? `<h2>Does it follow?</h2><ul class="headline">${report.headline.map((h) => `<li>${linkIds(prose(h))}</li>`).join('')}</ul>` : '';

  const box = (name: string, value: string, label: string, n: number) => `<label><input type="checkbox" name="${name}" value="${esc(value)}" checked> ${label} (${n})</label>`;
  const allNone = (name: string) => `<button type="button" data-all="on" data-name="${name}">all</button> <button type="button" data-all="off" data-name="${name}">none</button>`;
  const filters = `<form id="filters" onsubmit="return false"><fieldset><legend>verdict</legend>${VERDICTS.filter((v) => (summary[v] ?? 0) > 0)
    .map((v) => box('verdict', v, `<span style="color:${COLOURS[v]};font-weight:600">${v}</span>`, summary[v]))
    .join('')} ${allNone('verdict')}</fieldset><fieldset><legend>section</legend>${[...sectionCounts]
    .map(([s, n]) => box('section', s, esc(s), n))
    .join('')} ${allNone('section')}</fieldset> <span><b id="shown">${report.claims.length}</b> of ${report.claims.length} claims shown</span></form>`;

  const rows = report.claims
    .map(
      (r) =>
        `<tr class="claim-row" data-verdict="${esc(r.verdict)}" data-section="${esc(sections.get(r.id)!)}"><td>${link(r.id)}</td><td>${esc(sections.get(r.id)!)}</td><td>${badge(r.verdict)}</td><td>${esc(r.method)}${r.basis ? `<br><small>${esc(r.basis)}</small>` : ''}</td><td>${esc(r.established ?? '')}${r.brokenAt?.length ? `<br><small>broken at ${r.brokenAt.map(link).join(', ')}</small>` : ''}</td><td class="summary">${prose(r.summary)}</td><td>${r.ms}</td></tr>`,
    )
    .join('\n');
  const citedHtml = cited.length
    ? `<h2>Cited results (assumed, not checked)</h2><ul class="cited">${cited.map((c) => `<li id="${esc(claimAnchor(c.id))}"><code>${esc(c.id)}</code> [${esc(c.bib)}]: ${statementHtml(c.statement)}</li>`).join('')}</ul>`
    : '';
  const backends = Object.entries(report.backends ?? {})
    .map(([k, v]) => `${esc(k)}: ${esc(String(v))}`)
    .join(' · ');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hypocheck — ${title}</title>
<style>${inlineKatexCss()}</style>
<style>${STYLE}</style>
</head><body>
<h1>hypocheck report — ${title}</h1>
<p class="meta">hypocheck ${esc(report.version)} · seed ${esc(String(report.seed))} · ${backends}</p>
${headline}
${findings}
<h2>Proof graph</h2>
<p><small>One node per claim, corrected statement and cited result; an arrow points to what a claim uses; red dashed arrows lead into a broken chain. Click a node to go to its claim.</small> <button type="button" id="graph-size">actual size</button></p>
<div id="graph">${await graphHtml(report)}</div>
<h2>Claims</h2>
${filters}
<div class="claims"><table><thead><tr><th>id</th><th>section</th><th>verdict</th><th>method</th><th>established</th><th>evidence</th><th>ms</th></tr></thead><tbody>
${rows}
</tbody></table></div>
${report.claims.map((r) => claimSection(r, sections.get(r.id)!, anchors)).join('\n')}
${citedHtml}
<script>${SCRIPT}</script>
</body></html>
`;
}

/** Write report.html (async: the graph is laid out by Graphviz's WebAssembly build). */
export async function writeHtmlReport(path: string, report: HypocheckReport): Promise<void> {
  writeFileSync(path, await renderHtml(report));
}
