/** The start order of `verify`/`check` (src/cli.ts expectedMsOf): the previous report of the same paper, else modules first. */
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/claims.ts';
import { expectedMsOf, main } from '../../src/cli.ts';

const claim = (id: string, kind: string): Claim => ({ id, source: id, statement: id, hypotheses: [], kind, check: () => ({ verdict: 'proved', method: 'exact', summary: '', evidence: {} }) });
const claims = [claim('a', 'identity'), claim('b', 'module'), claim('c', 'inequality')];

describe('expectedMsOf', () => {
  it('reads the ms of the report already in the directory when it is of the same paper', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-order-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify({ paper: 'p', claims: [{ id: 'a', ms: 5 }, { id: 'c', ms: 700 }, { id: 'x', ms: 'slow' }] }));
    expect([...expectedMsOf(dir, 'p', claims)]).toEqual([['a', 5], ['c', 700]]);
  });
  it('orders by kind without a usable report (none, another paper, not JSON): modules, then solver kinds', () => {
    const none = mkdtempSync(join(tmpdir(), 'hc-order-'));
    const other = mkdtempSync(join(tmpdir(), 'hc-order-'));
    writeFileSync(join(other, 'report.json'), JSON.stringify({ paper: 'q', claims: [{ id: 'a', ms: 5 }] }));
    const broken = mkdtempSync(join(tmpdir(), 'hc-order-'));
    writeFileSync(join(broken, 'report.json'), '{ not json');
    for (const dir of [none, other, broken]) expect([...expectedMsOf(dir, 'p', claims)]).toEqual([['b', 3], ['c', 1]]);
  });
  it('does not read what cannot be one of its reports (a directory, a file over 16 MB)', () => {
    const isDir = mkdtempSync(join(tmpdir(), 'hc-order-'));
    mkdirSync(join(isDir, 'report.json'));
    const huge = mkdtempSync(join(tmpdir(), 'hc-order-'));
    writeFileSync(join(huge, 'report.json'), '');
    truncateSync(join(huge, 'report.json'), 64 << 20); // sparse: not read, or this test would take seconds and 64 MB
    for (const dir of [isDir, huge]) expect([...expectedMsOf(dir, 'p', claims)]).toEqual([['b', 3], ['c', 1]]);
  });
  it('refuses a report directory whose report.json is a directory, before any claim runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-order-'));
    mkdirSync(join(dir, 'report.json'));
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['verify', '--only', 'eq:4.4', '--backend', 'cpu', '--report', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/report\.json: is a directory, not a file/);
    expect(out.join('\n')).not.toMatch(/eq:4\.4/);
  });
});
