// Worker entry of numeric/parallel.ts when running from sources (vitest, tsx): TypeScript through
// tsx, then numeric/parallel-worker.ts. A failure to load is reported to the caller, who then
// computes the tasks in-thread.
import { workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./parallel-worker.ts');
} catch (err) {
  workerData.port.postMessage({ exit: true, error: err instanceof Error ? err.message : String(err) });
  Atomics.add(workerData.shared, 1, 1);
  Atomics.notify(workerData.shared, 1);
  workerData.port.close();
}
