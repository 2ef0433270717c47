/** `hypocheck constants` — not built yet. */
import type { Command } from 'commander';
import type { CliIo } from '../cli.ts';
import type { CliState } from './index.ts';

export function registerConstants(_program: Command, _io: CliIo, _state: CliState): void {}
