#!/usr/bin/env node
// `npm test`: vitest, with Dawn's and EGL's native stderr lines (written by C++ in the test
// processes, out of JavaScript's reach) filtered out as src/bin.mjs does for the CLI, so one line
// means one line in the test output too. Arguments go to vitest; its exit code is ours.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pipeWithoutNativeNoise } from '../src/build.mjs';

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const child = spawn(process.execPath, [vitest, ...process.argv.slice(2)], { stdio: ['inherit', 'inherit', 'pipe'] });
pipeWithoutNativeNoise(child.stderr, (text) => process.stderr.write(text));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
