/** The launcher (src/bin.mjs): plain Node, native GPU warnings hidden unless --verbose. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { NATIVE_NOISE, pipeWithoutNativeNoise } from '../../src/build.mjs';

describe('launcher', () => {
  it('recognises Dawn and EGL noise, and nothing of ours', () => {
    expect(NATIVE_NOISE.test("Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open shared object file")).toBe(true);
    expect(NATIVE_NOISE.test('    at operator() (/home/runner/work/node-webgpu/node-webgpu/third_party/dawn/src/dawn/native/vulkan/BackendVk.cpp:368)')).toBe(true);
    expect(NATIVE_NOISE.test('Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 90 to 16')).toBe(true);
    expect(NATIVE_NOISE.test('hypocheck: --report x: is a file, not a directory')).toBe(false);
    expect(NATIVE_NOISE.test('  … [1/3] thm:3.1:case1')).toBe(false);
  });
  it('drops Dawn\'s warning block (and its blank line) from a stream, keeps every other line and a \\r progress line', async () => {
    const stream = new PassThrough();
    let out = '';
    pipeWithoutNativeNoise(stream, (t) => (out += t));
    const ended = new Promise((r) => stream.on('end', r));
    stream.write("Warning: Couldn't load Vulkan: libvulkan.so.1: cannot open\n    at operator() (/x/third_party/dawn/src/dawn/native/vulkan/BackendVk.cpp:368)\n\nWarn");
    stream.write('ing: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 90 to 16\n ✓ test/a.test.ts\n\nsummary\n\r  … [3/9] x');
    stream.end();
    await ended;
    expect(out).toBe(' ✓ test/a.test.ts\n\nsummary\n\r  … [3/9] x');
  });
  it('npm test runs vitest through the same filter', () => {
    const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.test).toBe('node test/vitest-filtered.mjs run');
    expect(readFileSync(resolve('test/vitest-filtered.mjs'), 'utf8')).toContain('runWithoutNativeNoise(');
    expect(readFileSync(resolve('src/build.mjs'), 'utf8')).toMatch(/export function runWithoutNativeNoise[\s\S]*?pipeWithoutNativeNoise\(child\.stderr/);
  });
  it('starts through the bundle (rebuilt when stale) and exits 0', () => {
    const r = spawnSync(process.execPath, [resolve('src/bin.mjs'), '--version'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 60_000);
  it('a GPU run prints no native warning without --verbose', () => {
    const r = spawnSync(process.execPath, [resolve('src/bin.mjs'), 'show', 'eq:4.5', '--backend', 'gpu'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toMatch(/Couldn't load Vulkan|BackendVk|artificially reduced/);
    expect([0, 2]).toContain(r.status); // 2: no adapter on this machine (one line)
  }, 60_000);
});
