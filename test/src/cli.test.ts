import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('hypocheck CLI errors', () => {
  it('rejects an unknown claim id with exit code 2 and one line', async () => {
    const r = await run(['show', 'eq:9.9']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^hypocheck: unknown claim id "eq:9.9"/);
    expect(r.err.split('\n')).toHaveLength(1);
  });
  it('rejects a bad seed with exit code 2', async () => {
    const r = await run(['verify', '--seed', 'abc']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--seed must be a finite number, got "abc"');
  });
  it('rejects a negative seed', async () => {
    const r = await run(['verify', '--seed', '-1']);
    expect(r.code).toBe(2);
  });
  it('rejects an unknown backend', async () => {
    const r = await run(['verify', '--backend', 'tpu']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tpu/);
  });
  it('rejects an unknown command', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
  });
  it('rejects an --only prefix that matches nothing', async () => {
    const r = await run(['verify', '--only', 'zzz:']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('matches no claim');
  });
  it('prints the version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
