#!/usr/bin/env node
// Launcher: runs the compiled bundle (node_modules/.cache/hypocheck/cli.mjs, built by src/build.mjs
// on install and rebuilt here when a source is newer) as plain Node; without esbuild it falls back
// to tsx, in-process. Commands that may open a GPU (verify, show, check, unless --backend is cpu,
// qmc or quadrature) run in a child whose stderr passes through a
// filter: Dawn's and EGL's native warnings (written to fd 2 by C++, out of JavaScript's reach)
// never reach the terminal unless --verbose. The parent forwards SIGINT/SIGTERM once; the CLI
// treats a repeated SIGINT within a second as the same Ctrl-C (a terminal and npm both send one).
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE, NATIVE_NOISE, buildBundle, bundleFresh } from './build.mjs';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || process.env.HYPOCHECK_VERBOSE === '1';
/** Commands that may open a GPU (the integrators service of src/cli.ts createContext, with --backend auto or gpu): only these run in a filtered child. */
const GPU_COMMANDS = new Set(['verify', 'show', 'check']);
/** The --backend value (`--backend x` or `--backend=x`), before any `--`. */
function backendArg() {
  const end = args.indexOf('--') < 0 ? args.length : args.indexOf('--');
  for (let i = 0; i < end; i++) {
    if (args[i] === '--backend') return args[i + 1];
    if (args[i].startsWith('--backend=')) return args[i].slice('--backend='.length);
  }
  return 'auto';
}
const mayOpenGpu = GPU_COMMANDS.has(args[0]) && !['cpu', 'qmc', 'quadrature'].includes(backendArg());

async function runHere() {
  let bundle = bundleFresh() ? BUNDLE : undefined;
  if (!bundle && process.env.HYPOCHECK_NO_BUNDLE !== '1') {
    try {
      bundle = await buildBundle({ quiet: true });
    } catch {
      bundle = undefined;
    }
  }
  if (bundle && process.env.HYPOCHECK_NO_BUNDLE !== '1') {
    try {
      await import(pathToFileURL(bundle).href);
    } catch (err) {
      // A module that throws while loading (a broken claim file): one line, not a stack trace.
      console.error(`hypocheck: cannot start: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
      if (process.env.HYPOCHECK_DEBUG && err instanceof Error) console.error(err.stack);
      process.exit(1);
    }
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    const { main } = await import('./cli.ts');
    main(process.argv.slice(2)).then((code) => process.exit(code));
  }
}

function runFiltered() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), ...args], {
    stdio: ['inherit', 'inherit', 'pipe'],
    env: { ...process.env, HYPOCHECK_CHILD: '1', HYPOCHECK_STDERR_TTY: process.stderr.isTTY ? '1' : '0', HYPOCHECK_COLUMNS: String(process.stderr.columns ?? '') },
  });
  let pending = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    const kept = lines.filter((l) => !NATIVE_NOISE.test(l));
    if (kept.length) process.stderr.write(kept.join('\n') + '\n');
    // A progress line updated with \r has no newline yet: show it now.
    if (pending.includes('\r') && !NATIVE_NOISE.test(pending)) {
      process.stderr.write(pending);
      pending = '';
    }
  });
  child.stderr.on('end', () => {
    if (pending && !NATIVE_NOISE.test(pending)) process.stderr.write(pending);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}

// Every other command (list, --help, lint, search, figure, …, or a CPU backend) runs here: one process, fastest start.
if (verbose || process.env.HYPOCHECK_CHILD === '1' || !mayOpenGpu) await runHere();
else runFiltered();
