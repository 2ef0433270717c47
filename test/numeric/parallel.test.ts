/** numeric/parallel.ts: the particle runs of thm:3.1:perturbed on worker threads equal the in-thread runs, bit for bit. */
import { describe, expect, it } from 'vitest';
import { runTasks, runTasksSync, workerScript } from '../../numeric/parallel.ts';
import { galerkinData, perturbedData, perturbedTasks, runGalerkinTask, runPerturbedTask, runPerturbedWork, type PerturbedRun, type PerturbedWork } from '../../proofs/perturbed-data.ts';

/** Every number of a run, as bits (Object.is distinguishes −0 and NaN payload-free equality). */
function bits(r: PerturbedRun): unknown {
  return { ...r, t: Array.from(r.t), mean: Array.from(r.mean), rate: { ...r.rate, ci95: [...r.rate.ci95] } };
}

describe('runTasksSync', () => {
  it('finds a worker script from sources', () => {
    expect(workerScript()?.fromSources).toBe(true);
  });

  it('perturbed runs on 2 workers equal the in-thread runs (rates, means, leave-outs)', () => {
    const tasks = perturbedTasks(7, 200);
    const here = tasks.map(runPerturbedTask);
    let fromWorkers = 0;
    const there = runTasksSync<PerturbedWork, PerturbedRun[]>('perturbedWork', tasks.map((t) => ({ kind: 'particle', batch: [t] })), {
      workers: 2,
      callerWorks: false,
      inThread: () => {
        throw new Error('worker expected');
      },
      onResult: () => fromWorkers++,
    }).map((runs) => runs[0]);
    expect(fromWorkers).toBe(tasks.length);
    expect(there.map(bits)).toStrictEqual(here.map(bits));
    for (const [k, r] of there.entries()) {
      expect(Object.is(r.rate.rate, here[k].rate.rate)).toBe(true);
      expect(r.mean).toBeInstanceOf(Float64Array);
    }
  }, 120_000);

  it('falls back in-thread for an unknown task and with no workers', () => {
    const tasks = perturbedTasks(3, 200).slice(0, 3);
    const here = tasks.map(runPerturbedTask);
    expect(runTasksSync('no-such-task', tasks, { workers: 1, inThread: runPerturbedTask }).map(bits)).toStrictEqual(here.map(bits));
    expect(runTasksSync('perturbedWork', tasks.map((t): PerturbedWork => ({ kind: 'particle', batch: [t] })), { workers: 0, inThread: runPerturbedWork }).map((runs) => bits((runs as PerturbedRun[])[0]))).toStrictEqual(here.map(bits));
  }, 120_000);

  it('perturbedData is the same PerturbedData in-thread and on workers', async () => {
    // Different seeds keep the cache apart; the run at seed s equals the task at seed s whatever the batch.
    const worker = await perturbedData(11, 0.05, () => {}, { workers: 2 });
    const inThread = perturbedTasks(11, worker.paths).map(runPerturbedTask);
    expect(worker.paths).toBe(1000);
    expect(worker.runs.map(bits)).toStrictEqual(inThread.map(bits));
    expect(worker.runs.map((r) => [r.family, r.a, r.seed])).toStrictEqual(perturbedTasks(11, 1000).map((t) => [t.family, t.a, t.seed]));
    // The Galerkin spectra computed in the same pool are the in-thread ones.
    const gal = await galerkinData(0.05);
    for (const R of gal.regimes) {
      expect(R.rateAtZero).toBe(runGalerkinTask({ regime: R.key, family: 'none', a: 0, N: 8 }).rateNormSq);
      for (const row of R.rows) expect(row.rate).toBe(runGalerkinTask({ regime: R.key, family: row.family, a: row.a, N: 8 }).rateNormSq);
    }
  }, 120_000);
});

