/**
 * Extra CLI commands, one file each: `constants` (issue 3), `search` (issue 4), `figure` (issue 6).
 */
import type { Command } from 'commander';
import type { CliIo } from '../cli.ts';
import { registerConstants } from './constants.ts';
import { registerSearch } from './search.ts';
import { registerFigure } from './figure.ts';
import { registerFileCommands } from './files.ts';
import { registerGraph } from './graph.ts';
import { registerMerge } from './merge.ts';
import { registerExplore } from './explore.ts';

export interface CliState {
  exitCode: number;
  signal?: AbortSignal;
  cleanups: (() => Promise<void>)[];
}

export function registerExtraCommands(program: Command, io: CliIo, state: CliState): void {
  registerConstants(program, io, state);
  registerSearch(program, io, state);
  registerFigure(program, io, state);
  registerFileCommands(program, io, state);
  registerGraph(program, io, state);
  registerMerge(program, io, state);
  registerExplore(program, io, state);
}
