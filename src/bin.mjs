#!/usr/bin/env node
// Launcher: runs the compiled bundle (node_modules/.cache/hypocheck/cli.mjs, built by src/build.mjs
// on install and rebuilt here when a source is newer) in this process, so Ctrl-C reaches the CLI
// itself (no loader parent relaying signals). Without esbuild it falls back to tsx, also in-process.
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildBundle, bundleFresh } from './build.mjs';

let bundle = bundleFresh() ? BUNDLE : undefined;
if (!bundle && process.env.HYPOCHECK_NO_BUNDLE !== '1') {
  try {
    bundle = await buildBundle({ quiet: true });
  } catch {
    bundle = undefined;
  }
}
if (bundle && process.env.HYPOCHECK_NO_BUNDLE !== '1') {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./cli.ts');
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
