/**
 * Independent, deterministic tasks on worker threads. `runTasks` (asynchronous, what long checks
 * use): the workers pull task indices from one shared counter and post results back (structured
 * clone: doubles and typed arrays arrive bit for bit) while the calling thread's event loop runs
 * other claims, progress and Ctrl-C; one such job holds the workers at a time. `runTasksSync` (for
 * synchronous callers): the calling thread pulls tasks too and, out of tasks, waits on
 * `Atomics.wait`. A task is a named function of serialisable arguments registered in
 * numeric/parallel-worker.ts, so a worker computes exactly what the caller would in-thread. Called
 * on a worker thread, or from inside a task, either runs in-thread (no nesting).
 *
 * Worker script: from the esbuild bundle (src/build.mjs) `worker.mjs` next to the bundle; from
 * sources (vitest, tsx) numeric/parallel-worker-boot.mjs, which registers tsx and imports the
 * .ts entry. Anything that fails (no worker_threads, a worker that cannot start or dies) falls
 * back to computing the remaining tasks in-thread: same results, only slower.
 *
 * HYPOCHECK_WORKERS=n caps the number of workers (0: always in-thread).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, isMainThread, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** Defined by the bundle's banner (src/build.mjs): the bundle's own URL. Undefined when running from sources. */
declare const __hypocheckBundleUrl: string | undefined;

let script: { url: URL; fromSources: boolean } | null | undefined;

/** The worker script for this way of running, or undefined when there is none (looked up once). */
export function workerScript(): { url: URL; fromSources: boolean } | undefined {
  if (script === undefined) {
    const url = typeof __hypocheckBundleUrl === 'string'
      ? new URL('./worker.mjs', __hypocheckBundleUrl)
      : new URL('./parallel-worker-boot.mjs', import.meta.url);
    script = url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? { url, fromSources: typeof __hypocheckBundleUrl !== 'string' } : null;
  }
  return script ?? undefined;
}

/** Workers to use for `tasks` tasks besides the calling thread: HYPOCHECK_WORKERS, else one per core but one (none on a single core). */
export function workerCount(tasks: number): number {
  return Math.max(0, Math.min(workerCap(availableParallelism() - 1), tasks - 1));
}

/** HYPOCHECK_WORKERS when set to a number, else `otherwise`. */
function workerCap(otherwise: number): number {
  const env = process.env.HYPOCHECK_WORKERS;
  return env !== undefined && env !== '' && Number.isFinite(Number(env)) ? Math.max(0, Math.floor(Number(env))) : otherwise;
}

export interface RunTasksOptions<A, R> {
  /** The same computation in-thread (fallback, and HYPOCHECK_WORKERS=0). */
  inThread: (args: A) => R;
  /** Workers to use. @defaultValue workerCount(tasks) */
  workers?: number;
  /** The calling thread takes tasks too while the workers run. @defaultValue true */
  callerWorks?: boolean;
  /** Called as each result arrives (any order). */
  onResult?: (index: number, result: R) => void;
  /**
   * Give up on the workers (and finish in-thread) after this long without a result: a worker that
   * dies mid-job sends nothing, and its exit is not seen while this thread waits. @defaultValue 60 000 ms
   */
  stallMs?: number;
}

interface Reply {
  job: number;
  index: number;
  result?: unknown;
  error?: string;
}

/** A worker's end of a job (`exit`), or a failed start (`error`, job −1). */
interface Done {
  job: number;
  exit: true;
  error?: string;
}

/** A pooled worker and the caller's end of its channel. */
interface PooledWorker {
  worker: Worker;
  port: MessagePort;
}

/**
 * Workers stay up between jobs (a start costs about 0.1 s: a Monte Carlo run posts a job per few
 * batches). They are unref'd, so they never keep the process alive; a stalled job ends the pool.
 */
const pool: PooledWorker[] = [];
/** runTasksSync calls in progress on this thread (a task of one may call another). */
let depth = 0;
let jobCounter = 0;

function pooledWorkers(count: number, url: URL): PooledWorker[] {
  while (pool.length < count) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(url, { workerData: { port: port2 }, transferList: [port2], stdout: false, stderr: false });
    worker.unref();
    port1.unref();
    const entry = { worker, port: port1 };
    worker.on('error', () => dropWorker(entry));
    worker.on('exit', () => dropWorker(entry));
    pool.push(entry);
  }
  return pool.slice(0, count);
}

function dropWorker(entry: PooledWorker): void {
  const i = pool.indexOf(entry);
  if (i >= 0) pool.splice(i, 1);
  entry.port.close();
  void entry.worker.terminate();
}

/** Ends every pooled worker (after a stall; tests). */
export function closeWorkerPool(): void {
  for (const w of [...pool]) dropWorker(w);
}

