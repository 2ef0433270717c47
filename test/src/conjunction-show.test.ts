// Bug 5: `show` of a conjunction ran it alone (inconclusive where check and verify say established).
import { describe, expect, it } from 'vitest';
import { conjunctionClosure, main } from '../../src/cli.ts';
import { paper } from '../../src/paper-claims.ts';

describe('bug 5: show of a conjunction runs the claims it rests on', () => {
  it('conjunctionClosure reaches the parts through corrected statements, transitively', () => {
    const ids = conjunctionClosure(paper.claims, 'thm:3.1:corrected').map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['thm:3.1:corrected', 'thm:3.1:case1', 'eq:4.4', 'lem:4.1:energy', 'thm:3.1:sharp']));
    expect(ids).not.toContain('thm:3.1');
  });
  it('show gives the verdict check gives (sec:2:sde-scaling: proved, established)', async () => {
    const out: string[] = [];
    const code = await main(['show', 'sec:2:sde-scaling'], { out: (l) => out.push(l), err: () => {} });
    expect(code).toBe(0);
    const text = out.join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    expect(text).toMatch(/^sec:2:sde-scaling {2}proved/);
    expect(text).toContain('every part holds: sec:2:sde-scaling:beta, sec:2:sde-scaling:time');
    expect(text).toMatch(/Established: yes/);
    expect(text).toMatch(/sec:2:sde-scaling:beta {2}proved/);
  }, 60_000);
});
