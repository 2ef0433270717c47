/**
 * The `hypocheck` command line. I/O lives here: files, terminal, signals, services.
 * Exit codes: 0 every check ran (whatever the verdicts), 1 a check errored, 2 bad usage.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import type { BackendChoice, CheckContext, ClaimReport } from './claims.ts';
import { findClaim, paper, paperListing } from './paper-claims.ts';
import { isPlotSpec, type Claim, type DerivationStep } from './claims.ts';
import { printedFields } from './claim-record.ts';
import type { CitedResult } from './claim-record.ts';
import { rowQueries, runClaim, runClaims, selectClaims, smt2FileName } from './runner.ts';
import { queryToSmt2 } from '../symbolic/smt2.ts';
import { basisLine, buildReport, colourVerdict, evidenceText, summaryLine, tableHeader, tableRow, toJson, toMarkdown } from './report.ts';
import { createServiceRegistry, type ManagedRegistry } from './services.ts';
import { propagate } from './graph.ts';
import { createZ3Service } from './z3-service.ts';
import { createCvc5Service } from './cvc5-service.ts';
import { createIntegratorService } from './integrator-service.ts';
import { UsageError, checkOutputFile, echoArg, parseNumberFlag, prepareOutputDir } from './errors.ts';
import { prerenderStatements, writeHtmlReport } from './html.ts';
import { registerExtraCommands } from './commands/index.ts';
import { parseShard, shardItems, type Shard, type ShardStamp } from './shard.ts';
import { prestartWorkers } from '../numeric/parallel.ts';
import { prestartClaimWorkers, remoteClaims } from './claim-workers.ts';
import type { ClaimSet } from './claim-record.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const VERSION: string = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')).version;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** On a terminal: show a transient status line (replaced by the next one, cleared before any output line). */
  status?: (line: string) => void;
}

/** Whether stderr is a terminal (through the launcher's filter, as the launcher saw it). */
function stderrIsTty(): boolean {
  const forwarded = process.env.HYPOCHECK_STDERR_TTY;
  return forwarded !== undefined && forwarded !== '' ? forwarded === '1' : !!process.stderr.isTTY;
}

/** The terminal io: plain lines, or on a TTY one updating progress line that never breaks the table. */
export function terminalIo(): CliIo {
  if (!stderrIsTty()) return { out: (l) => console.log(l), err: (l) => console.error(l) };
  let shown = false;
  const clear = () => {
    if (shown) process.stderr.write('\r\x1b[K');
    shown = false;
  };
  const columns = () => Number(process.env.HYPOCHECK_COLUMNS) || process.stderr.columns || 100;
  return {
    out: (l) => {
      clear();
      console.log(l);
    },
    err: (l) => {
      clear();
      console.error(l);
    },
    status: (l) => {
      const flat = l.replace(/\s+/g, ' ');
      const max = Math.max(20, columns() - 1);
      process.stderr.write(`\r\x1b[K${pc.dim(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat)}`);
      shown = true;
    },
  };
}

const BACKENDS: BackendChoice[] = ['auto', 'gpu', 'cpu', 'qmc', 'quadrature'];

export interface RunSettings {
  seed: number;
  backend: BackendChoice;
  effort: number;
  quiet?: boolean;
}

/** Build the check context with lazily created services. */
export function createContext(settings: RunSettings, io: CliIo, signal?: AbortSignal): { ctx: CheckContext; registry: ManagedRegistry } {
  const registry = createServiceRegistry({
    z3: createZ3Service,
    cvc5: () => createCvc5Service(),
    integrators: () => createIntegratorService(settings.backend, (line) => io.err(pc.yellow(line))),
  });
  const ctx: CheckContext = {
    seed: settings.seed,
    backend: settings.backend,
    effort: settings.effort,
    services: registry,
    signal,
    progress: settings.quiet ? () => {} : io.status ? (m) => io.status!(`  … ${m}`) : (m) => io.err(pc.dim(`  … ${m}`)),
  };
  return { ctx, registry };
}

