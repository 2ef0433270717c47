/**
 * Reports: the JSON contract of DESIGN.md, a Markdown report and the coloured terminal table.
 */
import pc from 'picocolors';
import { isPlotSpec, type Basis, type ClaimReport, type Verdict } from './claims.ts';
import type { CitedResult } from './claim-record.ts';
import { headlines, propagate } from './graph.ts';

export interface ReportMeta {
  version: string;
  seed: number;
  backends: { gpu: string; z3: string; [k: string]: string };
  startedAt?: string;
  ms?: number;
  /** The paper's id (report field `paper`). @defaultValue 'zhu-ying-2021' */
  paper?: string;
  /** The paper's title, for the HTML report. */
  title?: string;
  /** Cited results (leaves of the proof graph). */
  cited?: CitedResult[];
  /** Main results for the headline (the file's `paper.main`). */
  main?: string[];
}

export interface HypocheckReport {
  tool: 'hypocheck';
  version: string;
  paper: string;
  title?: string;
  seed: number;
  backends: ReportMeta['backends'];
  summary: Record<Verdict, number>;
  /** What each `proved` rests on, and how many claims are `module` (custom TypeScript) checks. */
  bases: Record<Basis | 'unstated', number>;
  modules: number;
  /** One line per main result: established, conditional, or where it breaks. */
  headline: string[];
  /**
   * The main results the headline is about (the claim files' `paper.main`), when declared: `merge`
   * recomputes the headline from it (without it, every conjunction counts as a main result).
   */
  main?: string[];
  claims: ClaimReport[];
  cited: CitedResult[];
}

export function buildReport(rows: ClaimReport[], meta: ReportMeta): HypocheckReport {
  const cited = meta.cited ?? [];
  propagate(rows, cited);
  const summary = { proved: 0, refuted: 0, supported: 0, vacuous: 0, inconclusive: 0, error: 0 } as Record<Verdict, number>;
  const bases = { kernel: 0, certificate: 0, 'two-solvers': 0, 'one-solver': 0, 'given-cited': 0, unstated: 0 } as Record<Basis | 'unstated', number>;
  for (const r of rows) {
    summary[r.verdict]++;
    if (r.verdict === 'proved') bases[r.basis ?? 'unstated']++;
  }
  return {
    tool: 'hypocheck',
    version: meta.version,
    paper: meta.paper ?? 'zhu-ying-2021',
    ...(meta.title ? { title: meta.title } : {}),
    seed: meta.seed,
    backends: meta.backends,
    summary,
    bases,
    modules: rows.filter((r) => r.kind === 'module' || r.kind === 'custom').length,
    headline: headlines(rows, meta.main),
    ...(meta.main?.length ? { main: [...meta.main] } : {}),
    claims: rows,
    cited,
  };
}

/** JSON with bigints as strings and non-finite numbers as strings ("Infinity"), never lossy nulls. */
export function toJson(report: unknown): string {
  return JSON.stringify(
    report,
    (_k, v) => {
      if (typeof v === 'bigint') return v.toString();
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      return v;
    },
    2,
  );
}

const COLOUR: Record<Verdict, (s: string) => string> = {
  proved: pc.green,
  refuted: pc.red,
  supported: pc.cyan,
  vacuous: pc.magenta,
  inconclusive: pc.yellow,
  error: (s) => pc.bold(pc.red(s)),
};

