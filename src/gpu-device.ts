/// <reference types="@webgpu/types" />
/**
 * GPU device acquisition (issue 5): a real adapter first (Dawn's default backend: Vulkan,
 * Metal or D3D12), then the software GPU (Dawn's GLES backend on Mesa llvmpipe, compatibility
 * feature level), else a reason. The device goes to numeric/gpu-monte-carlo.ts.
 *
 * Environment: HYPOCHECK_GPU_BACKEND=vulkan|opengles|… forces one Dawn backend (no fallback);
 * EGL_PLATFORM defaults to 'surfaceless' (without it EGL fails with EGL_NOT_INITIALIZED on a
 * headless machine). Node does not exit while a Dawn instance is alive: call `dispose`.
 */
import type { GaussianIntegrator } from '../numeric/integrator.ts';
import { createGpuMonteCarlo, type GpuMonteCarloOptions } from '../numeric/gpu-monte-carlo.ts';

export type GpuAcquisition =
  | { ok: true; integrator: GaussianIntegrator; adapter: string; device: GPUDevice; software: boolean; dispose: () => void }
  | { ok: false; reason: string };

export interface AcquireOptions {
  /** Dawn backend to force ('vulkan', 'opengles', 'metal', …); no fallback when set. @defaultValue process.env.HYPOCHECK_GPU_BACKEND */
  backend?: string;
  /** Accept the software GPU (llvmpipe) when no real adapter is found. @defaultValue true */
  allowSoftware?: boolean;
  /** Passed on to `createGpuMonteCarlo` (device and adapterName are set here). */
  integrator?: Omit<GpuMonteCarloOptions, 'device' | 'adapterName'>;
}

type WebGpuModule = { create: (options: string[]) => GPU; globals: object };

/** Adapters that are CPU renderers, by name. */
const SOFTWARE_PATTERN = /llvmpipe|lavapipe|swiftshader|software|\bcpu\b/i;

/** Adapter name from GPUAdapterInfo (llvmpipe under Dawn GLES may report nothing). */
export function describeAdapter(info: Partial<Pick<GPUAdapterInfo, 'vendor' | 'architecture' | 'device' | 'description'>> | undefined, backend: string): string {
  // Mesa names llvmpipe 'llvmpipe-llvm-15-0-6-256-bits-' under GLES.
  const device = info?.device?.replace(/^llvmpipe-llvm-(\d+)-(\d+)-(\d+)-(\d+)-bits-?$/, 'llvmpipe (LLVM $1.$2.$3, $4 bits)');
  const parts = [device, info?.description?.replace(/^OpenGL version /, ''), info?.vendor, info?.architecture].filter((s): s is string => !!s && s.length > 0);
  // Drop parts repeated inside another (Vulkan drivers often put the device name in the description).
  const low = parts.map((s) => s.toLowerCase());
  const unique = parts.filter((_, i) => low.findIndex((t) => t.includes(low[i]) || low[i].includes(t)) === i);
  const via = backend === 'opengles' ? 'Dawn GLES' : `Dawn ${backend}`;
  if (unique.length === 0) return backend === 'opengles' ? 'llvmpipe (Dawn GLES, software)' : `unnamed adapter (${via})`;
  return `${unique.join(' · ')} (${via}${SOFTWARE_PATTERN.test(unique.join(' ')) ? ', software' : ''})`;
}

/** Try one Dawn backend; the instance is dropped unless a device was made. */
async function tryBackend(mod: WebGpuModule, backend: string | undefined, options: AcquireOptions): Promise<GpuAcquisition> {
  const flags = backend ? [`backend=${backend}`] : [];
  let gpu: GPU | undefined;
  try {
    gpu = mod.create(flags);
  } catch (e) {
    return { ok: false, reason: `Dawn ${backend ?? 'default'}: ${(e as Error).message.split('\n')[0]}` };
  }
  const compat = backend === 'opengles' || backend === 'opengl';
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter(compat ? ({ featureLevel: 'compatibility' } as GPURequestAdapterOptions) : { powerPreference: 'high-performance' });
  } catch (e) {
    return { ok: false, reason: `Dawn ${backend ?? 'default'}: requestAdapter threw ${(e as Error).message.split('\n')[0]}` };
  }
  if (!adapter) return { ok: false, reason: `Dawn ${backend ?? 'default'}: no adapter` };
  const name = describeAdapter(adapter.info, backend ?? 'default');
  let device: GPUDevice | undefined;
  try {
    device = await adapter.requestDevice();
  } catch (e) {
    return { ok: false, reason: `Dawn ${backend ?? 'default'} (${name}): requestDevice failed: ${(e as Error).message.split('\n')[0]}` };
  }
  const software = SOFTWARE_PATTERN.test(name);
  let integrator: GaussianIntegrator;
  try {
    integrator = createGpuMonteCarlo({ ...options.integrator, device, adapterName: name });
  } catch (e) {
    device.destroy();
    return { ok: false, reason: `${name}: ${(e as Error).message}` };
  }
  const held: { gpu?: GPU; device?: GPUDevice } = { gpu, device };
  const dispose = () => {
    held.device?.destroy();
    held.device = undefined;
    held.gpu = undefined; // drop the Dawn instance so Node can exit
  };
  return { ok: true, integrator: { ...integrator, dispose }, adapter: name, device, software, dispose };
}

/**
 * The GPU integrator on the best adapter found: a real one (Dawn default backend), else
 * llvmpipe through Dawn GLES (unless `allowSoftware` is false), else `{ ok: false, reason }`.
 * @example
 * const gpu = await acquireGpuIntegrator();
 * if (gpu.ok) { console.log(gpu.adapter); gpu.dispose(); }   // e.g. 'llvmpipe (Dawn GLES, software)'
 */
export async function acquireGpuIntegrator(options: AcquireOptions = {}): Promise<GpuAcquisition> {
  const { backend = process.env.HYPOCHECK_GPU_BACKEND || undefined, allowSoftware = true } = options;
  process.env.EGL_PLATFORM ??= 'surfaceless';
  let mod: WebGpuModule;
  try {
    mod = (await import('webgpu')) as unknown as WebGpuModule;
  } catch (e) {
    return { ok: false, reason: `the webgpu package (dawn.node) did not load: ${(e as Error).message.split('\n')[0]}` };
  }
  // GPUBufferUsage and friends as globals, for code written against the browser API.
  Object.assign(globalThis, mod.globals);
  if (backend) return tryBackend(mod, backend, options);
  const reasons: string[] = [];
  const real = await tryBackend(mod, undefined, options);
  if (real.ok && !real.software) return real;
  if (real.ok) {
    if (allowSoftware) return real;
    real.dispose();
    reasons.push(`only a software adapter (${real.adapter})`);
  } else reasons.push(real.reason);
  if (!allowSoftware) return { ok: false, reason: `no hardware GPU adapter: ${reasons.join('; ')}` };
  const soft = await tryBackend(mod, 'opengles', options);
  if (soft.ok) return soft;
  reasons.push(soft.reason);
  return {
    ok: false,
    reason: `no WebGPU adapter: ${reasons.join('; ')} (a real GPU needs libvulkan1 and the driver's ICD; the software GPU needs Mesa llvmpipe: libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri)`,
  };
}