/**
 * `argsList.map(inThread)`, computed by `name` (registered in numeric/parallel-worker.ts) on worker
 * threads and the calling thread; synchronous. Results are in task order and equal to the in-thread ones.
 */
export function runTasksSync<A, R>(name: string, argsList: readonly A[], options: RunTasksOptions<A, R>): R[] {
  const n = argsList.length;
  const results: (R | undefined)[] = new Array(n);
  const done = new Uint8Array(n);
  // No nesting: a task that itself calls runTasksSync (on a worker, or in the caller's share of an
  // outer job, whose workers are busy with it) computes its inner tasks in-thread; so does a call
  // while an asynchronous job (runTasks) holds the workers.
  const nested = !isMainThread || depth > 0 || poolHeld;
  const count = n > 0 && !nested ? (options.workers ?? workerCount(n)) : 0;
  const script = count > 0 ? workerScript() : undefined;
  // [0]: next task index (claimed by all threads), [1]: replies posted (a bell for Atomics.wait).
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const job = ++jobCounter;
  let received = 0;
  const accept = (r: Omit<Reply, 'job'>) => {
    if (r.error !== undefined || r.index < 0 || r.index >= n || done[r.index]) return false;
    results[r.index] = r.result as R;
    done[r.index] = 1;
    received++;
    options.onResult?.(r.index, r.result as R);
    return true;
  };
  let workers: PooledWorker[] = [];
  try {
    if (script) workers = pooledWorkers(count, script.url);
    for (const w of workers) w.port.postMessage({ job, name, argsList, shared });
  } catch {
    // No worker threads here: everything in-thread below.
    workers = [];
  }
  if (workers.length > 0) {
    let stalled = false;
    depth++;
    try {
      const stallMs = options.stallMs ?? 60_000;
      let alive = workers.length;
      let last = Date.now();
      while (received < n && alive > 0) {
        const bell = Atomics.load(shared, 1);
        let got = false;
        for (const w of workers) {
          for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
            const r = m.message as Reply | Done;
            if (r.job === -1 && 'exit' in r) {
              // A worker that could not start: it takes no task of this job or any other.
              alive--;
              dropWorker(w);
            } else if (r.job !== job) continue; // a late message of an earlier job
            else if ('exit' in r) alive--;
            else accept(r);
            got = true;
          }
        }
        if (got) last = Date.now();
        else {
          // The calling thread claims tasks from the same counter as the workers.
          const i = options.callerWorks === false ? n : Atomics.add(shared, 0, 1);
          if (i < n) {
            try {
              accept({ index: i, result: options.inThread(argsList[i]) });
            } catch {
              // Left undone: the tasks not delivered are computed below in task order, so the
              // error thrown is the first task's that fails, as on one thread.
            }
            last = Date.now();
          } else if (Date.now() - last > stallMs) {
            stalled = true;
            break;
          } else Atomics.wait(shared, 1, bell, 1000);
        }
      }
    } finally {
      depth--;
      // Workers stop claiming tasks of this job; a stalled job (a worker may be dead or stuck) ends the pool.
      Atomics.store(shared, 0, n);
      if (stalled) closeWorkerPool();
    }
  }
  // In-thread: no workers, or whatever the workers did not deliver (a failed start, an error).
  for (let i = 0; i < n; i++) if (!done[i]) accept({ index: i, result: options.inThread(argsList[i]) });
  return results as R[];
}

/** Whether an asynchronous job (runTasks) holds the pooled workers; the next one waits its turn. */
let poolHeld = false;
let poolTail: Promise<void> = Promise.resolve();

/**
 * Waits for the pool, then holds it until the returned release is called. An abort while waiting
 * rejects at once; the turn, when it comes, is passed on.
 */
function acquirePool(signal?: AbortSignal): Promise<() => void> {
  let release!: () => void;
  const freed = new Promise<void>((r) => (release = r));
  const ready = poolTail.then(() => {
    poolHeld = true;
  });
  poolTail = ready.then(() => freed);
  const held = ready.then(() => () => {
    poolHeld = false;
    release();
  });
  if (!signal) return held;
  return new Promise<() => void>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      void held.then((r) => r());
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void held.then((r) => {
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) r();
      else resolve(r);
    });
  });
}

/** Workers for an asynchronous job of `tasks` tasks: HYPOCHECK_WORKERS, else one per core (the calling thread does other work meanwhile). */
function asyncWorkerCount(tasks: number): number {
  return Math.max(0, Math.min(workerCap(availableParallelism()), tasks));
}

/**
 * Start the pool's workers now, as many as an asynchronous job uses: their start-up (loading the
 * worker script) then overlaps the caller's own, e.g. reading and checking a claim file, instead of
 * delaying the first job. Nothing is computed; a process that never runs a job is not kept alive.
 */
