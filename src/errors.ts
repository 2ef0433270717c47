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
