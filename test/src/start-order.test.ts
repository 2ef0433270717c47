/** The start order of `verify`/`check` (src/cli.ts expectedMsOf): the previous report of the same paper, else modules first. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/claims.ts';
import { expectedMsOf } from '../../src/cli.ts';

const claim = (id: string, kind: string): Claim => ({ id, source: id, statement: id, hypotheses: [], kind, check: () => ({ verdict: 'proved', method: 'exact', summary: '', evidence: {} }) });
const claims = [claim('a', 'identity'), claim('b', 'module'), claim('c', 'inequality')];

describe('expectedMsOf', () => {
  it('reads the ms of the report already in the directory when it is of the same paper', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-order-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify({ paper: 'p', claims: [{ id: 'a', ms: 5 }, { id: 'c', ms: 700 }, { id: 'x', ms: 'slow' }] }));
    expect([...expectedMsOf(dir, 'p', claims)]).toEqual([['a', 5], ['c', 700]]);
  });
  it('puts modules first without a usable report (none, another paper, not JSON)', () => {
    const none = mkdtempSync(join(tmpdir(), 'hc-order-'));
    const other = mkdtempSync(join(tmpdir(), 'hc-order-'));
    writeFileSync(join(other, 'report.json'), JSON.stringify({ paper: 'q', claims: [{ id: 'a', ms: 5 }] }));
    const broken = mkdtempSync(join(tmpdir(), 'hc-order-'));
    writeFileSync(join(broken, 'report.json'), '{ not json');
    for (const dir of [none, other, broken]) expect([...expectedMsOf(dir, 'p', claims)]).toEqual([['b', 1]]);
  });
});
