/**
 * The whole paper (`npm run bench paper`): `hypocheck verify` with the default backend and with
 * `--backend cpu`, through src/bin.mjs as a user runs it, against the targets of issue 13 (8 s and
 * 15 s on the 2-core machine), each twice: into an empty report directory and again (claims then
 * start longest first by the first report). Prints the wall time, the ratio to the target (< 1:
 * met), the verdict counts and the five slowest claims of each run (their `ms` in report.json).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, bundleFresh } from '../../src/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'src', 'bin.mjs');

interface Row {
  id: string;
  ms: number;
  verdict: string;
}

export async function run(log: (line: string) => void): Promise<void> {
  if (!bundleFresh()) await buildBundle({ quiet: true });
  const cases: [string, string[], number][] = [
    ['npm start (verify)', [], 8],
    ['verify --backend cpu', ['--backend', 'cpu'], 15],
  ];
  for (const [name, extra, target] of cases) {
    // First into an empty directory (a fresh clone's `npm start`), then again into the same one,
    // where the claims start longest first by the first report's times.
    const dir = mkdtempSync(join(tmpdir(), 'hypocheck-bench-'));
    try {
      for (const run of ['first run', 'again']) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [bin, 'verify', '--report', dir, ...extra], { cwd: root, stdio: 'ignore' });
        const s = (performance.now() - t0) / 1000;
        if (r.status !== 0) {
          log(`${name}, ${run}: exited ${r.status}`);
          break;
        }
        const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { claims: Row[]; backends: Record<string, string> };
        const counts = new Map<string, number>();
        for (const c of report.claims) counts.set(c.verdict, (counts.get(c.verdict) ?? 0) + 1);
        log(`${`${name}, ${run}`.padEnd(34)} ${s.toFixed(1).padStart(5)} s  target ${target} s  ratio ${(s / target).toFixed(2)}  (${[...counts].map(([v, n]) => `${n} ${v}`).join(', ')}; GPU: ${report.backends.gpu ?? 'none'})`);
        const slow = [...report.claims].sort((a, b) => b.ms - a.ms).slice(0, 5);
        log(`  slowest (wall time, two claims at a time): ${slow.map((c) => `${c.id} ${(c.ms / 1000).toFixed(1)} s`).join(', ')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
