/**
 * `hypocheck mutate [FILE…] [--only PREFIX] [--json FILE]` (issue 9): plant an error in every
 * printed datum of every claim and report the data whose perturbation changes nothing (unread).
 * Without FILE: the shipped paper. Exit 0 when every datum is read, 1 when any is unread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import pc from 'picocolors';
import type { CliIo } from '../cli.ts';
import { createContext } from '../cli.ts';
import type { CliState } from './index.ts';
import { UsageError, parseNumberFlag } from '../errors.ts';
import { mutateClaimSet, type MutationReport } from '../mutate.ts';
import { toJson } from '../report.ts';
import type { ClaimSet } from '../claim-record.ts';

/** The Markdown table of a mutation run (README, `--markdown`). */
export function mutationTable(report: MutationReport): string {
  const lines = ['| claim | kind | printed data | read | unread |', '|---|---|---|---|---|'];
  for (const c of report.claims) {
    lines.push(`| \`${c.id}\` | ${c.kind} | ${c.data.length} | ${c.data.length - c.unread.length} | ${c.unread.length ? c.unread.map((p) => `\`${p}\``).join(', ') : '—'} |`);
  }
  lines.push('', `${report.claims.length} claims, ${report.dataTotal} printed data, ${report.unreadTotal} unread.`);
  return lines.join('\n');
}

export function registerMutate(program: Command, io: CliIo, state: CliState, loadSets: (files: string[], allowModules: boolean) => Promise<ClaimSet[]>): void {
  program
    .command('mutate')
    .description('plant an error in every printed datum of every claim; report data whose perturbation changes nothing')
    .argument('[files...]', 'claim files (default: the shipped paper)')
    .option('--only <prefix>', 'only claims whose id starts with PREFIX')
    .option('--json <file>', 'write the per-datum results as JSON')
    .option('--markdown', 'print the summary as a Markdown table')
    .option('--allow-modules', 'let `module:` claims of the files run')
    .option('--seed <n>', 'master seed', (v) => parseNumberFlag('--seed', v, { integer: true, min: 0 }), 1)
    .option('--effort <x>', 'work scale of numeric checks', (v) => parseNumberFlag('--effort', v, { min: 0, exclusiveMin: true }), 0.25)
    .action(async (files: string[], opts: { only?: string; json?: string; markdown?: boolean; allowModules?: boolean; seed: number; effort: number }) => {
      const sets = await loadSets(files, !!opts.allowModules);
      if (opts.only && !sets.some((s) => s.claims.some((c) => c.id === opts.only || c.id.startsWith(opts.only!)))) {
        throw new UsageError(`--only ${opts.only} matches no claim; see \`hypocheck list\``);
      }
      const { ctx, registry } = createContext({ seed: opts.seed, backend: 'cpu', effort: opts.effort, quiet: true }, io, state.signal);
      state.cleanups.push(() => registry.disposeAll());
      const reports: MutationReport[] = [];
      for (const set of sets) {
        reports.push(
          await mutateClaimSet(set, ctx, {
            only: opts.only,
            onClaim: (id, i, n) => io.err(pc.dim(`  … [${i + 1}/${n}] ${id}`)),
          }),
        );
      }
      const merged: MutationReport = {
        claims: reports.flatMap((r) => r.claims),
        unreadTotal: reports.reduce((s, r) => s + r.unreadTotal, 0),
        dataTotal: reports.reduce((s, r) => s + r.dataTotal, 0),
      };
      if (opts.markdown) io.out(mutationTable(merged));
      else {
        for (const c of merged.claims) {
          const status = c.unread.length ? pc.red(`unread: ${c.unread.join(', ')}`) : pc.green('all read');
          io.out(`${c.id.padEnd(28)} ${c.kind.padEnd(20)} ${String(c.data.length).padStart(3)} data  ${status}`);
        }
        io.out('');
        io.out(`${merged.claims.length} claims, ${merged.dataTotal} printed data, ${merged.unreadTotal} unread`);
      }
      if (opts.json) {
        mkdirSync(dirname(resolve(opts.json)), { recursive: true });
        writeFileSync(resolve(opts.json), toJson(merged) + '\n');
      }
      if (merged.unreadTotal > 0) state.exitCode = 1;
    });
}
