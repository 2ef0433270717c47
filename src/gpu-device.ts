/**
 * GPU device acquisition (issue 5): a real adapter first (Vulkan/Metal/D3D12), then the
 * software GPU (Dawn's GLES backend on llvmpipe), else a reason. Not built yet.
 */
import type { GaussianIntegrator } from '../numeric/integrator.ts';

export type GpuAcquisition = { ok: true; integrator: GaussianIntegrator; adapter: string; dispose: () => void } | { ok: false; reason: string };

export async function acquireGpuIntegrator(): Promise<GpuAcquisition> {
  return { ok: false, reason: 'GPU backend not built yet' };
}