function parseSeed(v: string): number {
  const n = parseNumberFlag('--seed', v, { integer: true, min: 0 });
  if (!Number.isSafeInteger(n)) throw new UsageError(`--seed must be an integer below 2^53, got ${echoArg(v)}`);
  return n;
}
function parseEffort(v: string): number {
  return parseNumberFlag('--effort', v, { min: 0, exclusiveMin: true });
}

function backendOption(): Option {
  return new Option('--backend <name>', 'integrator for numeric checks').choices(BACKENDS).default('auto');
}

function requireClaim(id: string) {
  const c = findClaim(id);
  if (!c) {
    const near = paper.claims.filter((x) => x.id.startsWith(id.split(':').slice(0, 2).join(':'))).map((x) => x.id);
    throw new UsageError(`unknown claim id "${echoArg(id)}"${near.length ? ` (did you mean ${near.slice(0, 5).join(', ')}?)` : '; see `hypocheck list`'}`);
  }
  return c;
}

/** `--backend gpu` with no adapter stops the run with one line, before any claim runs. */
async function preflightBackend(settings: RunSettings, ctx: CheckContext): Promise<void> {
  if (settings.backend !== 'gpu') return;
  try {
    await ctx.services.get('integrators');
  } catch (err) {
    throw new UsageError((err instanceof Error ? err.message : String(err)).split('\n')[0]);
  }
}

function describeBackends(registry: ManagedRegistry): { gpu: string; z3: string; cvc5: string } {
  const d = registry.described();
  return { gpu: d.integrators ?? 'none', z3: d.z3 ?? 'not used', cvc5: d.cvc5 ?? 'none' };
}

export function printShow(row: ClaimReport, io: CliIo): void {
  io.out(`${pc.bold(row.id)}  ${colourVerdict(row.verdict)}  (${row.method}, ${row.ms} ms)`);
  io.out(`${pc.dim(row.source)}`);
  io.out('');
  io.out(row.statement);
  if (row.latex) io.out(pc.dim(`LaTeX: ${row.latex}`));
  if (row.hypotheses.length) {
    io.out('');
    io.out(pc.bold('Hypotheses'));
    for (const h of row.hypotheses) io.out(`  ${h}`);
  }
  io.out('');
  io.out(`${pc.bold('Evidence')}: ${row.summary}`);
  for (const [k, v] of Object.entries(row.evidence)) io.out(`  ${k}: ${evidenceText(v)}`);
  if (row.witness !== null) io.out(`${pc.bold('Witness')}: ${toJson(row.witness).replace(/\n\s*/g, ' ')}`);
  if (row.corrected) {
    io.out(`${pc.bold('Corrected')} (${colourVerdict(row.corrected.verdict)}, ${row.corrected.method}): ${row.corrected.statement}`);
    if (row.corrected.evidence) for (const [k, v] of Object.entries(row.corrected.evidence)) io.out(`  ${k}: ${evidenceText(v)}`);
  }
  io.out(`${pc.bold('Reproduce')}: ${row.reproduce}`);
}

/**
 * The claims a conjunction rests on, itself included, in the given order: its `uses` (a corrected
 * statement `<id>:corrected` through its claim; a conjunction's `corrected.uses` too), transitively.
 */
export function conjunctionClosure(claims: readonly Claim[], id: string): Claim[] {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const visit = (u: string) => {
    const base = !byId.has(u) && u.endsWith(':corrected') ? u.slice(0, -':corrected'.length) : u;
    const c = byId.get(base);
    if (!c || seen.has(base)) return;
    seen.add(base);
    const correctedUses = c.kind === 'conjunction' && Array.isArray(c.record?.corrected?.uses) ? (c.record.corrected.uses as unknown[]).map(String) : [];
    for (const v of [...(c.uses ?? []), ...correctedUses]) visit(v);
  };
  visit(id);
  return claims.filter((c) => seen.has(c.id));
}

/** After `show` of a conjunction: whether it is established, and what each claim below it gave. */
function printConjunctionParts(row: ClaimReport, rows: readonly ClaimReport[], io: CliIo): void {
  const broken = row.brokenAt?.length ? ` — broken at ${row.brokenAt.join(', ')}` : '';
  io.out(`${pc.bold('Established')}: ${row.established ?? 'no'}${broken}`);
  io.out(pc.bold(`Claims it rests on (${rows.length - 1}, run here)`));
  for (const r of rows) if (r.id !== row.id) io.out(`  ${r.id}  ${colourVerdict(r.verdict)}${r.corrected ? ` (corrected: ${colourVerdict(r.corrected.verdict)})` : ''}  established: ${r.established ?? 'no'}`);
}

