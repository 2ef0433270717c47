#!/usr/bin/env node
// `npm test`: vitest, with Dawn's and EGL's native stderr lines (written by C++ in the test
// processes, out of JavaScript's reach) filtered out as src/bin.mjs does for the CLI, so one line
// means one line in the test output too. Arguments go to vitest; its exit code is ours.
import { fileURLToPath } from 'node:url';
import { runWithoutNativeNoise } from '../src/build.mjs';

runWithoutNativeNoise(fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url)), process.argv.slice(2));
