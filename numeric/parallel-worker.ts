/**
 * Worker-thread entry of numeric/parallel.ts (bundled as worker.mjs by src/build.mjs): claims task
 * indices from the shared counter, computes each with the registered task function, posts
 * `{ index, result }` (or `{ index, error }`) and rings the caller's bell; `{ exit: true }` at the end.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { runPerturbedTask, runPerturbedWork } from '../proofs/perturbed-data.ts';
import { simulateSettingTask } from '../proofs/figure-3-1.ts';

/** The task functions a worker can run, by name (the same functions the caller runs in-thread). */
const TASKS: Record<string, (args: never) => unknown> = {
  perturbedRun: runPerturbedTask,
  perturbedWork: runPerturbedWork,
  asgdSetting: simulateSettingTask,
};

interface Job {
  name: string;
  argsList: unknown[];
  shared: Int32Array;
  port: MessagePort;
}

function ring(shared: Int32Array): void {
  Atomics.add(shared, 1, 1);
  Atomics.notify(shared, 1);
}

const job = workerData as Job;
const task = TASKS[job.name] as ((args: unknown) => unknown) | undefined;
if (!task) {
  job.port.postMessage({ exit: true, error: `no task named ${job.name}` });
} else {
  for (let i = Atomics.add(job.shared, 0, 1); i < job.argsList.length; i = Atomics.add(job.shared, 0, 1)) {
    try {
      job.port.postMessage({ index: i, result: task(job.argsList[i]) });
    } catch (err) {
      job.port.postMessage({ index: i, error: err instanceof Error ? err.message : String(err) });
    }
    ring(job.shared);
  }
  job.port.postMessage({ exit: true });
}
ring(job.shared);
job.port.close();
