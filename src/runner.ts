/**
 * Runs claims: filters by id prefix, times each check, turns thrown errors into the
 * `error` verdict (never a crash), and returns the report rows of DESIGN.md's schema.
 */
import type { CheckContext, CheckResult, Claim, ClaimReport } from './claims.ts';
import type { RealQuery } from '../symbolic/z3.ts';
import { claimScope } from './procedures/common.ts';

/** The solver queries a row's check made, in order (written as report/smt2/<id>-<k>.smt2). */
export const rowQueries = new WeakMap<ClaimReport, RealQuery[]>();

/** The file name of a claim's k-th solver query (k from 1). */
export function smt2FileName(id: string, k: number): string {
  return `smt2/${id.replace(/[^A-Za-z0-9._-]/g, '_')}-${k}.smt2`;
}

export interface RunOptions {
  /** Only claims whose id starts with this prefix. @defaultValue all */
  only?: string;
  /** Called after each claim (terminal table rows stream as they finish). */
  onResult?: (row: ClaimReport, index: number, total: number) => void;
  /** Called before each claim starts; `started` counts the claims started so far, this one included. */
  onStart?: (claim: Claim, started: number, total: number) => void;
  /** Per-claim time budget; a claim over it ends `inconclusive` and the others still run. @defaultValue none */
  timeoutMs?: number;
  /**
   * Claims in flight at once: while one waits (a solver, a GPU), the next runs. Rows come in claim
   * order and each claim's solver queries stay its own (src/procedures/common.ts claimScope). @defaultValue 1
   */
  concurrency?: number;
  /** Called with a row whose claim finished after the run's signal aborted (Ctrl-C): its result was cut short. */
  onInterrupted?: (row: ClaimReport) => void;
  /**
   * Expected seconds of a claim, by id (e.g. its `ms` in an earlier report): claims start longest
   * first, so a long wait overlaps the rest (rows still come in claim order). @defaultValue claim order
   */
  expectedMs?: ReadonlyMap<string, number>;
  /**
   * Claims checked elsewhere (src/claim-workers.ts): its lanes take the claims it accepts, in the
   * same start order; this thread's lanes take the others first, then help. A claim it hands back
   * (undefined) is checked here. The rows are the same. @defaultValue every claim here
   */
  remote?: RemoteRunner;
}

/** Where claims can be checked beside this thread (src/claim-workers.ts). */
export interface RemoteRunner {
  /** Claims in flight there at once. */
  lanes: number;
  /** Whether it can check this claim. */
  accepts(claim: Claim): boolean;
  /** The claim's row, or undefined: check it on this thread. */
  run(claim: Claim, timeoutMs?: number): Promise<ClaimReport | undefined>;
}

export function selectClaims<C extends Pick<Claim, 'id'>>(claims: readonly C[], only?: string): C[] {
  if (!only) return [...claims];
  return claims.filter((c) => c.id === only || c.id.startsWith(only.endsWith(':') ? only : `${only}`));
}

/**
 * The basis of a check that does not state one (legacy TypeScript closures): its exact kernel, or
 * Z3 alone. Never for a `module` claim: a module states its basis (src/procedures/module.ts turns
 * a `proved` without one into an error), and nothing is inferred for it from its method.
 */
function legacyBasis(claim: Claim, method: CheckResult['method']): ClaimReport['basis'] {
  if (claim.kind === 'module') return undefined;
  return method === 'exact' ? 'kernel' : method === 'z3' ? 'one-solver' : undefined;
}

export function reproduceCommand(id: string, ctx: Pick<CheckContext, 'seed' | 'backend'>): string {
  const backend = ctx.backend && ctx.backend !== 'auto' ? ` --backend ${ctx.backend}` : '';
  return `hypocheck show ${id} --seed ${ctx.seed}${backend}`;
}

