/**
 * Worker-thread entry of src/claim-workers.ts (bundled as claim-worker.mjs by src/build.mjs): checks
 * claims beside the main thread. It receives the claim sets once (plain data), then one claim at a
 * time by set and id; it instantiates the record exactly as the main thread does
 * (src/procedures/registry.ts instantiate) and runs it with src/runner.ts runClaim, so the row is
 * the one the main thread would compute. Solver queries go to the main thread's Z3 and cvc5 (one
 * solver context per claim there, as for a claim checked on the main thread); a claim that asks for
 * the integrators (the GPU lives on the main thread) is handed back, and its row here is dropped.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { workerData, type MessagePort } from 'node:worker_threads';
import type { CheckContext, Claim } from './claims.ts';
import type { ClaimSet } from './claim-record.ts';
import { instantiate } from './procedures/index.ts';
import { rowQueries, runClaim } from './runner.ts';
import { encodeQuery } from '../symbolic/query-wire.ts';
import type { DecideOptions, Decision, RealQuery, Z3Decider } from '../symbolic/z3.ts';
import type { ToClaimWorker, FromClaimWorker } from './claim-workers.ts';

const { port } = workerData as { port: MessagePort };
const post = (m: FromClaimWorker) => port.postMessage(m);

/** The job a computation belongs to (carried across its awaits, like claimScope). */
const jobScope = new AsyncLocalStorage<number>();
const declined = new Set<number>();
const controller = new AbortController();
let sets: ClaimSet[] = [];
let settings: { seed: number; backend: CheckContext['backend']; effort: number } | undefined;
let available: Record<string, boolean> = {};
const claims = new Map<string, Claim>();

let nextCall = 0;
const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
type Request = Extract<FromClaimWorker, { call: number }>;
type WithoutCall<M> = M extends unknown ? Omit<M, 'call'> : never;
function ask<T>(m: WithoutCall<Request>): Promise<T> {
  const call = ++nextCall;
  return new Promise<T>((resolve, reject) => {
    calls.set(call, { resolve: resolve as (v: unknown) => void, reject });
    post({ ...m, call } as FromClaimWorker);
  });
}

/** A solver of the main thread: the same `decide`, the query as plain data. */
function remoteDecider(name: string, version: string): Z3Decider {
  return {
    version,
    decide(query: RealQuery, options?: DecideOptions): Promise<Decision> {
      return ask<Decision>({ type: 'solve', job: jobScope.getStore() ?? -1, service: name, query: encodeQuery(query), options });
    },
  };
}

const services = new Map<string, Promise<unknown>>();
const registry: CheckContext['services'] = {
  has: (name) => available[name] === true,
  get<T>(name: string): Promise<T> {
    if (name === 'integrators') {
      // The integrators (a GPU device) are the main thread's: this claim runs there instead.
      const job = jobScope.getStore();
      if (job !== undefined) declined.add(job);
      return Promise.reject(new Error('the integrators are on the main thread'));
    }
    let p = services.get(name);
    if (!p) {
      p = ask<string>({ type: 'service', name }).then((version) => remoteDecider(name, version));
      services.set(name, p);
    }
    return p as Promise<T>;
  },
};

function claimOf(set: number, id: string): Claim {
  const key = `${set}\u0000${id}`;
  let c = claims.get(key);
  if (!c) {
    const s = sets[set];
    const record = s?.claims.find((r) => r.id === id);
    if (!record) throw new RangeError(`claim worker: no claim ${id} in set ${set}`);
    c = instantiate(record, { set: s });
    claims.set(key, c);
  }
  return c;
}

async function run(job: number, set: number, id: string, timeoutMs: number | undefined): Promise<void> {
  if (!settings) throw new Error('claim worker: run before init');
  const ctx: CheckContext = { ...settings, services: registry, signal: controller.signal, progress: (message) => post({ type: 'progress', message }) };
  const claim = claimOf(set, id);
  const row = await jobScope.run(job, () => runClaim(claim, ctx, timeoutMs));
  if (declined.delete(job)) return post({ type: 'result', job, declined: true });
  post({ type: 'result', job, row, queries: (rowQueries.get(row) ?? []).map(encodeQuery) });
}

port.on('message', (m: ToClaimWorker) => {
  switch (m.type) {
    case 'init':
      sets = m.sets;
      settings = m.settings;
      available = m.services;
      claims.clear();
      break;
    case 'run':
      run(m.job, m.set, m.id, m.timeoutMs).catch((err) => post({ type: 'result', job: m.job, declined: true, error: err instanceof Error ? err.message : String(err) }));
      break;
    case 'reply': {
      const c = calls.get(m.call);
      calls.delete(m.call);
      if (m.error !== undefined) c?.reject(new Error(m.error));
      else c?.resolve(m.value);
      break;
    }
    case 'abort':
      controller.abort();
      break;
  }
});
post({ type: 'ready' });
