/**
 * `hypocheck graph [--report DIR] [--format dot|mermaid|svg] [--only PREFIX] [--out FILE]` (issue 11):
 * the proof graph of a run (report.json of `verify` or `check`): one node per claim, corrected
 * statement and cited result, an edge per `uses`, nodes coloured by verdict, edges into a claim
 * that is not established drawn dashed red. `svg` is the DOT laid out by Graphviz (WebAssembly,
 * src/graph-svg.ts); each node links to `#claim-<id>`, its section in report.html.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliIo } from '../cli.ts';
import type { CliState } from './index.ts';
import { UsageError } from '../errors.ts';
import type { HypocheckReport } from '../report.ts';
import { graphNodes } from '../graph.ts';
import { layoutDot } from '../graph-svg.ts';

/**
 * The HTML anchor of a graph node: `claim-<id>` (a claim's section in report.html, its corrected
 * statement `claim-<id>:corrected`, a cited result `claim-cite:…`). One scheme for the graph's
 * node links and every link of the HTML report.
 */
export function claimAnchor(id: string): string {
  return `claim-${id}`;
}

const COLOURS: Record<string, string> = {
  proved: '#2e7d32',
  refuted: '#c62828',
  supported: '#00838f',
  vacuous: '#8e24aa',
  inconclusive: '#f9a825',
  error: '#000000',
  cited: '#757575',
};

/** The graph of a report as DOT or Mermaid text. */
export function proofGraph(report: Pick<HypocheckReport, 'claims' | 'cited'>, format: 'dot' | 'mermaid', only?: string): string {
  const nodes = graphNodes(report.claims, report.cited ?? []);
  const established = new Map(report.claims.map((r) => [r.id, r.established]));
  const keep = (id: string) => !only || id.startsWith(only) || [...nodes.values()].some((n) => n.id.startsWith(only) && n.uses.includes(id));
  const list = [...nodes.values()].filter((n) => keep(n.id));
  const safe = (id: string) => `n_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
  const quoted = (s: string) => s.replace(/["\\]/g, '\\$&');
  const lines: string[] = [];
  if (format === 'dot') {
    lines.push('digraph proof {', '  rankdir=BT;', '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontcolor=white];');
    for (const n of list) lines.push(`  ${safe(n.id)} [label="${quoted(n.id)}\\n${n.verdict}", fillcolor="${COLOURS[n.verdict] ?? '#999999'}", URL="#${quoted(claimAnchor(n.id))}", tooltip="${quoted(n.id)}: ${n.verdict}", class="v-${n.verdict}"];`);
    for (const n of list)
      for (const u of n.uses) {
        if (!nodes.has(u) || !keep(u)) continue;
        const broken = established.get(n.id) === 'no' && (nodes.get(u)!.verdict !== 'proved' && nodes.get(u)!.verdict !== 'cited' || established.get(u) === 'no');
        lines.push(`  ${safe(n.id)} -> ${safe(u)}${broken ? ' [color="#c62828", style=dashed, penwidth=2]' : ''};`);
      }
    lines.push('}');
  } else {
    lines.push('graph BT');
    for (const n of list) lines.push(`  ${safe(n.id)}["${n.id}<br/>${n.verdict}"]`);
    let k = 0;
    const brokenEdges: number[] = [];
    for (const n of list)
      for (const u of n.uses) {
        if (!nodes.has(u) || !keep(u)) continue;
        const broken = established.get(n.id) === 'no' && (nodes.get(u)!.verdict !== 'proved' && nodes.get(u)!.verdict !== 'cited' || established.get(u) === 'no');
        lines.push(`  ${safe(n.id)} ${broken ? '-.->' : '-->'} ${safe(u)}`);
        if (broken) brokenEdges.push(k);
        k++;
      }
    for (const [v, c] of Object.entries(COLOURS)) lines.push(`  classDef ${v} fill:${c},color:#fff`);
    for (const n of list) lines.push(`  class ${safe(n.id)} ${n.verdict}`);
    if (brokenEdges.length) lines.push(`  linkStyle ${brokenEdges.join(',')} stroke:#c62828,stroke-width:2px`);
  }
  return lines.join('\n') + '\n';
}

/** The proof graph laid out by Graphviz: an SVG document whose nodes link to `#claim-<id>`. */
export async function proofGraphSvg(report: Pick<HypocheckReport, 'claims' | 'cited'>, only?: string): Promise<string> {
  return layoutDot(proofGraph(report, 'dot', only));
}

export function registerGraph(program: Command, io: CliIo, _state: CliState): void {
  program
    .command('graph')
    .description('the proof graph of a run (report.json): nodes coloured by verdict, broken edges marked')
    .option('--report <dir>', 'the folder of report.json (from verify or check)', 'report')
    .addOption(new Option('--format <f>', 'output format').choices(['dot', 'mermaid', 'svg']).default('dot'))
    .option('--only <prefix>', 'only claims whose id starts with PREFIX, and what they use')
    .option('--out <file>', 'write to FILE instead of standard output')
    .action(async (opts: { report: string; format: 'dot' | 'mermaid' | 'svg'; only?: string; out?: string }) => {
      const file = join(resolve(opts.report), 'report.json');
      let report: HypocheckReport;
      try {
        report = JSON.parse(readFileSync(file, 'utf8')) as HypocheckReport;
      } catch {
        throw new UsageError(`no report at ${file}; run \`hypocheck verify\` (or check FILE) first, or pass --report DIR`);
      }
      if (!Array.isArray(report.claims)) throw new UsageError(`${file} is not a hypocheck report`);
      const text = opts.format === 'svg' ? await proofGraphSvg(report, opts.only) : proofGraph(report, opts.format, opts.only);
      if (opts.out) {
        writeFileSync(resolve(opts.out), text);
        io.out(`wrote ${opts.out}${opts.format === 'dot' ? ` (render: dot -Tsvg ${opts.out} > graph.svg)` : ''}`);
      } else io.out(text.trimEnd());
    });
}
