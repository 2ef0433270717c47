/**
 * Claim-file commands (issue 10): `check FILE…` (verdicts, reports, exit codes as `verify`),
 * `lint FILE…` (schema, symbols, uses, cycles; unused symbols as warnings), `init [FILE]` (a
 * commented template with one claim of each kind), and the loader for `mutate` on files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import pc from 'picocolors';
import type { BackendChoice } from '../claims.ts';
import type { CliIo } from '../cli.ts';
import { createContext, jobsOption, runAndReport, writeSmt2Files } from '../cli.ts';
import { runClaim, smt2FileName } from '../runner.ts';
import type { CliState } from './index.ts';
import { UsageError, parseNumberFlag } from '../errors.ts';
import { ClaimFileError, lintClaimFile, loadClaimFile } from '../claim-file.ts';
import { instantiate } from '../procedures/index.ts';
import type { ClaimSet } from '../claim-record.ts';
import { registerMutate } from './mutate.ts';
import { SCHEMA_FILE } from '../claims-json-schema.ts';
import { PAPER_FILE, paper } from '../paper-claims.ts';
import { parseShard, type Shard } from '../shard.ts';
import { prestartClaimWorkers } from '../claim-workers.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** The `init` template (it passes lint; a test keeps it so). */
export const TEMPLATE_FILE = join(here, '..', 'templates', 'example.claims.yaml');

/** Load claim files; a ClaimFileError becomes a usage error (one line, exit 2). */
export function loadSets(files: string[], allowModules: boolean): ClaimSet[] {
  try {
    return files.map((f) => loadClaimFile(f, { allowModules }));
  } catch (e) {
    if (e instanceof ClaimFileError) throw new UsageError(e.message);
    throw e;
  }
}

export function registerFileCommands(program: Command, io: CliIo, state: CliState): void {
  program
    .command('check')
    .description('check the claims of claim files (*.claims.yaml): same table, reports and exit codes as verify')
    .argument('<files...>', 'claim files')
    .option('--only <prefix>', 'only claims whose id starts with PREFIX')
    .option('--json <file>', 'also write the JSON report to FILE')
    .option('--report <dir>', 'directory for report.json, report.md, report.html', 'report')
    .option('--seed <n>', 'master seed', (v) => parseNumberFlag('--seed', v, { integer: true, min: 0 }), 1)
    .option('--effort <x>', 'work scale of numeric checks (1 = default)', (v) => parseNumberFlag('--effort', v, { min: 0, exclusiveMin: true }), 1)
    .option('--allow-modules', 'let `module:` claims run their TypeScript')
    .option('--timeout <s>', 'time budget per claim in seconds', (v) => parseNumberFlag('--timeout', v, { min: 0, exclusiveMin: true }), 600)
    .addOption(jobsOption())
    .option('--shard <K/N>', 'run only the K-th of N slices of the claims; `hypocheck merge` joins the reports', parseShard)
    .addOption(new Option('--backend <name>', 'integrator for numeric checks').choices(['auto', 'gpu', 'cpu', 'qmc', 'quadrature']).default('auto'))
    .action(async (files: string[], opts: { only?: string; json?: string; report: string; seed: number; effort: number; backend: BackendChoice; allowModules?: boolean; timeout: number; jobs: number; shard?: Shard }) => {
      prestartClaimWorkers(); // their start-up overlaps reading the files
      const sets = loadSets(files, !!opts.allowModules);
      const claims = sets.flatMap((set) => set.claims.map((r) => instantiate(r, { set })));
      const ids = new Set<string>();
      for (const c of claims) {
        if (ids.has(c.id)) throw new UsageError(`claim id ${c.id} appears in two of the files; check them one at a time`);
        ids.add(c.id);
      }
      const first = sets[0];
      await runAndReport(
        claims,
        {
          paper: sets.length === 1 ? first.paper.id : sets.map((s) => s.paper.id).join('+'),
          title: sets.map((s) => s.paper.title).join('; '),
          cited: sets.flatMap((s) => s.cited),
          // a file without `paper.main` counts all its conjunctions as main results, beside another file's main
          main: sets.some((s) => s.paper.main?.length) ? sets.flatMap((s) => (s.paper.main?.length ? s.paper.main : s.claims.filter((c) => c.kind === 'conjunction').map((c) => c.id))) : [],
          sets,
          reproduce: (id) => `hypocheck check ${files.join(' ')} --only ${id} --seed ${opts.seed}${opts.backend !== 'auto' ? ` --backend ${opts.backend}` : ''}${opts.allowModules ? ' --allow-modules' : ''}`,
        },
        opts,
        io,
        state,
      );
    });

  program
    .command('lint')
    .description('check claim files without running them: schema, symbols, expressions, uses and cycles')
    .argument('<files...>', 'claim files')
    .action((files: string[]) => {
      let errors = 0;
      for (const f of files) {
        const { errors: es, warnings } = lintClaimFile(f);
        for (const e of es) io.err(e.message);
        for (const w of warnings) io.err(pc.yellow(`${w.message} (warning)`));
        errors += es.length;
        if (!es.length) io.out(`${f}: ok${warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''})` : ''}`);
      }
      if (errors) state.exitCode = 2;
    });

  program
    .command('init')
    .description('write a commented claim-file template with one claim of each kind')
    .argument('[file]', 'where to write it', 'my-paper.claims.yaml')
    .action((file: string) => {
      const out = resolve(file);
      if (existsSync(out)) throw new UsageError(`${file} exists; init never overwrites (choose another name)`);
      writeFileSync(out, readFileSync(TEMPLATE_FILE, 'utf8').replace('SCHEMA_PATH', fileURLToPath(SCHEMA_FILE)));
      io.out(`wrote ${file}; next: hypocheck lint ${file} && hypocheck check ${file}`);
    });

  registerMutate(program, io, state, async (files, allowModules) => (files.length ? loadSets(files, allowModules) : [paper.set]));

  program
    .command('export')
    .description('write the exact SMT-LIB 2 query of every solver decision of a claim, to re-run with any solver')
    .requiredOption('--smt2 <id>', 'claim id')
    .option('--file <claims.yaml>', 'a claim file (default: the shipped paper)')
    .option('--out <dir>', 'output folder', 'smt2-export')
    .option('--allow-modules', 'let `module:` claims of the file run')
    .action(async (opts: { smt2: string; file?: string; out: string; allowModules?: boolean }) => {
      const claims = opts.file ? loadSets([opts.file], !!opts.allowModules).flatMap((set) => set.claims.map((r) => instantiate(r, { set }))) : paper.claims;
      const claim = claims.find((c) => c.id === opts.smt2);
      if (!claim) throw new UsageError(`unknown claim id "${opts.smt2}"; see \`hypocheck list\``);
      const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 1, quiet: true }, io, state.signal);
      state.cleanups.push(() => registry.disposeAll());
      const row = await runClaim(claim, ctx);
      const n = writeSmt2Files(resolve(opts.out), [row]);
      if (n === 0) io.out(`${opts.smt2} (${row.verdict}, ${row.method}) makes no solver query`);
      else io.out(`${opts.smt2} (${row.verdict}): ${n} quer${n > 1 ? 'ies' : 'y'} in ${join(opts.out, 'smt2')}/ — e.g. cvc5 --lang smt2 ${join(opts.out, smt2FileName(opts.smt2, 1))}`);
    });
}

export { PAPER_FILE };
