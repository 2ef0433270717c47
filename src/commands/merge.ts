/**
 * `hypocheck merge DIR… --report OUT`: put the reports of `verify --shard K/N` back together. The
 * merged report equals the unsharded run's apart from `ms` (a test proves it): rows interleaved
 * back into order, conjunctions and `established` recomputed over all rows, SMT-LIB files copied.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { CliIo } from '../cli.ts';
import type { CliState } from './index.ts';
import type { ClaimReport } from '../claims.ts';
import { UsageError, echoArg, prepareOutputDir } from '../errors.ts';
import { buildReport, summaryLine, toJson, toMarkdown, type HypocheckReport } from '../report.ts';
import { writeHtmlReport } from '../html.ts';
import { interleave, type ShardStamp } from '../shard.ts';

type ShardReport = HypocheckReport & { shard?: ShardStamp };

const unused = (s: string | undefined) => !s || s === 'none' || s === 'not used';

/** Merge shard reports (any order) into one report. */
export function mergeReports(reports: readonly ShardReport[]): HypocheckReport {
  if (reports.length === 0) throw new UsageError('merge: no shard reports given');
  const stamps = reports.map((r, i) => {
    if (!r.shard) throw new UsageError(`merge: report ${i + 1} was not written by \`verify --shard K/N\``);
    return r.shard;
  });
  const n = stamps[0].count;
  const first = reports[0];
  for (const [i, r] of reports.entries()) {
    const s = stamps[i];
    // what differs, named: the flags, the shard count, the claim set (paper, total, main results), the version
    const differs = [
      s.run !== stamps[0].run ? `${echoArg(s.run)} vs ${echoArg(stamps[0].run)}` : '',
      s.count !== n ? `${s.count} shards vs ${n}` : '',
      r.paper !== first.paper ? `paper ${echoArg(String(r.paper))} vs ${echoArg(String(first.paper))}` : '',
      s.total !== stamps[0].total ? `${s.total} claims in the whole run vs ${stamps[0].total}` : '',
      JSON.stringify(r.main ?? []) !== JSON.stringify(first.main ?? []) ? 'other main results' : '',
      r.version !== first.version ? `version ${r.version} vs ${first.version}` : '',
    ].filter(Boolean);
    if (differs.length) throw new UsageError(`merge: shard ${s.index}/${s.count} is from a different run (${differs.join('; ')})`);
  }
  const byIndex = new Map(reports.map((r, i) => [stamps[i].index, r]));
  const missing = Array.from({ length: n }, (_, k) => k + 1).filter((k) => !byIndex.has(k));
  if (missing.length) throw new UsageError(`merge: missing shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${n}`).join(', ')}`);
  if (byIndex.size !== reports.length) throw new UsageError('merge: a shard is given twice');
  const parts = Array.from({ length: n }, (_, k) => byIndex.get(k + 1)!.claims.map((row) => structuredClone(row) as ClaimReport));
  // Rows back in the runner's key order (JSON drops undefined fields, which propagate then appends
  // at the end): the merged report.json is byte-identical to the unsharded one apart from `ms`.
  const rows = interleave(parts).map(runnerKeyOrder);
  // What the shard computed from rows it did not have is recomputed over all of them.
  for (const r of rows) {
    delete (r as Partial<ClaimReport>).established;
    delete (r as Partial<ClaimReport>).brokenAt;
    if (r.kind === 'conjunction') {
      const { assembled: _a, parts: _p, ...own } = r.evidence as Record<string, unknown>;
      r.evidence = own;
    }
  }
  const keys = [...new Set(reports.flatMap((r) => Object.keys(r.backends ?? {})))];
  const backends = Object.fromEntries(keys.map((k) => [k, reports.map((r) => (r.backends as Record<string, string>)[k]).find((v) => !unused(v)) ?? (first.backends as Record<string, string>)[k]]));
  const report = buildReport(rows, {
    version: first.version,
    seed: first.seed,
    backends: backends as HypocheckReport['backends'],
    ms: 0,
    paper: first.paper,
    title: first.title,
    cited: first.cited,
    main: first.main,
  });
  return report;
}

/** The fields of a row in the order src/runner.ts writes them (then any others, as they come). */
const ROW_KEYS = ['id', 'source', 'statement', 'verdict', 'method', 'witness', 'corrected', 'evidence', 'reproduce', 'ms', 'summary', 'latex', 'hypotheses', 'kind', 'title', 'uses', 'basis', 'dimensions', 'decisive'] as const;

function runnerKeyOrder(row: ClaimReport): ClaimReport {
  const r = row as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of ROW_KEYS) out[k] = r[k];
  for (const k of Object.keys(r)) if (!(k in out)) out[k] = r[k];
  return out as unknown as ClaimReport;
}

function readShard(path: string): { report: ShardReport; dir: string } {
  const file = existsSync(join(path, 'report.json')) ? join(path, 'report.json') : path;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`merge: cannot read ${echoArg(path)} (a shard's --report directory or its report.json)`);
  }
  try {
    return { report: JSON.parse(text) as ShardReport, dir: file === path ? resolve(path, '..') : resolve(path) };
  } catch {
    throw new UsageError(`merge: ${echoArg(file)} is not JSON`);
  }
}

export function registerMerge(program: Command, io: CliIo, _state: CliState): void {
  program
    .command('merge')
    .description('merge the reports of `verify --shard K/N` (one per shard) into one report')
    .argument('<reports...>', "each shard's --report directory (or its report.json)")
    .option('--report <dir>', 'directory for the merged report.json, report.md, report.html', 'report')
    .action(async (paths: string[], opts: { report: string }) => {
      const dir = prepareOutputDir('--report', opts.report);
      const shards = paths.map(readShard);
      const report = mergeReports(shards.map((s) => s.report));
      writeFileSync(join(dir, 'report.json'), toJson(report) + '\n');
      writeFileSync(join(dir, 'report.md'), toMarkdown(report) + '\n');
      await writeHtmlReport(join(dir, 'report.html'), report);
      for (const s of shards) {
        const smt = join(s.dir, 'smt2');
        if (!existsSync(smt) || resolve(smt) === resolve(dir, 'smt2')) continue;
        mkdirSync(join(dir, 'smt2'), { recursive: true });
        for (const f of readdirSync(smt)) copyFileSync(join(smt, f), join(dir, 'smt2', f));
      }
      io.out(summaryLine(report));
      io.out(pc.dim(`merged ${shards.length} shard reports: ${join(opts.report, 'report.json')}, report.md, report.html`));
    });
}
