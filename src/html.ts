/**
 * The HTML report: the Markdown report's content with KaTeX-rendered statements and
 * embedded SVG plots (figures register themselves in `report.figures`).
 */
import { writeFileSync } from 'node:fs';
import katex from 'katex';
import type { HypocheckReport } from './report.ts';
import { toJson } from './report.ts';
import { isPlotSpec } from './claims.ts';
import { linePlot } from './plot.ts';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function tex(latex: string): string {
  try {
    return katex.renderToString(latex, { displayMode: true, throwOnError: false, output: 'mathml' });
  } catch {
    return `<pre>${esc(latex)}</pre>`;
  }
}

const COLOURS: Record<string, string> = { proved: '#1a7f37', refuted: '#cf222e', supported: '#0969da', vacuous: '#8250df', inconclusive: '#9a6700', error: '#a40e26' };

export function renderHtml(report: HypocheckReport): string {
  const rows = report.claims
    .map((r) => `<tr><td><a href="#${esc(r.id)}"><code>${esc(r.id)}</code></a></td><td>${esc(r.source)}</td><td style="color:${COLOURS[r.verdict]};font-weight:bold">${r.verdict}</td><td>${r.method}${r.basis ? `<br><small>${r.basis}</small>` : ''}</td><td>${r.established ?? ''}${r.brokenAt?.length ? `<br><small>broken at ${r.brokenAt.map((b) => `<a href="#${esc(b)}">${esc(b)}</a>`).join(', ')}</small>` : ''}</td><td>${esc(r.summary)}</td><td>${r.ms}</td></tr>`)
    .join('\n');
  const sections = report.claims
    .map((r) => {
      const svgs = Object.values(r.evidence).filter(isPlotSpec).map(linePlot).join('\n');
      const ev = Object.entries(r.evidence)
        .filter(([, v]) => !isPlotSpec(v))
        .map(([k, v]) => `<li><b>${esc(k)}</b>: <code>${esc(typeof v === 'string' ? v : toJson(v))}</code></li>`)
        .join('');
      return `<section id="${esc(r.id)}"><h2><code>${esc(r.id)}</code> — <span style="color:${COLOURS[r.verdict]}">${r.verdict}</span></h2>
<p><i>${esc(r.source)}.</i> ${esc(r.statement)}</p>${r.latex ? tex(r.latex) : ''}
<p><b>${r.method}</b>${r.basis ? ` (basis: ${r.basis})` : ''}${r.dimensions ? ` · dimensions: ${esc(Array.isArray(r.dimensions) ? r.dimensions.join(', ') : r.dimensions)}` : ''}: ${esc(r.summary)}</p>
<p>established: <b>${r.established ?? '—'}</b>${r.brokenAt?.length ? ` — broken at ${r.brokenAt.map((b) => `<a href="#${esc(b)}">${esc(b)}</a>`).join(', ')}` : ''}${r.uses?.length ? ` · uses ${r.uses.map((u) => `<a href="#${esc(u.replace(/:corrected$/, ''))}">${esc(u)}</a>`).join(', ')}` : ''}</p>
<details><summary>evidence</summary><ul>${ev}</ul></details>${svgs}
${r.witness !== null ? `<p><b>witness</b>: <code>${esc(toJson(r.witness))}</code></p>` : ''}
${r.corrected ? `<p><b>corrected</b> (${r.corrected.verdict}, ${r.corrected.method}): ${esc(r.corrected.statement)}</p>${r.corrected.latex ? tex(r.corrected.latex) : ''}` : ''}
<p><b>reproduce</b>: <code>${esc(r.reproduce)}</code></p></section>`;
    })
    .join('\n');
  const title = esc(report.title ?? report.paper);
  const headline = report.headline?.length ? `<h2>Does it follow?</h2><ul>${report.headline.map((h) => `<li>${esc(h)}</li>`).join('')}</ul>` : '';
  const cited = report.cited?.length ? `<h2>Cited results (assumed, not checked)</h2><ul>${report.cited.map((c) => `<li id="${esc(c.id)}"><code>${esc(c.id)}</code> [${esc(c.bib)}]: ${esc(c.statement)}</li>`).join('')}</ul>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>hypocheck — ${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}code{font-size:90%}section{margin-top:2em}</style>
</head><body><h1>hypocheck report — ${title}</h1>
<p>hypocheck ${esc(report.version)} · seed ${report.seed} · GPU: ${esc(report.backends.gpu)} · Z3: ${esc(report.backends.z3)} · cvc5: ${esc(report.backends.cvc5 ?? 'none')}</p>
${headline}
<p>${Object.entries(report.summary)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `<span style="color:${COLOURS[v]};font-weight:bold">${n} ${v}</span>`)
    .join(' · ')} — ${report.claims.length} claims</p>
<table><tr><th>id</th><th>source</th><th>verdict</th><th>method</th><th>established</th><th>evidence</th><th>ms</th></tr>${rows}</table>
${cited}
${sections}</body></html>`;
}

export function writeHtmlReport(path: string, report: HypocheckReport): void {
  writeFileSync(path, renderHtml(report));
}
