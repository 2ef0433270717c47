/**
 * Claims checked on worker threads beside the main thread (src/claim-worker.ts), so a run's exact
 * kernels use every core: the main thread keeps the claims only it can check (modules, which share
 * caches and the numeric worker pool; conjunctions; claims that use the integrators, whose GPU
 * device lives here) and takes the others when it has nothing else. A row is the one the main
 * thread computes (same record, same runner; each claim's solver queries get a Z3 context of their
 * own here, src/procedures/common.ts claimScope): the report does not depend on where a claim ran.
 *
 * Worker script: `claim-worker.mjs` next to the bundle (src/build.mjs); from sources (vitest, tsx)
 * src/claim-worker-boot.mjs, only when asked for (`workers`), since tsx compiles every source anew.
 * A worker that cannot start or dies hands its claim back: it is then checked here.
 *
 * HYPOCHECK_CLAIM_WORKERS=n sets the number of claim workers (0: every claim on the main thread).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, isMainThread, type MessagePort } from 'node:worker_threads';
import type { CheckContext, Claim, ClaimReport } from './claims.ts';
import type { ClaimRecord, ClaimSet } from './claim-record.ts';
import { rowQueries, type RemoteRunner } from './runner.ts';
import { claimScope } from './procedures/common.ts';
import { decodeQuery, type WireQuery } from '../symbolic/query-wire.ts';
import type { DecideOptions, RealQuery, Z3Decider } from '../symbolic/z3.ts';

/** Defined by the bundle's banner (src/build.mjs): the bundle's own URL. Undefined when running from sources. */
declare const __hypocheckBundleUrl: string | undefined;

export type ToClaimWorker =
  | { type: 'init'; sets: ClaimSet[]; settings: Pick<CheckContext, 'seed' | 'backend' | 'effort'>; services: Record<string, boolean> }
  | { type: 'run'; job: number; set: number; id: string; timeoutMs?: number }
  | { type: 'reply'; call: number; value?: unknown; error?: string }
  | { type: 'abort' };

export type FromClaimWorker =
  | { type: 'ready' }
  | { type: 'progress'; message: string }
  | { type: 'result'; job: number; row?: ClaimReport; queries?: WireQuery[]; declined?: boolean; error?: string }
  | { type: 'solve'; call: number; job: number; service: string; query: WireQuery; options?: DecideOptions }
  | { type: 'service'; call: number; name: string };

/** Kinds checked on the main thread only: modules (shared caches, the numeric pool) and conjunctions (assembled from the other rows). */
const MAIN_THREAD_KINDS = new Set(['module', 'conjunction']);
/** Claim workers at most by default (each holds a copy of the kernels and their caches). */
const MAX_DEFAULT = 3;