/** Every solver query of the run as report/smt2/<id>-<k>.smt2, so a referee can re-run any solver. */
export function writeSmt2Files(dir: string, rows: readonly ClaimReport[]): number {
  let n = 0;
  for (const row of rows) {
    const queries = rowQueries.get(row) ?? [];
    queries.forEach((q, k) => {
      const file = join(dir, smt2FileName(row.id, k + 1));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, queryToSmt2(q, `hypocheck ${VERSION}: ${row.id} (${row.source}), query ${k + 1} of ${queries.length}\nthe claim as printed is ${row.verdict}${row.corrected ? `; its corrected statement is ${row.corrected.verdict} (its queries are among these)` : ""}`));
      n++;
    });
  }
  return n;
}

/**
 * The derivation of a data claim: its procedure's own steps when it gives them, else the printed
 * data it read (one step per field) and the decisive evidence it computed (one step per entry).
 */
async function derivationOfData(claim: Claim): Promise<DerivationStep[]> {
  if (!claim.record) return [];
  const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 1, quiet: true }, { out: () => {}, err: () => {} });
  try {
    const result = await claim.check(ctx);
    if (result.derivation?.length) return result.derivation;
    const steps: DerivationStep[] = printedFields(claim.record).map((f) => ({ title: `printed ${f} (${claim.record!.kind})`, text: evidenceText(claim.record![f]) }));
    for (const [k, v] of Object.entries(result.evidence)) if (!isPlotSpec(v)) steps.push({ title: k, text: evidenceText(v) });
    steps.push({ title: `verdict: ${result.verdict} (${result.method}${result.basis ? `, ${result.basis}` : ''})`, text: result.summary, latex: claim.latex });
    return steps;
  } finally {
    await registry.disposeAll();
  }
}

/** Flags shared by `verify` and `check`. */
export interface RunReportOptions {
  only?: string;
  json?: string;
  report: string;
  seed: number;
  effort: number;
  backend: BackendChoice;
  /** Per-claim time budget in seconds. @defaultValue 600 */
  timeout?: number;
  /** `--shard K/N`: run only that slice of the selected claims (merge the reports with `hypocheck merge`). */
  shard?: Shard;
  /** `--jobs N`: claims in flight at once (the report is the same; a claim's `ms` counts its wait). @defaultValue CLAIMS_IN_FLIGHT */
  jobs?: number;
}

/**
 * The claim that was running when Ctrl-C came: whatever it returned was cut short, so it is
 * `inconclusive` ("interrupted"), never `proved`/`refuted` from partial work nor `error`.
 */
export function markInterrupted(row: ClaimReport): void {
  rowQueries.delete(row); // its queries were cut short too: no smt2 files for it
  row.verdict = 'inconclusive';
  row.summary = 'interrupted (Ctrl-C) before the check finished';
  row.evidence = { interrupted: true };
  row.witness = null;
  row.corrected = null;
  row.basis = undefined;
  row.decisive = 'interrupted';
}

/**
 * Claims checked side by side by default (`--jobs`; src/runner.ts `concurrency`; the report is the
 * same for any value), started longest first (`expectedMsOf`): on the paper, 14.6–15.4 s with two
 * against 17.3–17.8 s with one (a solver's wait overlaps a simulation). A claim's `ms` is its wall
 * time, shared with the claim beside it.
 */
const CLAIMS_IN_FLIGHT = 2;

/** An earlier report larger than this is not read (ours are about 1 MB). */
const EARLIER_REPORT_MAX_BYTES = 16 << 20;

/**
 * Expected time of each claim, for the start order only: its `ms` in the report already in the
 * output directory when that report is of the same paper; else by kind (FIRST_RUN_WEIGHT). Never
 * read for a verdict.
 */
