/**
 * integral-identity with a weight printed upside down (1/M for M, the slip of (4.3) and H(t) in
 * Zhu & Ying 2021): the growing weight class makes ∫(lhs − rhs)·weight diverge, refuted with the
 * class, the direction and the non-zero coefficient; the same identity with M is proved, and a
 * growing class whose coefficient vanishes identically is not a witness.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadClaimFile } from '../../src/claim-file.ts';
import { instantiate } from '../../src/procedures/index.ts';
import { createContext } from '../../src/cli.ts';
import type { CheckResult } from '../../src/claims.ts';

const HEADER = `paper: { id: t, title: T }
symbols:
  parameters:
    omega0: { domain: "> 0" }
    beta: { domain: "> 0" }
    c: { domain: "real" }
  variables:
    x: { vector: true }
    v: { vector: true }
  functions:
    h: { args: [x, v] }
  definitions:
    - "M = exp(-beta*omega0^2*|x|^2/2 - beta*|v|^2/2)"
claims:
`;
const dir = mkdtempSync(join(tmpdir(), 'hc-growth-'));
const { ctx, registry } = createContext({ seed: 1, backend: 'cpu', effort: 0.2, quiet: true }, { out: () => {}, err: () => {} });
afterAll(() => registry.disposeAll());
let n = 0;
async function decide(lhs: string, rhs: string): Promise<CheckResult> {
  const file = join(dir, `c${n++}.claims.yaml`);
  writeFileSync(file, HEADER + `  - { id: "c:1", source: "(1)", statement: "s", kind: integral-identity, lhs: "${lhs}", rhs: "${rhs}", over: [x, v] }\n`);
  const set = loadClaimFile(file);
  return instantiate(set.claims[0], { set }).check(ctx);
}
const FORM = '(|grad(h, x)|^2 + c*|grad(h, v)|^2)';

describe('integral-identity: a growing weight class', () => {
  it('refutes a weight 1/M printed for M: the integral diverges', async () => {
    const r = await decide(`${FORM}/M`, `${FORM}*M`);
    expect(r.verdict).toBe('refuted');
    expect((r.witness as Record<string, unknown>).weightClass).toMatch(/exp\(/);
    expect(r.summary).toMatch(/diverges/);
  });
  it('proves the same identity with M on both sides', async () => {
    expect((await decide(`${FORM}*M`, `${FORM}*M`)).verdict).toBe('proved');
  });
  it('proves an identity whose growing classes cancel exactly', async () => {
    expect((await decide(`${FORM}/M + ${FORM}*M`, `${FORM}*M + ${FORM}/M`)).verdict).toBe('proved');
  });
});