export async function runClaim(claim: Claim, ctx: CheckContext, timeoutMs?: number): Promise<ClaimReport> {
  const t0 = performance.now();
  let result: CheckResult;
  const queries: RealQuery[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const check = claimScope.run({ queries }, () => Promise.resolve().then(() => claim.check(ctx)));
    if (timeoutMs === undefined) result = await check;
    else {
      // The budget is checked between the check's asynchronous steps (solver calls, batches);
      // a claim over it is inconclusive with the reason, and its late result is ignored.
      const budget = new Promise<CheckResult>((resolve) => {
        timer = setTimeout(() => {
          const reason = `time budget exceeded (${Math.round(timeoutMs / 1000)} s; --timeout)`;
          resolve({ verdict: 'inconclusive', method: claim.kind === 'module' ? 'simulation' : 'exact', summary: reason, evidence: { reason }, decisive: 'timeout' });
        }, timeoutMs);
      });
      check.catch(() => undefined);
      result = await Promise.race([check, budget]);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    result = { verdict: 'error', method: 'exact', summary: `check failed: ${message}`, evidence: { reason: message } };
  } finally {
    if (timer) clearTimeout(timer);
  }
  if (queries.length) result = { ...result, evidence: { ...result.evidence, smt2: queries.map((_, k) => smt2FileName(claim.id, k + 1)) } };
  const ms = Math.round(performance.now() - t0);
  const row: ClaimReport = {
    id: claim.id,
    source: claim.source,
    statement: claim.statement,
    verdict: result.verdict,
    method: result.method,
    witness: result.witness ?? null,
    corrected: result.corrected ?? null,
    evidence: result.evidence,
    reproduce: reproduceCommand(claim.id, ctx),
    ms,
    summary: result.summary,
    latex: claim.latex,
    hypotheses: claim.hypotheses,
    kind: claim.kind ?? 'custom',
    ...(claim.title ? { title: claim.title } : {}),
    uses: claim.uses ?? [],
    basis: result.verdict === 'proved' ? (result.basis ?? legacyBasis(claim, result.method)) : undefined,
    dimensions: result.dimensions,
    decisive: result.decisive,
  };
  if (queries.length) rowQueries.set(row, queries);
  return row;
}

export async function runClaims(claims: readonly Claim[], ctx: CheckContext, options: RunOptions = {}): Promise<ClaimReport[]> {
  const { only, onResult, onStart, timeoutMs, concurrency = 1, onInterrupted, expectedMs, remote } = options;
  const selected = selectClaims(claims, only);
  // Start order: longest expected first (stable), else claim order.
  const order = selected.map((_, i) => i);
  if (expectedMs) order.sort((a, b) => (expectedMs.get(selected[b].id) ?? 0) - (expectedMs.get(selected[a].id) ?? 0) || a - b);
  const elsewhere = selected.map((c) => !!remote && remote.accepts(c));
  const taken = new Uint8Array(selected.length);
  /** Claims handed back by the remote lanes: this thread's lanes take them first. */
  const handedBack: number[] = [];
  let started = 0;
  let remoteAlive = 0;
  /** Wakes this thread's idle lanes when a remote lane hands a claim back or ends. */
  let wake: () => void = () => {};
  let woken = new Promise<void>((r) => (wake = r));
  const ring = () => {
    wake();
    woken = new Promise<void>((r) => (wake = r));
  };
  const takeFirst = (eligible: (i: number) => boolean): number | undefined => {
    for (const i of order) {
      if (!taken[i] && eligible(i)) {
        taken[i] = 1;
        return i;
      }
    }
    return undefined;
  };
  const rows: ClaimReport[] = [];
  const finished = new Map<number, ClaimReport>();
  const report = (i: number) => {
    rows.push(finished.get(i)!);
    finished.delete(i);
    onResult?.(rows[rows.length - 1], rows.length - 1, selected.length);
  };
  // Rows are reported in claim order, whatever order the claims in flight finish in.
  const emit = () => {
    while (finished.has(rows.length)) report(rows.length);
  };
  const finish = (i: number, row: ClaimReport) => {
    if (ctx.signal?.aborted) onInterrupted?.(row);
    finished.set(i, row);
    emit();
  };
  const lane = async () => {
    for (;;) {
      await new Promise<void>((r) => setImmediate(r)); // a macrotask turn: Ctrl-C (SIGINT) is seen between claims
      if (ctx.signal?.aborted) return;
      // this thread's own claims first, then any (the remote lanes may be behind)
      const back = handedBack.shift();
      const i = back ?? takeFirst((k) => !elsewhere[k]) ?? takeFirst(() => true);
      if (i === undefined) {
        if (remoteAlive === 0) return;
        await woken; // a remote lane may still hand a claim back
        continue;
      }
      if (back === undefined) onStart?.(selected[i], ++started, selected.length);
      finish(i, await runClaim(selected[i], ctx, timeoutMs));
    }
  };
  const remoteLane = async () => {
    for (;;) {
      await new Promise<void>((r) => setImmediate(r));
      if (ctx.signal?.aborted) return;
      const i = takeFirst((k) => elsewhere[k]);
      if (i === undefined) return;
      onStart?.(selected[i], ++started, selected.length);
      const row = await remote!.run(selected[i], timeoutMs).catch(() => undefined);
      if (row) finish(i, row);
      else handedBack.push(i);
      ring();
    }
  };
  const here = Math.max(1, Math.min(concurrency, selected.length));
  const there = remote && elsewhere.some(Boolean) ? Math.max(0, remote.lanes) : 0;
  remoteAlive = there;
  await Promise.all([
    ...Array.from({ length: here }, lane),
    ...Array.from({ length: there }, async () => {
      try {
        await remoteLane();
      } finally {
        remoteAlive--;
        ring();
      }
    }),
  ]);
  // Interrupted with claims out of order: the ones that finished after a claim never started.
  for (const i of [...finished.keys()].sort((a, b) => a - b)) report(i);
  return rows;
}
