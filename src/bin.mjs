#!/usr/bin/env node
// Launcher: runs the compiled bundle (node_modules/.cache/hypocheck/cli.mjs, built by src/build.mjs
// on install and rebuilt here when a source is newer) as plain Node; without esbuild it falls back
// to tsx, in-process. Commands that may open a GPU (verify, show, check, unless --backend is cpu,
// qmc or quadrature) run in a child whose stderr passes through a
// filter: Dawn's and EGL's native warnings (written to fd 2 by C++, out of JavaScript's reach)
// never reach the terminal unless --verbose. The parent forwards SIGINT/SIGTERM once; the CLI
// treats a repeated SIGINT within a second as the same Ctrl-C (a terminal and npm both send one).
import { createHash } from 'node:crypto';
import v8 from 'node:v8';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, bundleFresh, runWithoutNativeNoise } from './build.mjs';

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

/**
 * Output memo for the pure, read-only commands (`list`, `--help`, `--version`): their stdout is a
 * function of the arguments, the terminal (colours, width), the environment and the sources,
 * i.e. of the bundle, which is rebuilt whenever a source (claim files included) changes. A run that
 * exits 0 having written nothing to stderr records its stdout under a key of all of these, next to
 * the bundle; the next identical start replays it without loading the bundle (`list` loads and
 * validates the whole paper, ~1 s). HYPOCHECK_NO_MEMO=1 turns it off.
 */
const MEMO_COMMANDS = new Set(['list', 'help', '--help', '-h', '--version', '-V']);
const memoWanted = MEMO_COMMANDS.has(args[0]) && process.env.HYPOCHECK_NO_MEMO !== '1';

function memoPath(bundle) {
  const env = Object.keys(process.env)
    .filter((k) => /^(HYPOCHECK_|NO_COLOR$|FORCE_COLOR$|CLICOLOR|TERM$|COLORTERM$|CI$|COLUMNS$|LINES$|LANG$|LC_)/.test(k))
    .sort()
    .map((k) => [k, process.env[k]]);
  const tty = (s) => (s.isTTY ? [true, s.columns ?? 0, typeof s.hasColors === 'function' ? s.hasColors() : false] : false);
  const key = JSON.stringify([args, statSync(bundle).mtimeMs, process.version, process.platform, tty(process.stdout), tty(process.stderr), env]);
  return join(dirname(bundle), 'memo', `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.out`);
}

/** Replays a recorded stdout; false when there is none (then the run records one if it can). */
function replayMemo(bundle) {
  if (!memoWanted) return false;
  let file;
  try {
    file = memoPath(bundle);
    process.stdout.write(readFileSync(file));
    return true;
  } catch {
    if (file) recordMemo(file, bundle);
    return false;
  }
}

function recordMemo(file, bundle) {
  const chunks = [];
  let clean = true;
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = function (chunk, encoding, cb) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    return out.call(this, chunk, encoding, cb);
  };
  process.stderr.write = function (...a) {
    clean = false;
    return err.apply(this, a);
  };
  process.on('exit', (code) => {
    if (code !== 0 || !clean) return;
    try {
      const dir = dirname(file);
      mkdirSync(dir, { recursive: true });
      // Memos of older bundles are never replayed again.
      const built = statSync(bundle).mtimeMs;
      for (const f of readdirSync(dir)) if (f.endsWith('.out') && statSync(join(dir, f)).mtimeMs < built) rmSync(join(dir, f), { force: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat(chunks));
      renameSync(tmp, file);
    } catch {
      /* a read-only cache: no memo */
    }
  });
}

/**
 * V8 settings for the checking commands (issue 13; `npm run bench -- paper`, paired runs: ≈ 0.5 s
 * less wall time and ≈ 1.5 s less CPU on the paper, the same report): a larger tier-up budget, so
 * that only code that stays hot is optimised by TurboFan (a run calls many kernels a few thousand
 * times each: background compilation was a third of its CPU), and a young generation of 16–64 MB
 * (fewer scavenges of the exact kernels' short-lived rationals). The heap sizes take effect only
 * in the filtered child (they must be set before the heap exists); the budget also here.
 */
const TIER_UP_FLAGS = ['--interrupt-budget=300000'];
const HEAP_FLAGS = ['--min-semi-space-size=16', '--max-semi-space-size=64'];

async function runHere() {
  if (GPU_COMMANDS.has(args[0])) v8.setFlagsFromString(TIER_UP_FLAGS.join(' '));
  let bundle = bundleFresh() ? BUNDLE : undefined;
  if (!bundle && process.env.HYPOCHECK_NO_BUNDLE !== '1') {
    try {
      bundle = await buildBundle({ quiet: true });
    } catch {
      bundle = undefined;
    }
  }
  if (bundle && process.env.HYPOCHECK_NO_BUNDLE !== '1') {
    if (replayMemo(bundle)) return;
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
  runWithoutNativeNoise(fileURLToPath(import.meta.url), args, {
    ...process.env,
    HYPOCHECK_CHILD: '1',
    HYPOCHECK_STDERR_TTY: process.stderr.isTTY ? '1' : '0',
    HYPOCHECK_COLUMNS: String(process.stderr.columns ?? ''),
  }, HEAP_FLAGS);
}

// Every other command (list, --help, lint, search, figure, …, or a CPU backend) runs here: one process, fastest start.
if (verbose || process.env.HYPOCHECK_CHILD === '1' || !mayOpenGpu) await runHere();
else runFiltered();