export function expectedMsOf(dir: string, paperId: string, claims: readonly Claim[]): Map<string, number> {
  try {
    const file = join(dir, 'report.json');
    const st = statSync(file);
    if (!st.isFile() || st.size > EARLIER_REPORT_MAX_BYTES) throw new Error('not an earlier report');
    const previous = JSON.parse(readFileSync(file, 'utf8')) as { paper?: unknown; claims?: { id?: unknown; ms?: unknown }[] };
    if (previous.paper === paperId && Array.isArray(previous.claims)) {
      const ms = new Map<string, number>();
      for (const c of previous.claims) if (typeof c.id === 'string' && typeof c.ms === 'number' && Number.isFinite(c.ms)) ms.set(c.id, c.ms);
      if (ms.size) return ms;
    }
  } catch {
    // no earlier report, or not one of ours: the fallback below
  }
  return new Map(claims.filter((c) => FIRST_RUN_WEIGHT[c.kind ?? ''] !== undefined).map((c) => [c.id, FIRST_RUN_WEIGHT[c.kind ?? '']]));
}

/**
 * Start order without an earlier report: TypeScript modules (simulations: long, on every core)
 * first, then the kinds that wait longest on solvers (quantified matrix claims, spectra), then the
 * other solver kinds, then the rest, each in claim order.
 */
const FIRST_RUN_WEIGHT: Record<string, number> = { module: 3, 'matrix-inequality': 2, 'spectral-rate': 2, 'integral-inequality': 2, inequality: 1, 'norm-inequality': 1, 'spectral-abscissa': 1 };

/** The `--jobs` option of verify and check. */
export function jobsOption(): Option {
  return new Option('--jobs <n>', 'claims checked side by side while others wait for a solver (the report is the same; ms then counts the wait)')
    .argParser((v) => parseNumberFlag('--jobs', v, { integer: true, min: 1 }))
    .default(CLAIMS_IN_FLIGHT);
}

/** Run claims, stream the table, write report.json/.md/.html (and --json), print the headline. */
export async function runAndReport(
  claims: readonly Claim[],
  paper: { paper: string; title?: string; cited: CitedResult[]; main?: string[]; reproduce?: (id: string) => string; sets?: readonly ClaimSet[] },
  opts: RunReportOptions,
  io: CliIo,
  state: { exitCode: number; signal?: AbortSignal; cleanups: (() => Promise<void>)[] },
): Promise<void> {
  if (opts.only && selectClaims(claims, opts.only).length === 0) throw new UsageError(`--only ${echoArg(opts.only)} matches no claim; see \`hypocheck list\``);
  // Output paths are checked (and the directory created) before the first claim runs.
  const dir = prepareOutputDir('--report', opts.report);
  for (const name of ['report.json', 'report.md', 'report.html']) checkOutputFile('--report', join(opts.report, name));
  if (opts.json !== undefined) checkOutputFile('--json', opts.json);
  const { ctx, registry } = createContext({ seed: opts.seed, backend: opts.backend, effort: opts.effort }, io, state.signal);
  state.cleanups.push(() => registry.disposeAll());
  await preflightBackend(opts, ctx);
  const t0 = performance.now();
  io.out(tableHeader());
  const selected = selectClaims(claims, opts.only);
  const mine = shardItems(selected, opts.shard);
  const expectedMs = expectedMsOf(dir, paper.paper, mine);
  // report.html's statements typeset while the claims run (the report is the same)
  const typesetting = prerenderStatements(
    [...mine, ...mine.flatMap((c) => (c.record?.corrected ? [{ statement: c.record.corrected.statement }] : [])), ...paper.cited],
    state.signal,
  );
  // the claims' records, when the claims are those of `sets`, may be checked on claim workers too
  const remote = paper.sets ? remoteClaims(paper.sets, ctx) : undefined;
  if (remote) state.cleanups.push(async () => remote.close());
  const rows = await runClaims(mine, ctx, {
    remote,
    timeoutMs: (opts.timeout ?? 600) * 1000,
    concurrency: opts.jobs ?? CLAIMS_IN_FLIGHT,
    expectedMs,
    onStart: (c, started, n) => ctx.progress(`[${started}/${n}] ${c.id}`),
    onInterrupted: markInterrupted,
    // A conjunction's verdict is computed from its parts once all have run: printed after them.
    onResult: (row) => {
      if (row.kind !== 'conjunction') io.out(tableRow(row, process.stdout.columns ?? 140));
    },
  });
  // a user's file: the command that reruns one claim of it (show knows the shipped paper only)
  const { reproduce, ...paperMeta } = paper;
  if (reproduce) for (const row of rows) row.reproduce = reproduce(row.id);
  const built = buildReport(rows, { version: VERSION, seed: opts.seed, backends: describeBackends(registry), ms: Math.round(performance.now() - t0), ...paperMeta });
  const stamp: ShardStamp | undefined = opts.shard && {
    index: opts.shard.index,
    count: opts.shard.count,
    total: selected.length,
    run: `seed ${opts.seed}, effort ${opts.effort}, backend ${opts.backend}${opts.only ? `, only ${opts.only}` : ''}`,
  };
  const report = stamp ? { ...built, shard: stamp } : built;
  for (const row of rows) if (row.kind === 'conjunction') io.out(tableRow(row, process.stdout.columns ?? 140));
  writeFileSync(join(dir, 'report.json'), toJson(report) + '\n');
  writeFileSync(join(dir, 'report.md'), toMarkdown(report) + '\n');
  await typesetting;
  await writeHtmlReport(join(dir, 'report.html'), report);
  writeSmt2Files(dir, rows);
  if (opts.json) {
    mkdirSync(dirname(resolve(opts.json)), { recursive: true });
    writeFileSync(resolve(opts.json), toJson(report) + '\n');
  }
  io.out('');
  for (const h of report.headline) io.out(h);
  io.out(summaryLine(report));
  io.out(basisLine(report));
  io.out(pc.dim(`reports: ${join(opts.report, 'report.json')}, report.md, report.html${opts.json ? `, ${opts.json}` : ''}`));
  if (state.signal?.aborted) {
    io.err(pc.yellow('interrupted: the report holds the claims checked so far'));
    state.exitCode = 130;
  }
  if (rows.some((r) => r.verdict === 'error')) state.exitCode = 1;
}

