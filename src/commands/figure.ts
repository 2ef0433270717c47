/**
 * `hypocheck figure 3.1 --out DIR`: Figure 3.1 reproduced (ASGD on f = θ², 1000 runs) as three
 * SVG panels with the theory envelopes of (3.7) dashed, plus a JSON of the fitted rates.
 * Simulations and plots in proofs/section3-dynamics.ts; here only flags and files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli.ts';
import type { CliState } from './index.ts';
import { UsageError, parseNumberFlag, prepareOutputDir } from '../errors.ts';
import { correctedMeanRate, figure31Data, figure31Plots, printedMeanRate, type SimSetting } from '../../proofs/section3-dynamics.ts';
import { linePlot } from '../plot.ts';

export interface FigureFlags {
  out: string;
  seed: string;
  effort: string;
}

/** Files written by `writeFigure31`, by name. */
export async function writeFigure31(outDir: string, seed: number, effort: number, io: CliIo, signal?: AbortSignal): Promise<string[]> {
  const data = await figure31Data({ seed, effort, signal, progress: (m) => io.err(`  … ${m}`) });
  const plots = figure31Plots(data);
  const svgs = { a: linePlot(plots.a), b: linePlot(plots.b), c: linePlot(plots.c) };
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const rate = (s: SimSetting) => ({
    eta: s.eta,
    kappa: s.kappa,
    ratePerStep: s.fit.rate,
    se: s.fit.se,
    ci95: s.fit.ci95,
    window: s.window,
    exactMeanRate: s.exactRate,
    printed37: printedMeanRate(s.eta, s.kappa),
    corrected: correctedMeanRate(s.eta, s.kappa),
  });
  const files: [string, string][] = [
    ['figure-3.1a.svg', svgs.a],
    ['figure-3.1b.svg', svgs.b],
    ['figure-3.1c.svg', svgs.c],
    ['figure-3.1.json', JSON.stringify({ seed, runs: data.runs, quantity: 'E θ_k, per-step decay rate', a: data.a.map(rate), b: data.b.map(rate), c: { asgd: rate(data.cAsgd), sgd: rate(data.cSgd), workers: data.workers } }, null, 2) + '\n'],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join(outDir, name));
}

export function registerFigure(program: Command, io: CliIo, state: CliState): void {
  program
    .command('figure')
    .description('reproduce a figure of the paper (only 3.1) as SVG panels')
    .argument('<number>', 'figure number: 3.1')
    .option('--out <dir>', 'output directory', 'figures')
    .option('--seed <n>', 'master seed', '1')
    .option('--effort <x>', 'work scale (1 = 1000 runs as in the paper)', '1')
    .action(async (num: string, f: FigureFlags) => {
      if (num !== '3.1') throw new UsageError(`figure: only figure 3.1 is reproduced, got "${num}"`);
      const seed = parseNumberFlag('--seed', f.seed, { integer: true, min: 0 });
      const effort = parseNumberFlag('--effort', f.effort, { min: 0, exclusiveMin: true });
      prepareOutputDir('--out', f.out); // before the simulation, not after it
      const written = await writeFigure31(f.out, seed, effort, io, state.signal);
      for (const w of written) io.out(w);
    });
}
