/**
 * Start-up of the CLI (`npm run bench startup`): `hypocheck --help` and `hypocheck list` through
 * src/bin.mjs against a bare `node -e 0` in the same run, interleaved (A B C A B C …) so machine
 * load hits all three alike; reports medians and the ratio to bare Node. Target (issue 13): ≤ 0.5 s
 * for both on a quiet machine. The bundle is built first, so no run pays for a rebuild.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, bundleFresh } from '../../src/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'src', 'bin.mjs');

function wallMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(log: (line: string) => void): Promise<void> {
  if (!bundleFresh()) await buildBundle({ quiet: true });
  const cases: [string, string[]][] = [
    ['node -e 0', ['-e', '0']],
    ['hypocheck --help', [bin, '--help']],
    ['hypocheck list', [bin, 'list']],
  ];
  const times = cases.map(() => [] as number[]);
  wallMs(cases[1][1]); // warm the file cache
  for (let k = 0; k < 7; k++) cases.forEach(([, args], i) => times[i].push(wallMs(args)));
  const base = median(times[0]);
  for (const [i, [name]] of cases.entries()) {
    const m = median(times[i]);
    log(`${name.padEnd(18)} median ${m.toFixed(0).padStart(5)} ms (min ${Math.min(...times[i]).toFixed(0)}, 7 runs)  ${(m / base).toFixed(1)}× node -e 0`);
  }
}