/** The claim-worker script of the bundle, when there is one. */
function bundledScript(): URL | undefined {
  if (typeof __hypocheckBundleUrl !== 'string') return undefined;
  const url = new URL('./claim-worker.mjs', __hypocheckBundleUrl);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** HYPOCHECK_CLAIM_WORKERS when set to a number. */
function envCount(): number | undefined {
  const env = process.env.HYPOCHECK_CLAIM_WORKERS;
  return env !== undefined && env !== '' && Number.isFinite(Number(env)) ? Math.max(0, Math.floor(Number(env))) : undefined;
}

/**
 * Claim workers for a run: HYPOCHECK_CLAIM_WORKERS, else one per core but two (at most MAX_DEFAULT);
 * none off the main thread. On two cores none: the run is bound by CPU there (the numeric pool and
 * the solvers fill the second core), and a worker's own start and JIT warm-up cost about a second
 * of CPU for no gain in time (measured on the paper: 10.6–11.3 s with one, 10.6–11.1 s without).
 */
export function claimWorkerCount(): number {
  if (!isMainThread) return 0;
  return envCount() ?? Math.max(0, Math.min(MAX_DEFAULT, availableParallelism() - 2));
}

interface ClaimWorker {
  worker: Worker;
  port: MessagePort;
  alive: boolean;
  /** The job in flight: settled with the row, or undefined (check it here). */
  pending?: { job: number; settle: (r: { row: ClaimReport; queries: RealQuery[] } | undefined) => void };
  listening: boolean;
}

/** Workers started before the claims are known (their start-up overlaps reading the claim files). */
let prestarted: ClaimWorker[] = [];

function startWorker(url: URL): ClaimWorker {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(url, { workerData: { port: port2 }, transferList: [port2], stdout: false, stderr: false });
  worker.unref();
  port1.unref();
  const w: ClaimWorker = { worker, port: port1, alive: true, listening: false };
  const dead = () => {
    w.alive = false;
    w.port.close();
    w.pending?.settle(undefined);
    w.pending = undefined;
  };
  worker.on('error', dead);
  worker.on('exit', dead);
  return w;
}

function scriptFor(fromSources: boolean): URL | undefined {
  const bundled = bundledScript();
  if (bundled) return bundled;
  if (!fromSources) return undefined;
  const url = new URL('./claim-worker-boot.mjs', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Start the run's claim workers now (bundle only): nothing is checked until `remoteClaims` hands them claims. */
export function prestartClaimWorkers(): void {
  const count = claimWorkerCount();
  const url = count > 0 ? scriptFor(false) : undefined;
  if (!url) return;
  try {
    while (prestarted.length < count) prestarted.push(startWorker(url));
  } catch {
    // no worker threads here: every claim on the main thread
  }
}

export interface RemoteClaimsOptions {
  /** Workers to use. @defaultValue claimWorkerCount(); from sources none unless given */
  workers?: number;
}

/**
 * Claim workers for a run of the claims of `sets` in `ctx`, or undefined when there are none
 * (HYPOCHECK_CLAIM_WORKERS=0, one core, no worker script). `close` ends them.
 */
export function remoteClaims(sets: readonly ClaimSet[], ctx: CheckContext, options: RemoteClaimsOptions = {}): (RemoteRunner & { close(): void }) | undefined {
  const count = options.workers ?? claimWorkerCount();
  const url = count > 0 && isMainThread ? scriptFor(options.workers !== undefined) : undefined;
  if (!url) return undefined;
  const workers: ClaimWorker[] = [];
  try {
    while (workers.length < count) workers.push(prestarted.shift() ?? startWorker(url));
  } catch {
    if (workers.length === 0) return undefined;
  }
  const setOf = new Map<ClaimRecord, number>();
  sets.forEach((s, i) => s.claims.forEach((r) => setOf.set(r, i)));
  const services = Object.fromEntries(['z3', 'cvc5', 'integrators'].map((name) => [name, ctx.services.has(name)]));
  /** Each remote claim's solver scope here: a Z3 context of its own, as for a claim checked on this thread. */
  const scopes = new Map<number, { queries: RealQuery[] }>();
  let nextJob = 0;

  const reply = (w: ClaimWorker, call: number, p: Promise<unknown>) =>
    p.then(
      (value) => w.alive && w.port.postMessage({ type: 'reply', call, value } satisfies ToClaimWorker),
      (err) => w.alive && w.port.postMessage({ type: 'reply', call, error: err instanceof Error ? err.message : String(err) } satisfies ToClaimWorker),
    );
  const onMessage = (w: ClaimWorker, m: FromClaimWorker) => {
    switch (m.type) {
      case 'progress':
        ctx.progress(m.message);
        break;
      case 'service':
        reply(w, m.call, ctx.services.get<Z3Decider>(m.name).then((d) => d.version));
        break;
      case 'solve': {
        const scope = scopes.get(m.job) ?? { queries: [] };
        const query = decodeQuery(m.query);
        reply(w, m.call, ctx.services.get<Z3Decider>(m.service).then((d) => claimScope.run(scope, () => d.decide(query, m.options))));
        break;
      }
      case 'result': {
        const p = w.pending;
        if (!p || p.job !== m.job) break;
        w.pending = undefined;
        w.port.unref();
        scopes.delete(m.job);
        p.settle(m.row && !m.declined ? { row: m.row, queries: (m.queries ?? []).map(decodeQuery) } : undefined);
        break;
      }
    }
  };
  for (const w of workers) {
    if (!w.listening) {
      w.port.on('message', (m: FromClaimWorker) => onMessage(w, m));
      w.listening = true;
    }
    w.port.unref();
    if (w.alive) w.port.postMessage({ type: 'init', sets: [...sets], settings: { seed: ctx.seed, backend: ctx.backend, effort: ctx.effort }, services } satisfies ToClaimWorker);
  }
  const abort = () => {
    for (const w of workers) if (w.alive) w.port.postMessage({ type: 'abort' } satisfies ToClaimWorker);
  };
  ctx.signal?.addEventListener('abort', abort, { once: true });

  return {
    lanes: workers.length,
    accepts: (claim: Claim) => !!claim.record && !MAIN_THREAD_KINDS.has(claim.kind ?? '') && setOf.has(claim.record),
    run(claim: Claim, timeoutMs?: number): Promise<ClaimReport | undefined> {
      const w = workers.find((x) => x.alive && !x.pending);
      const set = claim.record ? setOf.get(claim.record) : undefined;
      if (!w || set === undefined) return Promise.resolve(undefined);
      const job = ++nextJob;
      scopes.set(job, { queries: [] });
      return new Promise<{ row: ClaimReport; queries: RealQuery[] } | undefined>((settle) => {
        w.pending = { job, settle };
        w.port.ref(); // a job in flight keeps the process up
        w.port.postMessage({ type: 'run', job, set, id: claim.id, timeoutMs } satisfies ToClaimWorker);
      }).then((r) => {
        if (!r) return undefined;
        if (r.queries.length) rowQueries.set(r.row, r.queries);
        return r.row;
      });
    },
    close() {
      ctx.signal?.removeEventListener('abort', abort);
      for (const w of workers) {
        w.alive = false;
        w.pending?.settle(undefined);
        w.port.close();
        void w.worker.terminate();
      }
    },
  };
}
