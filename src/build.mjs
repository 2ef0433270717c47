#!/usr/bin/env node
/**
 * Build the CLI as one JavaScript bundle (esbuild), so every start is plain Node:
 * `node_modules/.cache/hypocheck/cli.mjs` (git-ignored). Run by `npm install` (prepare) and, when a
 * source is newer than the bundle, by src/bin.mjs before it starts. z3-solver, webgpu and tsx stay
 * external (native or WASM payloads; tsx only for user-supplied .ts modules).
 *
 * Files that locate data through `import.meta.url` (package.json, the paper's claim files, the
 * `init` template) keep their own location: each source's `import.meta.url` is rewritten to the URL
 * it has in the package folder, computed at run time from the bundle's place.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'node_modules', '.cache', 'hypocheck', 'cli.mjs');
/** The worker threads' entry (numeric/parallel-worker.ts), built with the CLI, next to it (numeric/parallel.ts finds it there). */
export const WORKER_BUNDLE = join(dirname(BUNDLE), 'worker.mjs');
/** The claim workers' entry (src/claim-worker.ts), next to the CLI (src/claim-workers.ts finds it there). */
export const CLAIM_WORKER_BUNDLE = join(dirname(BUNDLE), 'claim-worker.mjs');
/** Native stderr lines the launcher hides unless --verbose: Dawn's backend warnings and their `at operator()` line, EGL/Mesa loader chatter. */
export const NATIVE_NOISE = /^(Warning: (Couldn't load Vulkan|max\w+ artificially reduced|.*Dawn)|\s+at operator\(\) \(.*dawn|libEGL |EGL |MESA[-_]|ANGLE|\[Dawn\])/;
const SOURCE_DIRS = ['src', 'symbolic', 'numeric', 'proofs'];

/**
 * Copies a child's stderr to `write` line by line without NATIVE_NOISE (and the blank line Dawn
 * writes after its warning). A progress line updated with \r, which has no newline yet, is shown
 * at once. Used by src/bin.mjs and by `npm test` (test/vitest-filtered.mjs).
 */
export function pipeWithoutNativeNoise(stream, write) {
  let pending = '';
  let dropped = false;
  const keep = (line) => {
    const noise = NATIVE_NOISE.test(line) || (dropped && line.trim() === '');
    dropped = noise;
    return !noise;
  };
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    const kept = lines.filter(keep);
    if (kept.length) write(kept.join('\n') + '\n');
    if (pending.includes('\r') && !NATIVE_NOISE.test(pending)) {
      write(pending);
      pending = '';
    }
  });
  stream.on('end', () => {
    if (pending && keep(pending)) write(pending);
  });
}

/**
 * Runs `node script ...args` with stdin and stdout inherited and its stderr through
 * `pipeWithoutNativeNoise`; SIGINT and SIGTERM are passed on, and this process exits with the
 * child's code (130 after SIGINT); `nodeFlags` go to the child's node. Used by src/bin.mjs and by `npm test`.
 */
export function runWithoutNativeNoise(script, args, env = process.env, nodeFlags = []) {
  const child = spawn(process.execPath, [...nodeFlags, script, ...args], { stdio: ['inherit', 'inherit', 'pipe'], env });
  pipeWithoutNativeNoise(child.stderr, (text) => process.stderr.write(text));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}

/** Newest modification time (ms) of the sources the bundle is built from. */
export function newestSourceMtime() {
  let newest = statSync(join(ROOT, 'package.json')).mtimeMs;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|mts|mjs|js|yaml|json)$/.test(e.name)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) walk(join(ROOT, d));
  return newest;
}

/** True when the bundle (CLI and worker entries) exists and no source is newer. */
export function bundleFresh() {
  try {
    const newest = newestSourceMtime();
    return [BUNDLE, WORKER_BUNDLE, CLAIM_WORKER_BUNDLE].every((f) => statSync(f).mtimeMs >= newest);
  } catch {
    return false;
  }
}

