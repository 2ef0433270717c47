/**
 * The run's second solver (issue 12): Debian's `cvc5` binary driven over SMT-LIB 2 on stdin
 * (symbolic/smt2.ts). Absent binary → the service cannot be created and verdicts say
 * `confirmedBy: none`.
 */
import { execFile, execFileSync } from 'node:child_process';
import type { Service } from './services.ts';
import { createSmtDecider } from '../symbolic/smt2.ts';
import type { Z3Decider } from '../symbolic/z3.ts';

/** The cvc5 binary's version line, or undefined when it is not installed. */
export function cvc5Version(binary = 'cvc5'): string | undefined {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
    return /version\s+([\w.\-]+)/i.exec(out)?.[1] ?? out.split('\n')[0];
  } catch {
    return undefined;
  }
}

export async function createCvc5Service(binary = 'cvc5'): Promise<Service<Z3Decider>> {
  const version = cvc5Version(binary);
  if (!version) throw new Error('cvc5 is not installed (Debian package cvc5)');
  const run = (script: string, timeoutMs: number, resourceLimit?: number) =>
    new Promise<string>((resolve, reject) => {
      const limits = [`--tlimit=${timeoutMs}`, ...(resourceLimit ? [`--rlimit=${resourceLimit}`] : [])];
      const child = execFile(binary, ['--lang', 'smt2', '--produce-models', ...limits], { encoding: 'utf8', timeout: timeoutMs + 5000, maxBuffer: 16 << 20 }, (err, stdout) => {
        // cvc5 exits non-zero on a time limit but still prints "unknown"; keep its answer.
        if (err && !stdout) reject(err);
        else resolve(stdout);
      });
      // why an "unknown" (resourceout, incomplete, …); after sat or unsat cvc5 prints an error line, which is ignored
      child.stdin?.end(`${script}\n(get-info :reason-unknown)\n`);
    });
  return { value: createSmtDecider(run, version), describe: version, dispose: () => {} };
}