export function buildProgram(io: CliIo, state: { exitCode: number; signal?: AbortSignal; cleanups: (() => Promise<void>)[] }): Command {
  const program = new Command();
  program
    .name('hypocheck')
    .description('Check Zhu & Ying (2021), claim by claim: exact derivations, Z3 decisions, Monte Carlo on the GPU.')
    .version(VERSION)
    .option('--verbose', "show the GPU driver's native warnings (Dawn, EGL), hidden by default")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  program
    .command('verify')
    .description('check the claims and write the reports')
    .option('--only <prefix>', 'only claims whose id starts with PREFIX (e.g. thm:3.1)')
    .option('--json <file>', 'also write the JSON report to FILE')
    .option('--report <dir>', 'directory for report.json, report.md, report.html', 'report')
    .option('--seed <n>', 'master seed', parseSeed, 1)
    .option('--effort <x>', 'work scale of numeric checks (1 = default)', parseEffort, 1)
    .option('--timeout <s>', 'time budget per claim in seconds', (v) => parseNumberFlag('--timeout', v, { min: 0, exclusiveMin: true }), 600)
    .option('--shard <K/N>', 'run only the K-th of N slices of the claims; `hypocheck merge` joins the reports', parseShard)
    .addOption(jobsOption())
    .addOption(backendOption())
    .action(async (opts: RunReportOptions) => {
      prestartWorkers(); // their start-up overlaps reading the paper
      prestartClaimWorkers();
      await runAndReport(paper.claims, { paper: paper.set.paper.id, title: paper.set.paper.title, cited: paper.set.cited, main: paper.set.paper.main, sets: [paper.set] }, opts, io, state);
    });

  program
    .command('list')
    .description('list the claims by id')
    .option('--only <prefix>', 'only ids starting with PREFIX')
    .action((opts: { only?: string }) => {
      const selected = selectClaims(paperListing(), opts.only);
      if (opts.only && selected.length === 0) throw new UsageError(`--only ${echoArg(opts.only)} matches no claim; see \`hypocheck list\``);
      for (const c of selected) io.out(`${c.id.padEnd(24)} ${pc.dim(c.source.padEnd(34))} ${c.statement.replace(/\s+/g, ' ').slice(0, 90)}`);
    });

  program
    .command('show')
    .description('check one claim and show statement, hypotheses, method, evidence, witness, how to reproduce')
    .argument('<id>', 'claim id, e.g. thm:3.1:case1')
    .option('--seed <n>', 'master seed', parseSeed, 1)
    .option('--effort <x>', 'work scale of numeric checks (1 = default)', parseEffort, 1)
    .addOption(backendOption())
    .action(async (id: string, opts: { seed: number; effort: number; backend: BackendChoice }) => {
      const claim = requireClaim(id);
      const { ctx, registry } = createContext({ seed: opts.seed, backend: opts.backend, effort: opts.effort }, io, state.signal);
      state.cleanups.push(() => registry.disposeAll());
      await preflightBackend(opts, ctx);
      if (claim.kind === 'conjunction') {
        // A conjunction's verdict is assembled from what its parts establish: run them all (the
        // claims it rests on, transitively), so show says what check and verify say.
        const parts = conjunctionClosure(paper.claims, claim.id);
        io.err(pc.dim(`${claim.id} is a conjunction: running the ${parts.length - 1} claims it rests on`));
        const rows = propagate(await runClaims(parts, ctx, { concurrency: 2 }), paper.set.cited);
        const row = rows.find((r) => r.id === claim.id)!;
        printShow(row, io);
        printConjunctionParts(row, rows, io);
        if (rows.some((r) => r.verdict === 'error')) state.exitCode = 1;
        return;
      }
      const row = await runClaim(claim, ctx);
      printShow(row, io);
      if (row.verdict === 'error') state.exitCode = 1;
    });

  program
    .command('derive')
    .description('print the derivation behind a claim, step by step (Unicode and LaTeX)')
    .argument('<id>', 'claim id, e.g. eq:2.4')
    .option('--latex', 'print only the LaTeX lines')
    .action(async (id: string, opts: { latex?: boolean }) => {
      const claim = requireClaim(id);
      const steps = claim.derive ? await claim.derive() : await derivationOfData(claim);
      if (!steps.length) throw new UsageError(`claim ${id} has no step-by-step derivation; try \`hypocheck show ${id}\``);
      io.out(pc.bold(`${claim.id} — ${claim.source}`));
      io.out(claim.statement);
      for (const [i, s] of steps.entries()) {
        io.out('');
        io.out(pc.bold(`Step ${i + 1}. ${s.title}`));
        if (!opts.latex) io.out(s.text.split('\n').map((l) => `  ${l}`).join('\n'));
        if (s.latex) io.out(pc.dim(`  LaTeX: ${s.latex}`));
      }
    });

  registerExtraCommands(program, io, state);
  return program;
}

