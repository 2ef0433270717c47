/** Bad usage (unknown id, bad flag, bad number): one line on stderr, exit code 2, no stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parse a finite number from a CLI flag, or throw a UsageError naming the flag. */
export function parseNumberFlag(flag: string, value: string, opts: { min?: number; integer?: boolean; exclusiveMin?: boolean } = {}): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag} must be a finite number, got "${value}"`);
  if (opts.integer && !Number.isInteger(n)) throw new UsageError(`${flag} must be an integer, got ${value}`);
  if (opts.min !== undefined && (opts.exclusiveMin ? n <= opts.min : n < opts.min)) {
    throw new UsageError(`${flag} must be ${opts.exclusiveMin ? '>' : '≥'} ${opts.min}, got ${value}`);
  }
  return n;
}

import { accessSync, constants as fsConstants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/** Echo a user-supplied value in one line, cut with an ellipsis when long. */
export function echoArg(value: string, max = 60): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const PSEUDO_FS = ['/proc', '/sys'];

function statOrUndefined(p: string) {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

/** The nearest existing ancestor of p (p itself when it exists). */
function nearestExisting(p: string): string {
  let cur = p;
  while (!statOrUndefined(cur)) {
    const up = dirname(cur);
    if (up === cur) return cur;
    cur = up;
  }
  return cur;
}

function checkWritableTree(flag: string, value: string, dir: string): void {
  if (PSEUDO_FS.some((root) => dir === root || dir.startsWith(root + sep))) {
    throw new UsageError(`${flag} ${echoArg(value)}: ${dir.split(sep).slice(0, 2).join(sep)} is a kernel pseudo-filesystem; choose an ordinary directory`);
  }
  const base = nearestExisting(dir);
  const st = statOrUndefined(base);
  if (st && !st.isDirectory()) {
    throw new UsageError(`${flag} ${echoArg(value)}: ${base === dir ? 'is a file, not a directory' : `${echoArg(base)} is a file, not a directory`}`);
  }
  try {
    accessSync(base, fsConstants.W_OK | fsConstants.X_OK);
  } catch {
    throw new UsageError(`${flag} ${echoArg(value)}: ${echoArg(base)} is not writable`);
  }
}

/**
 * Check an output directory before any work, and create it: empty, under /proc or /sys, a file
 * where a directory is expected, or not writable → a UsageError (one line, exit 2).
 */
export function prepareOutputDir(flag: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} must name a directory, got ""`);
  const dir = resolve(value);
  checkWritableTree(flag, value, dir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`${flag} ${echoArg(value)}: cannot create the directory (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return dir;
}

/** Check an output file path before any work: not empty, not a directory, its folder writable. */
export function checkOutputFile(flag: string, value: string): string {
  if (value.trim() === '') throw new UsageError(`${flag} must name a file, got ""`);
  const file = resolve(value);
  if (value.endsWith('/') || statOrUndefined(file)?.isDirectory()) throw new UsageError(`${flag} ${echoArg(value)}: is a directory, not a file`);
  if (file.startsWith('/dev/')) return file; // /dev/stdout, /dev/null
  checkWritableTree(flag, value, dirname(file));
  const st = statOrUndefined(file);
  if (st) {
    try {
      accessSync(file, fsConstants.W_OK);
    } catch {
      throw new UsageError(`${flag} ${echoArg(value)}: the file is not writable`);
    }
  }
  return file;
}
