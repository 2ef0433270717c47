/** `constants` never prints NaN or Infinity: inputs outside the computable domain are usage errors naming the range. */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerConstants } from '../../src/commands/constants.ts';
import { UsageError } from '../../src/errors.ts';

async function run(args: string[]): Promise<{ out: string; error?: string }> {
  const out: string[] = [];
  const program = new Command().exitOverride();
  registerConstants(program, { out: (l) => out.push(l), err: () => {} }, { exitCode: 0, cleanups: [] });
  try {
    await program.parseAsync(['constants', ...args], { from: 'user' });
    return { out: out.join('\n') };
  } catch (err) {
    if (err instanceof UsageError) return { out: out.join('\n'), error: err.message };
    throw err;
  }
}

describe('constants: domain and overflow', () => {
  it.each([
    [['--omega0', '1', '--beta', '1', '--gamma', '1e308'], /--gamma must have magnitude in \[1e-6, 1e6\]/],
    [['--omega0', '1', '--beta', '1', '--gamma', '0'], /--gamma must be > 0/],
    [['--omega0', '1', '--beta', '1e-320', '--gamma', '1'], /--beta must have magnitude/],
    [['--omega0', '1', '--beta', '1', '--gamma', '2', '--delta', '1'], /--delta must be in \(0, ω₀\) = \(0, 1\)/],
    [['--omega0', '1', '--beta', '1', '--gamma', '2', '--delta', '5'], /--delta must be in/],
  ])('%j is a usage error naming the valid range', async (args, message) => {
    const r = await run(args as string[]);
    expect(r.error).toMatch(message as RegExp);
    expect(r.out).toBe('');
  });
  it('prints no NaN or Infinity at the edges of the range', async () => {
    for (const [omega0, gamma, beta] of [['1e-6', '1e6', '1e6'], ['1e6', '1e-6', '1e-6'], ['1', '2', '1'], ['1', '1', '1']]) {
      const r = await run(['--omega0', omega0, '--gamma', gamma, '--beta', beta, '--json']);
      if (r.error) expect(r.error).toMatch(/magnitudes in|overflow/);
      else expect(r.out).not.toMatch(/NaN|Infinity/);
    }
  });
});
