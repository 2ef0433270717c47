/** numeric/parallel.ts: the particle runs of thm:3.1:perturbed on worker threads equal the in-thread runs, bit for bit. */
import { describe, expect, it } from 'vitest';
import { runTasksSync, workerScript } from '../../numeric/parallel.ts';
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

  it('perturbedData is the same PerturbedData in-thread and on workers', () => {
    // Different seeds keep the cache apart; the run at seed s equals the task at seed s whatever the batch.
    const worker = perturbedData(11, 0.05, () => {}, { workers: 2 });
    const inThread = perturbedTasks(11, worker.paths).map(runPerturbedTask);
    expect(worker.paths).toBe(1000);
    expect(worker.runs.map(bits)).toStrictEqual(inThread.map(bits));
    expect(worker.runs.map((r) => [r.family, r.a, r.seed])).toStrictEqual(perturbedTasks(11, 1000).map((t) => [t.family, t.a, t.seed]));
    // The Galerkin spectra computed in the same pool are the in-thread ones.
    const gal = galerkinData(0.05);
    for (const R of gal.regimes) {
      expect(R.rateAtZero).toBe(runGalerkinTask({ regime: R.key, family: 'none', a: 0, N: 8 }).rateNormSq);
      for (const row of R.rows) expect(row.rate).toBe(runGalerkinTask({ regime: R.key, family: row.family, a: row.a, N: 8 }).rateNormSq);
    }
  }, 120_000);
});