const metaUrlPlugin = {
  name: 'package-relative-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts)$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const rel = relative(ROOT, args.path).split(sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, __hypocheckRoot).href`), loader: 'ts' };
    });
  },
};

/**
 * Packages loaded on first use instead of at start-up (`import { create } from 'mathjs'` evaluates
 * mathjs' eager default instance, ~0.5 s, before `--help` could print). Each named import of such a
 * package from our sources resolves to a stub whose functions load the package (bundled as a lazy
 * CommonJS module) on their first call; `create(all, config)` returns an instance created on first
 * use. Only names whose value is a function (or mathjs' `all`) are stubbed: any other import of the
 * package makes the build retry without stubs (slower start, same behaviour).
 */
const LAZY_PACKAGES = ['mathjs'];

/** mathjs' `create` and `all` without its eager default instance (lib/cjs/index.js builds every function at load). */
function mathjsCore(requireHere) {
  // The ESM build (smaller than lib/cjs); esbuild wraps a require()d ES module in a lazy initialiser.
  const lib = join(dirname(requireHere.resolve('mathjs')), '..', 'esm');
  const file = (f) => JSON.stringify(join(lib, f));
  return [
    `const load = () => (real ??= require(${file('index.js')}));`,
    `const mathCreate = (f, c) => require(${file('core/create.js')}).create(f, c);`,
    `const mathAll = () => require(${file('entry/allFactoriesAny.js')});`,
    `let mathDefaultInstance;`,
    `const mathDefault = () => (mathDefaultInstance ??= mathCreate(mathAll()));`,
  ];
}

