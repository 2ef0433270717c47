// Worker entry of numeric/parallel.ts when running from sources (vitest, tsx): TypeScript through
// tsx, then numeric/parallel-worker.ts. A failure to load is reported to the caller, who then
// computes the tasks in-thread.
import { workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./parallel-worker.ts');
} catch (err) {
  // job −1: the caller drops this worker (it sees the message within a second).
  workerData.port.postMessage({ job: -1, exit: true, error: err instanceof Error ? err.message : String(err) });
  workerData.port.close();
}
