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
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'node_modules', '.cache', 'hypocheck', 'cli.mjs');
/** Native stderr lines the launcher hides unless --verbose: Dawn's backend warnings and their `at operator()` line, EGL/Mesa loader chatter. */
export const NATIVE_NOISE = /^(Warning: (Couldn't load Vulkan|max\w+ artificially reduced|.*Dawn)|\s+at operator\(\) \(.*dawn|libEGL |EGL |MESA[-_]|ANGLE|\[Dawn\])/;
const SOURCE_DIRS = ['src', 'symbolic', 'numeric', 'proofs'];

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

/** True when the bundle exists and no source is newer. */
export function bundleFresh() {
  try {
    return statSync(BUNDLE).mtimeMs >= newestSourceMtime();
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

/** Build the bundle; returns its path. */
export async function buildBundle({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  // Static import: the command modules import cli.ts back (a cycle a lazy import would deadlock).
  // A module that throws while loading is reported in one line by src/bin.mjs.
  const entry = `import { main } from ${JSON.stringify('./src/cli.ts')};\nmain(process.argv.slice(2)).then((code) => process.exit(code));\n`;
  const result = await esbuild.build({
    write: false,
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'hypocheck-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: BUNDLE,
    external: ['z3-solver', 'webgpu', 'tsx', 'tsx/*', 'esbuild'],
    banner: {
      js: [
        "import { createRequire as __hypocheckCreateRequire } from 'node:module';",
        'const require = __hypocheckCreateRequire(import.meta.url);',
        "const __hypocheckRoot = new URL('../../../', import.meta.url);",
      ].join('\n'),
    },
    plugins: [metaUrlPlugin],
    logLevel: quiet ? 'silent' : 'warning',
  });
  // Atomic: a concurrent start never reads a half-written bundle.
  mkdirSync(dirname(BUNDLE), { recursive: true });
  const tmp = `${BUNDLE}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, BUNDLE);
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
