import { describe, expect, it } from 'vitest';
import { acquireGpuIntegrator, describeAdapter } from '../../src/gpu-device.ts';

describe('describeAdapter', () => {
  it('names llvmpipe from the strings Mesa gives Dawn GLES', () => {
    const info = { vendor: '', architecture: '', device: 'llvmpipe-llvm-15-0-6-256-bits-', description: 'OpenGL version OpenGL ES 3.2 Mesa 22.3.6' };
    expect(describeAdapter(info, 'opengles')).toBe('llvmpipe (LLVM 15.0.6, 256 bits) · OpenGL ES 3.2 Mesa 22.3.6 (Dawn GLES, software)');
  });
  it('falls back to "llvmpipe (Dawn GLES, software)" when GLES reports nothing', () => {
    expect(describeAdapter({ vendor: '', architecture: '', device: '', description: '' }, 'opengles')).toBe('llvmpipe (Dawn GLES, software)');
  });
  it('drops the vendor when the device name already says it', () => {
    const info = { vendor: 'nvidia', architecture: 'hopper', device: 'NVIDIA H100 80GB HBM3', description: 'NVIDIA: 580.159.04' };
    expect(describeAdapter(info, 'vulkan')).toBe('NVIDIA H100 80GB HBM3 · NVIDIA: 580.159.04 · hopper (Dawn vulkan)');
  });
});

describe('acquireGpuIntegrator', () => {
  it('gives a reason, not an exception, for a backend Dawn does not know', async () => {
    const a = await acquireGpuIntegrator({ backend: 'nosuch' });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.reason).toMatch(/^Dawn nosuch: .*nosuch/);
  });
});