export function prestartWorkers(): void {
  const count = isMainThread && depth === 0 ? asyncWorkerCount(Number.POSITIVE_INFINITY) : 0;
  const script = count > 0 ? workerScript() : undefined;
  if (script) pooledWorkers(count, script.url);
}

/** Lets timers, I/O and other claims run between in-thread tasks. */
const nextMacrotask = () => new Promise<void>((r) => setImmediate(r));

export interface RunTasksAsyncOptions<A, R> extends RunTasksOptions<A, R> {
  /** Stops handing out tasks; the promise rejects with the signal's reason once the running tasks end. */
  signal?: AbortSignal;
}

/**
 * `argsList.map(inThread)` on worker threads, asynchronously: the calling thread does not take
 * tasks, so its event loop (other claims, progress, Ctrl-C) runs while the workers compute. One
 * asynchronous job holds the workers at a time (the next waits; runTasksSync meanwhile runs
 * in-thread). Results in task order, equal to the in-thread ones. Without workers (HYPOCHECK_WORKERS=0,
 * none can start, on a worker thread) the tasks run in-thread, one per event-loop turn; tasks a
 * worker did not deliver (an error, a dead worker, a stall) are computed in-thread in task order,
 * so an error thrown is the first failing task's, as on one thread.
 */
export async function runTasks<A, R>(name: string, argsList: readonly A[], options: RunTasksAsyncOptions<A, R>): Promise<R[]> {
  const { signal } = options;
  const n = argsList.length;
  const results: (R | undefined)[] = new Array(n);
  const done = new Uint8Array(n);
  // A failing onResult (a progress callback) must not escape a port listener: the first one is thrown here.
  const callback: { failed: boolean; error?: unknown } = { failed: false };
  const accept = (index: number, result: R) => {
    results[index] = result;
    done[index] = 1;
    try {
      options.onResult?.(index, result);
    } catch (error) {
      if (!callback.failed) Object.assign(callback, { failed: true, error });
    }
  };
  const count = n > 0 && isMainThread && depth === 0 ? (options.workers ?? asyncWorkerCount(n)) : 0;
  const script = count > 0 ? workerScript() : undefined;
  if (script) {
    const release = await acquirePool(signal);
    try {
      await workersRun(name, argsList, Math.min(count, n), script.url, options.stallMs ?? 60_000, signal, (r) => {
        if (r.error === undefined && r.index >= 0 && r.index < n && !done[r.index]) accept(r.index, r.result as R);
      });
    } finally {
      release();
    }
  }
  if (callback.failed) throw callback.error;
  for (let i = 0; i < n; i++) {
    if (done[i]) continue;
    // one task per event-loop turn: Ctrl-C and other claims are seen between tasks
    await nextMacrotask();
    signal?.throwIfAborted();
    accept(i, options.inThread(argsList[i]));
    if (callback.failed) throw callback.error;
  }
  signal?.throwIfAborted();
  return results as R[];
}

/** One job on `count` pooled workers; resolves when every worker has left it (or after a stall, which ends the pool). */
async function workersRun(name: string, argsList: readonly unknown[], count: number, url: URL, stallMs: number, signal: AbortSignal | undefined, onReply: (r: Omit<Reply, 'job'>) => void): Promise<void> {
  const shared = new Int32Array(new SharedArrayBuffer(8));
  const job = ++jobCounter;
  let workers: PooledWorker[];
  try {
    workers = pooledWorkers(count, url);
    for (const w of workers) w.port.postMessage({ job, name, argsList, shared });
  } catch {
    return; // no worker threads here: the caller computes in-thread
  }
  const stop = () => Atomics.store(shared, 0, argsList.length);
  if (signal?.aborted) stop();
  await new Promise<void>((resolve) => {
    const inJob = new Set(workers);
    const detach: (() => void)[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      for (const d of detach) d();
      resolve();
    };
    const leave = (w: PooledWorker) => {
      inJob.delete(w);
      if (inJob.size === 0) finish();
    };
    // The stall timer runs only while the job does (a timer left behind would end a later job's pool).
    const arm = () => {
      if (settled) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        stop();
        closeWorkerPool();
        finish();
      }, stallMs);
    };
    for (const w of workers) {
      const onMessage = (r: Reply | Done) => {
        if (r.job === -1 && 'exit' in r) {
          // a worker that could not start takes no task of this job or any other
          dropWorker(w);
          leave(w);
        } else if (r.job !== job) return; // a late message of an earlier job
        else if ('exit' in r) leave(w);
        else onReply(r);
        arm();
      };
      const onExit = () => leave(w);
      w.port.on('message', onMessage);
      w.worker.once('exit', onExit);
      detach.push(() => {
        w.port.off('message', onMessage);
        w.worker.off('exit', onExit);
      });
    }
    if (signal) {
      signal.addEventListener('abort', stop, { once: true });
      detach.push(() => signal.removeEventListener('abort', stop));
    }
    arm();
  });
}
