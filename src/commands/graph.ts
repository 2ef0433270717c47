/**
 * `hypocheck graph [--report DIR] [--format dot|mermaid] [--only PREFIX] [--out FILE]` (issue 11):
 * the proof graph of a run (report.json of `verify` or `check`): one node per claim, corrected
 * statement and cited result, an edge per `uses`, nodes coloured by verdict, edges into a claim
 * that is not established drawn dashed red. Render DOT with Graphviz (`dot -Tsvg`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { CliIo } from '../cli.ts';
import type { CliState } from './index.ts';
import { UsageError } from '../errors.ts';
import type { HypocheckReport } from '../report.ts';
import { graphNodes } from '../graph.ts';

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
  const lines: string[] = [];
  if (format === 'dot') {
    lines.push('digraph proof {', '  rankdir=BT;', '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontcolor=white];');
    for (const n of list) lines.push(`  ${safe(n.id)} [label="${n.id}\\n${n.verdict}", fillcolor="${COLOURS[n.verdict] ?? '#999999'}", URL="#claim-${n.id}"];`);
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

export function registerGraph(program: Command, io: CliIo, _state: CliState): void {
  program
    .command('graph')
    .description('the proof graph of a run (report.json): nodes coloured by verdict, broken edges marked')
    .option('--report <dir>', 'the folder of report.json (from verify or check)', 'report')
    .addOption(new Option('--format <f>', 'output format').choices(['dot', 'mermaid']).default('dot'))
    .option('--only <prefix>', 'only claims whose id starts with PREFIX, and what they use')
    .option('--out <file>', 'write to FILE instead of standard output')
    .action((opts: { report: string; format: 'dot' | 'mermaid'; only?: string; out?: string }) => {
      const file = join(resolve(opts.report), 'report.json');
      let report: HypocheckReport;
      try {
        report = JSON.parse(readFileSync(file, 'utf8')) as HypocheckReport;
      } catch {
        throw new UsageError(`no report at ${file}; run \`hypocheck verify\` (or check FILE) first, or pass --report DIR`);
      }
      if (!Array.isArray(report.claims)) throw new UsageError(`${file} is not a hypocheck report`);
      const text = proofGraph(report, opts.format, opts.only);
      if (opts.out) {
        writeFileSync(resolve(opts.out), text);
        io.out(`wrote ${opts.out}${opts.format === 'dot' ? ` (render: dot -Tsvg ${opts.out} > graph.svg)` : ''}`);
      } else io.out(text.trimEnd());
    });
}