export async function main(argv: string[], io: CliIo = terminalIo()): Promise<number> {
  const controller = new AbortController();
  const state = { exitCode: 0, signal: controller.signal, cleanups: [] as (() => Promise<void>)[] };
  let firstSigint = 0;
  const onSigint = () => {
    // A terminal's Ctrl-C and a relaying parent (npm, the launcher) deliver one press twice.
    if (controller.signal.aborted && Date.now() - firstSigint < 1000) return;
    if (controller.signal.aborted) process.exit(130);
    firstSigint = Date.now();
    io.err(pc.yellow('\ninterrupt: finishing the current step and keeping what was found (Ctrl-C again to quit)'));
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  // --verbose is the launcher's (native GPU warnings shown); accepted anywhere and dropped here.
  const dashDash = argv.indexOf('--');
  argv = argv.filter((a, i) => a !== '--verbose' || (dashDash >= 0 && i > dashDash));
  const program = buildProgram(io, state);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2; // commander already printed its one-line message
    }
    if (err instanceof UsageError || err instanceof RangeError) {
      io.err(`hypocheck: ${err.message}`);
      return 2;
    }
    io.err(`hypocheck: internal error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.HYPOCHECK_DEBUG && err instanceof Error) io.err(err.stack ?? '');
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    for (const c of state.cleanups) await c().catch(() => {});
  }
}

const isEntry = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  // process.exit: Z3's worker threads would keep Node alive after the run.
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
