import { describe, expect, it } from 'vitest';
import { createIntegratorService } from '../../src/integrator-service.ts';
import type { GaussianIntegrator } from '../../numeric/integrator.ts';
import { selectIntegrator } from '../../numeric/integrator.ts';

const noGpu = async () => ({ ok: false as const, reason: 'no adapter found' });

describe('createIntegratorService', () => {
  it('always offers quadrature, cpu and qmc, and no GPU for --backend cpu', async () => {
    let asked = false;
    const s = await createIntegratorService('cpu', () => {}, {
      acquireGpu: async () => {
        asked = true;
        return { ok: false, reason: 'x' };
      },
    });
    expect(Object.keys(s.value).sort()).toEqual(['cpu', 'qmc', 'quadrature']);
    expect(s.describe).toBe('none');
    expect(asked).toBe(false);
  });

  it('fails loudly for --backend gpu without an adapter', async () => {
    await expect(createIntegratorService('gpu', () => {}, { acquireGpu: noGpu })).rejects.toThrow('--backend gpu: no usable GPU adapter (no adapter found)');
  });

  it('falls back to the CPU for auto with one notice', async () => {
    const notices: string[] = [];
    const s = await createIntegratorService('auto', (l) => notices.push(l), { acquireGpu: noGpu });
    expect(notices).toEqual(['gpu: unavailable (no adapter found); using the CPU backend']);
    expect(s.value.gpu).toBeUndefined();
    expect(selectIntegrator(s.value, 'auto')?.name).toBe('cpu');
  });

  it('uses the GPU when one is acquired, names its adapter and releases it once', async () => {
    let released = 0;
    const gpu: GaussianIntegrator = { name: 'gpu', integrate: async () => ({ mean: [], stderr: [], samples: 0, backend: 'gpu', ms: 0 }) };
    const s = await createIntegratorService('auto', () => {}, { acquireGpu: async () => ({ ok: true, integrator: gpu, adapter: 'Fake GPU 1', device: {} as never, software: false, dispose: () => released++ }) });
    expect(s.describe).toBe('Fake GPU 1');
    expect(selectIntegrator(s.value, 'auto')?.name).toBe('gpu');
    expect(Object.getPrototypeOf(selectIntegrator(s.value, 'auto'))).toBe(gpu);
    expect(selectIntegrator(s.value, 'qmc')?.name).toBe('qmc');
    await s.dispose?.();
    expect(released).toBe(1);
  });

  it('queues the GPU runs of claims in flight together (one at a time, in call order)', async () => {
    const log: string[] = [];
    let inFlight = 0;
    const gpu: GaussianIntegrator = {
      name: 'gpu',
      integrate: async (f) => {
        inFlight++;
        log.push(`start ${f.names[0]} (${inFlight} in flight)`);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
        return { mean: [], stderr: [], samples: 0, backend: 'gpu', ms: 0 };
      },
    };
    const s = await createIntegratorService('gpu', () => {}, { acquireGpu: async () => ({ ok: true, integrator: gpu, adapter: 'Fake', device: {} as never, software: false, dispose: () => {} }) });
    const f = (name: string) => ({ d: 1, names: [name], exprs: [], params: {} });
    await Promise.all(['a', 'b', 'c'].map((n) => s.value.gpu!.integrate(f(n), { omega0: 1, beta: 1 })));
    expect(log).toEqual(['start a (1 in flight)', 'start b (1 in flight)', 'start c (1 in flight)']);
  });
});
