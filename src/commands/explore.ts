/**
 * `hypocheck explore [--out FILE]`: write the constants explorer, one self-contained static HTML
 * page (no server, no network) that runs the code of `hypocheck constants` in the browser —
 * inputs for ω₀, γ, β, ε₀ (or η, κ, Σ), the values of Theorem 3.1, the rates of (3.6)/(3.7) and
 * of SGD, Remark 3.2's break-even m, and plots of μ and C₁. Page and bundling in src/explore/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli.ts';
import type { CliState } from './index.ts';
import { UsageError, checkOutputFile, echoArg } from '../errors.ts';
import { buildExplorerHtml } from '../explore/bundle.ts';

export const DEFAULT_EXPLORE_OUT = 'report/explore.html';

export function registerExplore(program: Command, io: CliIo, _state: CliState): void {
  program
    .command('explore')
    .description('write a self-contained HTML page exploring the constants of Theorem 3.1 (same code as `constants`)')
    .option('--out <file>', 'the HTML file to write', DEFAULT_EXPLORE_OUT)
    .action(async (f: { out: string }) => {
      const file = checkOutputFile('--out', f.out);
      if (file.startsWith('/dev/') && file !== '/dev/stdout' && file !== '/dev/null') throw new UsageError(`--out ${echoArg(f.out)}: not a file to write a page to`);
      const html = await buildExplorerHtml();
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, html);
      } catch (err) {
        throw new UsageError(`--out ${echoArg(f.out)}: cannot write the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (file.startsWith('/dev/')) return; // the page itself went to stdout (or nowhere)
      io.out(`explorer: ${relative(process.cwd(), file) || file} (${Math.round(html.length / 1024)} KiB, open it in a browser; no network needed)`);
    });
}