describe('runTasks (asynchronous, issue 13)', () => {
  const tasks = perturbedTasks(5, 200).slice(0, 6);
  const work = tasks.map((t): PerturbedWork => ({ kind: 'particle', batch: [t] }));
  const here = tasks.map(runPerturbedTask).map(bits);
  const noInThread = () => {
    throw new Error('worker expected');
  };
  const firstRuns = (r: unknown[]) => r.map((runs) => bits((runs as PerturbedRun[])[0]));

  it('computes on workers while this thread\'s event loop runs; results in task order, the in-thread ones', async () => {
    let turns = 0;
    let spinning = true;
    const spin = () => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const there = await runTasks('perturbedWork', work, { workers: 2, inThread: noInThread });
    spinning = false;
    expect(firstRuns(there)).toStrictEqual(here);
    expect(turns).toBeGreaterThan(5);
  }, 120_000);

  it('holds the workers: runTasksSync meanwhile runs in-thread, a second job waits its turn', async () => {
    let syncInThread = 0;
    let sync: unknown[] = [];
    // a synchronous job started while the first asynchronous one is running (at its first result)
    const first = runTasks('perturbedWork', work, {
      workers: 2,
      inThread: noInThread,
      onResult: () => {
        // callerWorks: false: without the lock this job would wait on the workers and take the async job's replies
        if (!sync.length) sync = runTasksSync('perturbedWork', work.slice(0, 2), { workers: 1, callerWorks: false, inThread: (w) => (syncInThread++, runPerturbedWork(w)) });
      },
    });
    const second = runTasks('perturbedWork', work.slice(0, 2), { workers: 2, inThread: noInThread });
    await first;
    expect(syncInThread).toBe(2);
    expect(firstRuns(sync)).toStrictEqual(here.slice(0, 2));
    expect(firstRuns(await first)).toStrictEqual(here);
    expect(firstRuns(await second)).toStrictEqual(here.slice(0, 2));
  }, 120_000);

  it('an abort rejects with its reason, and the workers are free for the next job', async () => {
    const stop = new AbortController();
    let results = 0;
    const job = runTasks('perturbedWork', work, { workers: 1, inThread: noInThread, signal: stop.signal, onResult: () => (results++, stop.abort(new Error('planted Ctrl-C'))) });
    await expect(job).rejects.toThrow('planted Ctrl-C');
    expect(results).toBeLessThan(work.length); // no task handed out after the abort
    // an abort while waiting for the workers rejects without waiting for the job ahead
    const ahead = runTasks('perturbedWork', work, { workers: 2, inThread: noInThread });
    const queued = new AbortController();
    const waiting = runTasks('perturbedWork', work, { workers: 2, inThread: noInThread, signal: queued.signal });
    queued.abort(new Error('planted Ctrl-C while queued'));
    let aheadDone = false;
    void ahead.then(() => (aheadDone = true));
    await expect(waiting).rejects.toThrow('planted Ctrl-C while queued');
    expect(aheadDone).toBe(false);
    await ahead;
    expect(firstRuns(await runTasks('perturbedWork', work.slice(0, 2), { workers: 2, inThread: noInThread }))).toStrictEqual(here.slice(0, 2));
  }, 120_000);

  it('leaves no stall timer behind: a later job keeps its workers (planted: a job with a short stall limit)', async () => {
    await runTasks('perturbedWork', work.slice(0, 2), { workers: 2, inThread: noInThread, stallMs: 150 });
    // longer than 150 ms: a timer left by the first job would end this job's pool and force in-thread work
    const long = perturbedTasks(6, 2000).map((t): PerturbedWork => ({ kind: 'particle', batch: [t] }));
    const t0 = performance.now();
    await runTasks('perturbedWork', [...long, ...long], { workers: 2, inThread: noInThread });
    expect(performance.now() - t0).toBeGreaterThan(150);
  }, 120_000);

  it('a failing onResult rejects the job with its error (never an uncaught exception); the workers stay usable', async () => {
    const job = runTasks('perturbedWork', work, {
      workers: 2,
      inThread: noInThread,
      onResult: () => {
        throw new Error('planted progress failure');
      },
    });
    await expect(job).rejects.toThrow('planted progress failure');
    expect(firstRuns(await runTasks('perturbedWork', work.slice(0, 2), { workers: 2, inThread: noInThread }))).toStrictEqual(here.slice(0, 2));
  }, 120_000);

  it('without workers (HYPOCHECK_WORKERS=0) computes in-thread, one task per event-loop turn, the same results', async () => {
    const saved = process.env.HYPOCHECK_WORKERS;
    process.env.HYPOCHECK_WORKERS = '0';
    try {
      let calls = 0;
      const there = await runTasks('perturbedWork', work, { inThread: (w) => (calls++, runPerturbedWork(w)) });
      expect(calls).toBe(work.length);
      expect(firstRuns(there)).toStrictEqual(here);
    } finally {
      if (saved === undefined) delete process.env.HYPOCHECK_WORKERS;
      else process.env.HYPOCHECK_WORKERS = saved;
    }
  });
});
