/**
 * `npm run bench`: every benchmark module in this folder, in turn. Speed targets are met
 * here, never in timed tests. Each module exports `run(log)`.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only))).sort();
for (const f of files) {
  const mod = (await import(pathToFileURL(`${here}/${f}`).href)) as { run: (log: (line: string) => void) => Promise<void> };
  console.log(`\n## ${f.replace('.bench.ts', '')}`);
  await mod.run((l) => console.log(l));
}
process.exit(0);
