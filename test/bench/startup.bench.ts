/**
 * Start-up of the CLI (`npm run bench startup`): `hypocheck --help` and `hypocheck list` through
 * src/bin.mjs against a bare `node -e 0` in the same run, interleaved (A B C A B C …) so machine
 * load hits all alike; reports medians and the ratio to bare Node. Target (issue 13): ≤ 0.5 s for
 * both on a quiet machine. Each is timed loading the bundle (HYPOCHECK_NO_MEMO=1) and replaying the
 * launcher's output memo (src/bin.mjs). The bundle is built first, so no run pays for a rebuild.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, bundleFresh } from '../../src/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'src', 'bin.mjs');

function wallMs(args: string[], env: Record<string, string> = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(log: (line: string) => void): Promise<void> {
  if (!bundleFresh()) await buildBundle({ quiet: true });
  const cold = { HYPOCHECK_NO_MEMO: '1' };
  const cases: [string, string[], Record<string, string> | undefined][] = [
    ['node -e 0', ['-e', '0'], undefined],
    ['hypocheck --help', [bin, '--help'], cold],
    ['hypocheck list', [bin, 'list'], cold],
    ['--help (memo)', [bin, '--help'], undefined],
    ['list (memo)', [bin, 'list'], undefined],
  ];
  const times = cases.map(() => [] as number[]);
  for (const [, args, env] of cases) wallMs(args, env); // warm the file cache, record the memos
  for (let k = 0; k < 7; k++) cases.forEach(([, args, env], i) => times[i].push(wallMs(args, env)));
  const base = median(times[0]);
  for (const [i, [name]] of cases.entries()) {
    const m = median(times[i]);
    log(`${name.padEnd(18)} median ${m.toFixed(0).padStart(5)} ms (min ${Math.min(...times[i]).toFixed(0)}, 7 runs)  ${(m / base).toFixed(1)}× node -e 0`);
  }
}