const lazyPackagesPlugin = {
  name: 'lazy-packages',
  setup(build) {
    const requireHere = createRequire(join(ROOT, 'package.json'));
    build.onResolve({ filter: new RegExp(`^(${LAZY_PACKAGES.join('|')})$`) }, (args) => {
      if (args.kind !== 'import-statement' || args.namespace === 'lazy-package' || args.importer.includes(`${sep}node_modules${sep}`)) return undefined;
      return { path: args.path, namespace: 'lazy-package' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
      const real = requireHere(args.path);
      const lines = [
        `let real;`,
        ...(args.path === 'mathjs' ? mathjsCore(requireHere) : [`const load = () => (real ??= require(${JSON.stringify(args.path)}));`]),
        // A function stand-in that forwards calls, construction and property reads (instanceof works through .prototype).
        `const lazyFn = (get) => new Proxy(function () {}, {`,
        `  apply: (_, self, a) => Reflect.apply(get(), self, a),`,
        `  construct: (_, a, nt) => Reflect.construct(get(), a),`,
        `  get: (_, k) => Reflect.get(get(), k),`,
        `  set: (_, k, v) => Reflect.set(get(), k, v),`,
        `  has: (_, k) => Reflect.has(get(), k),`,
        `});`,
        `const lazyObject = (get) => new Proxy({}, {`,
        `  get: (_, k) => Reflect.get(get(), k),`,
        `  set: (_, k, v) => Reflect.set(get(), k, v),`,
        `  has: (_, k) => Reflect.has(get(), k),`,
        `  ownKeys: () => Reflect.ownKeys(get()),`,
        `  getOwnPropertyDescriptor: (_, k) => { const d = Reflect.getOwnPropertyDescriptor(get(), k); if (d) d.configurable = true; return d; },`,
        `});`,
      ];
      const defaultInstance = args.path === 'mathjs' ? real.create(real.all) : {};
      for (const name of Object.keys(real)) {
        if (!/^[A-Za-z_$][\w$]*$/.test(name)) continue;
        if (args.path === 'mathjs' && name === 'all') lines.push(`export const all = { __hypocheckLazyAll: true };`);
        else if (args.path === 'mathjs' && name === 'create') {
          lines.push(`export const create = (factories, config) => { let inst; return lazyObject(() => (inst ??= mathCreate(factories && factories.__hypocheckLazyAll ? mathAll() : factories, config))); };`);
        } else if (args.path === 'mathjs' && typeof real[name] === 'function' && !/^[A-Z]|Dependencies$|^create\w*Class$/.test(name) && name in defaultInstance) {
          // A function of the default instance: the same function of create(all) (mathjs' default instance is create(all)).
          lines.push(`export const ${name} = lazyFn(() => mathDefault()[${JSON.stringify(name)}]);`);
        } else if (typeof real[name] === 'function') lines.push(`export const ${name} = lazyFn(() => load()[${JSON.stringify(name)}]);`);
      }
      return { contents: lines.join('\n'), resolveDir: ROOT, loader: 'js' };
    });
  },
};

/** The CLI's entry: static import (the command modules import cli.ts back, a cycle a lazy import would deadlock); a module that throws while loading is reported in one line by src/bin.mjs. */
const CLI_ENTRY = `import { main } from ${JSON.stringify('./src/cli.ts')};\nmain(process.argv.slice(2)).then((code) => process.exit(code));\n`;

const cliEntryPlugin = {
  name: 'hypocheck-cli-entry',
  setup(build) {
    build.onResolve({ filter: /^hypocheck-cli-entry$/ }, () => ({ path: 'hypocheck-entry.ts', namespace: 'hypocheck-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'hypocheck-entry' }, () => ({ contents: CLI_ENTRY, resolveDir: ROOT, loader: 'ts' }));
  },
};

async function esbuildOnce(esbuild, { quiet, lazy }) {
  return esbuild.build({
    write: false,
    entryPoints: { cli: 'hypocheck-cli-entry', worker: join(ROOT, 'numeric', 'parallel-worker.ts'), 'claim-worker': join(ROOT, 'src', 'claim-worker.ts') },
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: dirname(BUNDLE),
    outExtension: { '.js': '.mjs' },
    external: ['z3-solver', 'webgpu', 'tsx', 'tsx/*', 'esbuild'],
    banner: {
      js: [
        "import { createRequire as __hypocheckCreateRequire } from 'node:module';",
        'const require = __hypocheckCreateRequire(import.meta.url);',
        "const __hypocheckRoot = new URL('../../../', import.meta.url);",
        // numeric/parallel.ts: running from the bundle, the worker entry is worker.mjs next to it.
        'const __hypocheckBundleUrl = import.meta.url;',
      ].join('\n'),
    },
    plugins: lazy ? [cliEntryPlugin, lazyPackagesPlugin, metaUrlPlugin] : [cliEntryPlugin, metaUrlPlugin],
    logLevel: quiet ? 'silent' : 'warning',
  });
}

/** Build the bundle (cli.mjs and worker.mjs); returns the CLI's path. */
export async function buildBundle({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  let result;
  try {
    result = await esbuildOnce(esbuild, { quiet: true, lazy: true });
  } catch {
    result = await esbuildOnce(esbuild, { quiet, lazy: false });
  }
  // Atomic per file, workers first: a start that sees a fresh cli.mjs also finds its workers.
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const byPath = new Map(result.outputFiles.map((f) => [f.path, f.contents]));
  for (const file of [WORKER_BUNDLE, CLAIM_WORKER_BUNDLE, BUNDLE]) {
    const contents = byPath.get(file);
    if (!contents) throw new Error(`esbuild wrote no ${relative(ROOT, file)}`);
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, contents);
    renameSync(tmp, file);
  }
  return BUNDLE;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    await buildBundle();
    console.log(`hypocheck: built ${relative(process.cwd(), BUNDLE) || BUNDLE}`);
  } catch (err) {
    // The tsx fallback in src/bin.mjs still runs the CLI; an install must not fail over this.
    console.warn(`hypocheck: bundle not built (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); the CLI will run through tsx`);
  }
}
