/**
 * Worker-thread entry of numeric/parallel.ts (bundled as worker.mjs by src/build.mjs): for each job
 * posted on its port, claims task indices from the job's shared counter, computes each with the
 * registered task function, posts `{ job, index, result }` (or `{ job, index, error }`) and rings
 * the caller's bell; `{ job, exit: true }` at the end of the job. It then waits for the next job.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { runPerturbedWork } from '../proofs/perturbed-data.ts';
import { simulateSettingTask } from '../proofs/figure-3-1.ts';
import { monteCarloBlockSums } from './monte-carlo.ts';
import { simulateAsgdRuns } from './asgd.ts';

/** The task functions a worker can run, by name (the same functions the caller runs in-thread). */
const TASKS: Record<string, (args: never) => unknown> = {
  perturbedWork: runPerturbedWork,
  asgdSetting: simulateSettingTask,
  monteCarloBlockSums,
  asgdRuns: simulateAsgdRuns,
};

interface Job {
  job: number;
  name: string;
  argsList: unknown[];
  shared: Int32Array;
}

function ring(shared: Int32Array): void {
  Atomics.add(shared, 1, 1);
  Atomics.notify(shared, 1);
}

/** One job: claim indices from its counter until none is left, then `{ job, exit }`. */
function runJob(port: MessagePort, job: Job): void {
  const task = TASKS[job.name] as ((args: unknown) => unknown) | undefined;
  if (!task) {
    port.postMessage({ job: job.job, exit: true, error: `no task named ${job.name}` });
  } else {
    for (let i = Atomics.add(job.shared, 0, 1); i < job.argsList.length; i = Atomics.add(job.shared, 0, 1)) {
      try {
        port.postMessage({ job: job.job, index: i, result: task(job.argsList[i]) });
      } catch (err) {
        port.postMessage({ job: job.job, index: i, error: err instanceof Error ? err.message : String(err) });
      }
      ring(job.shared);
    }
    port.postMessage({ job: job.job, exit: true });
  }
  ring(job.shared);
}

// The worker stays up between jobs (the caller unrefs it); each message is a job.
const { port } = workerData as { port: MessagePort };
port.on('message', (job: Job) => runJob(port, job));