export function colourVerdict(v: Verdict, text: string = v): string {
  return COLOUR[v](text);
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function oneLine(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

export const TABLE_WIDTHS = { id: 24, verdict: 12, method: 15 };

export function tableHeader(): string {
  const { id, verdict, method } = TABLE_WIDTHS;
  return pc.bold(`${pad('id', id)} ${pad('verdict', verdict)} ${pad('method', method)} evidence`);
}

export function tableRow(r: ClaimReport, width = 140): string {
  const { id, verdict, method } = TABLE_WIDTHS;
  const rest = Math.max(30, width - id - verdict - method - 3);
  return `${pad(r.id, id)} ${colourVerdict(r.verdict, pad(r.verdict, verdict))} ${pad(r.method, method)} ${oneLine(r.summary, rest)}`;
}

export function summaryLine(report: HypocheckReport): string {
  const parts = (Object.keys(report.summary) as Verdict[]).filter((v) => report.summary[v] > 0).map((v) => colourVerdict(v, `${report.summary[v]} ${v}`));
  return `${report.claims.length} claims: ${parts.join(', ')}`;
}

/** "22 proved: 14 kernel, 5 two solvers, 3 one solver" (issue 12). */
export function basisLine(report: HypocheckReport): string {
  const names: Record<string, string> = { kernel: 'kernel', certificate: 'certificate', 'two-solvers': 'two solvers', 'one-solver': 'one solver', 'given-cited': 'given cited', unstated: 'basis unstated' };
  const parts = Object.entries(report.bases)
    .filter(([, n]) => n > 0)
    .map(([b, n]) => `${n} ${names[b]}`);
  return `${report.summary.proved} proved: ${parts.join(', ') || 'none'}${report.modules ? `; ${report.modules} claims checked by TypeScript modules` : ''}`;
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** One-line rendering of an evidence value; figures are named, not dumped. */
export function evidenceText(v: unknown): string {
  if (isPlotSpec(v)) return `[figure: ${v.title} — drawn in report.html]`;
  return typeof v === 'string' ? v : toJson(v).replace(/\n\s*/g, ' ');
}

function mdValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (isPlotSpec(v)) return evidenceText(v);
  if (typeof v === 'string') return v;
  return '`' + toJson(v).replace(/\s+/g, ' ').slice(0, 2000) + '`';
}

export function toMarkdown(report: HypocheckReport): string {
  const lines: string[] = [];
  lines.push(`# hypocheck report — ${report.title ?? report.paper}`, '');
  lines.push(`hypocheck ${report.version} · seed ${report.seed} · GPU: ${report.backends.gpu} · Z3: ${report.backends.z3} · cvc5: ${report.backends.cvc5 ?? 'none'}`, '');
  if (report.headline.length) {
    lines.push('## Does it follow?', '');
    for (const h of report.headline) lines.push(`- ${h}`);
    lines.push('');
  }
  lines.push(basisLine(report), '');
  lines.push('| verdict | count |', '|---|---|');
  for (const [v, n] of Object.entries(report.summary)) if (n > 0) lines.push(`| ${v} | ${n} |`);
  lines.push('', '| id | source | verdict | method | evidence | ms |', '|---|---|---|---|---|---|');
  for (const r of report.claims) {
    lines.push(`| \`${r.id}\` | ${mdEscape(r.source)} | **${r.verdict}** | ${r.method} | ${mdEscape(r.summary)} | ${r.ms} |`);
  }
  lines.push('');
  for (const r of report.claims) {
    lines.push(`## \`${r.id}\` — ${r.verdict}`, '');
    lines.push(`*${r.source}.* ${r.statement}`, '');
    if (r.latex) lines.push('$$' + r.latex + '$$', '');
    if (r.hypotheses.length) lines.push(`Hypotheses: ${r.hypotheses.join('; ')}`, '');
    lines.push(`- **method**: ${r.method}${r.basis ? ` · **basis**: ${r.basis}` : ''}${r.dimensions ? ` · **dimensions**: ${Array.isArray(r.dimensions) ? r.dimensions.join(', ') : r.dimensions}` : ''}`, `- **established**: ${r.established ?? '—'}${r.brokenAt?.length ? ` (broken at ${r.brokenAt.join(', ')})` : ''}${r.uses.length ? ` · uses ${r.uses.join(', ')}` : ''}`, `- **evidence**: ${mdEscape(r.summary)}`);
    for (const [k, v] of Object.entries(r.evidence)) lines.push(`  - ${k}: ${mdValue(v)}`);
    if (r.witness !== null) lines.push(`- **witness**: ${mdValue(r.witness)}`);
    if (r.corrected) {
      lines.push(`- **corrected** (${r.corrected.verdict}, ${r.corrected.method}): ${r.corrected.statement}`);
      if (r.corrected.latex) lines.push('', '  $$' + r.corrected.latex + '$$');
    }
    lines.push(`- **reproduce**: \`${r.reproduce}\``, '');
  }
  return lines.join('\n');
}
