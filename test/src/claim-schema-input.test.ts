/**
 * Claim-file input validation (review of the loader): misspelled fields are errors that name the
 * closest known field, everywhere a schema knows the fields (a `kind: module` record's own fields
 * excepted); a YAML alias bomb is one FILE:LINE:COL line, exit 2; ids keep the paper's case;
 * `exists` names and `spectral-rate` cases are checked by lint; a `corrected` reading is checked
 * like its record.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ClaimFileError, lintClaimFile, loadClaimFile } from '../../src/claim-file.ts';
import { closestName, editDistance } from '../../src/claim-schema.ts';
import { PAPER_FILE } from '../../src/paper-claims.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'hc-schema-'));
let n = 0;

/** Write a claim file, return its path. */
function file(text: string): string {
  const f = join(dir, `f${n++}.claims.yaml`);
  writeFileSync(f, text);
  return f;
}

const HEADER = `paper: { id: t, title: "T" }
symbols:
  parameters:
    a: { domain: "> 0" }
    b: { domain: "> 0" }
    k: { domain: "> 0" }
    g: { domain: "> 0" }
  matrices:
    N: [["0", "-1"], ["k", "g"]]
    A: [["1", "a"], ["a", "1"]]
claims:
`;

/** The errors of lint as `LINE:COL: reason`. */
function lint(claims: string, header = HEADER): string[] {
  return lintClaimFile(file(header + claims)).errors.map((e) => `${e.line}:${e.col}: ${e.reason}`);
}

describe('unknown fields are errors naming the closest known field', () => {
  it('misspelled common and kind fields of a claim (the reviewer\'s typo file)', () => {
    const errors = lint(`  - { id: "t:forall", source: "1", statement: "s", kind: inequality, forAll: ["a < b"], relation: "a/b < (a + 1)/(b + 1)" }
  - { id: "t:define", source: "2", statement: "s", kind: formula-identity, defines: ["mu = a"], lhs: "a^2", rhs: "a*a" }
  - { id: "t:sharp", source: "3", statement: "s", kind: spectral-rate, drift: [["a"]], diffusion: [["1"]], rate: "a", sharp: false, sharpness: true }
  - { id: "t:exists", source: "5", statement: "s", kind: matrix-inequality, exist: [g], claims: ["Pm >= 0"], matrices: { Pm: [["1", "g"], ["g", "1"]] } }
`);
    expect(errors).toEqual([
      '12:70: unknown field `forAll`; did you mean `forall`?',
      '13:76: unknown field `defines`; did you mean `define`?',
      '14:133: unknown field `sharpness`',
      '15:77: unknown field `exist`; did you mean `exists`?',
    ]);
  });
  it('a misspelled field of the kind is named, not reported as the missing one', () => {
    expect(lint(`  - { id: "c:1", source: "1", statement: "s", kind: inequality, relation: "a^2 >= 0", relaton: "a >= 0" }\n`)).toEqual([
      '12:87: unknown field `relaton`; did you mean `relation`?',
    ]);
    expect(lint(`  - { id: "c:1", source: "1", statement: "s", kind: inequality, relaton: "a >= 0" }\n`)).toEqual([
      '12:65: unknown field `relaton`; did you mean `relation`?',
    ]);
  });
  it('inside corrected: unknown fields, and fields a reading cannot change', () => {
    expect(lint(`  - id: "c:1"
    source: "4"
    statement: "a^2 + b^2 >= 3ab (false)"
    kind: inequality
    relation: "a^2 + b^2 >= 3*a*b"
    corrected: { statement: "2ab", relaton: "a^2 + b^2 >= 2*a*b" }
  - { id: "c:2", source: "1", statement: "s", kind: inequality, relation: "a > 0", corrected: { statement: "t", id: "c:3", forAll: ["a > 1"] } }
`)).toEqual([
      '17:36: corrected: unknown field `relaton`; did you mean `relation`?',
      '18:113: corrected: `id` cannot be corrected (a corrected reading is the same claim, decided by the same procedure: it replaces printed data, statement and note)',
      '18:124: corrected: unknown field `forAll`; did you mean `forall`?',
    ]);
  });
  it('inside cases entries, options and examples', () => {
    expect(lint(`  - { id: "c:1", source: "1", statement: "s", kind: spectral-rate, drift: [["a"]], diffusion: [["1"]], sharp: true, cases: [{ when: "a > 1", rate: "2*a", slak: b }] }
  - { id: "c:2", source: "1", statement: "s", kind: inequality, relation: "a + b > 0", options: { dimension: [2] }, examples: [{ A: 1 }, { b: "x" }] }
`)).toEqual([
      '12:155: cases[0]: unknown field `slak`; did you mean `slack`?',
      '13:130: examples[0]: `A` is not a declared parameter; did you mean `a`?',
      '13:143: examples[1].b: "x" is not an exact number ("1/2", "0.1", 3)',
      '13:99: options: unknown option `dimension`; did you mean `dimensions`? (run settings: degree, dimensions, points, samples)',
    ]);
  });
  it('at the top level, in symbols, paper and included files', () => {
    expect(lint('', 'paper: { id: t, title: T }\nclaim: []\n')).toEqual(['2:1: unknown field `claim`; did you mean `claims`?']);
    expect(lint('', 'paper: { id: t, title: T }\nsymbols:\n  parameters:\n    a: { domian: "> 0" }\nclaims: []\n')).toEqual([
      '4:10: symbols.parameters.a: unknown field `domian`; did you mean `domain`?',
    ]);
    expect(lint('', 'paper: { id: t, title: T, Year: 2026 }\nclaims: []\n')).toEqual(['1:27: paper: unknown field `Year`; did you mean `year`?']);
    const part = file('symbols:\n  parameters:\n    c: { domain: "> 0" }\nclaim:\n  - { id: "c:1", source: "1", statement: "s", kind: inequality, relation: "c > 0" }\n');
    const errors = lintClaimFile(file(`paper: { id: t, title: T }\ninclude: ["${part}"]\nclaims: []\n`)).errors;
    expect(errors.map((e) => `${e.file.endsWith(part.split('/').pop()!)} ${e.line}:${e.col}: ${e.reason}`)).toEqual(['true 4:1: unknown field `claim`; did you mean `claims`?']);
  });
  it('kind: module records keep their own fields, but a near miss of a common field is an error', () => {
    const mod = `  - { id: "m:1", source: "1", statement: "s", kind: module, module: "m.ts#f", rate: "2*a", setup: { runs: 10, anything: 1 }, corrected: { statement: "t", rate: "a" } }\n`;
    // only the --allow-modules error: the module's own fields pass
    expect(lint(mod)).toEqual(['12:69: module: runs TypeScript (m.ts#f); pass --allow-modules to let it run']);
    expect(loadClaimFile(file(HEADER + mod), { allowModules: true }).claims[0].setup).toEqual({ runs: 10, anything: 1 });
    const typo = `  - { id: "m:1", source: "1", statement: "s", kind: module, module: "m.ts#f", forAll: ["a > 1"], threshold: "a", corrected: { statement: "t", treshold: "b", Uses: [] } }\n`;
    expect(lintClaimFile(file(HEADER + typo)).errors.map((e) => e.reason).filter((r) => !/allow-modules/.test(r))).toEqual([
      'corrected: unknown field `treshold`; did you mean `threshold`?',
      'corrected: unknown field `Uses`; did you mean `uses`?',
      'unknown field `forAll`; did you mean `forall`? (a module\'s own fields must not be near misses of the common ones)',
    ]);
  });
  it('the shipped papers, the init template and every kind\'s fields still load', async () => {
    for (const f of [PAPER_FILE, join(ROOT, 'proofs', 'arnold-erb-2014.claims.yaml'), join(ROOT, 'proofs', 'cheng-et-al-2018.claims.yaml'), join(ROOT, 'src', 'templates', 'example.claims.yaml')]) {
      expect(lintClaimFile(f).errors.map((e) => e.message)).toEqual([]);
    }
  });
  it('suggests within edit distance 2 or a different case, never a far name', () => {
    expect(editDistance('relaton', 'relation')).toBe(1);
    expect(editDistance('exmaples', 'examples')).toBe(1);
    expect(closestName('forAll', ['forall', 'uses'])).toBe('forall');
    expect(closestName('exist', ['exists', 'claims'])).toBe('exists');
    expect(closestName('sharpness', ['sharp', 'slack'])).toBeUndefined();
    expect(closestName('ab', ['id'])).toBeUndefined();
    // strict (a module's fields): `mean` is no near miss of `note`, `law` none of `uses`
    expect(closestName('mean', ['note', 'uses'], true)).toBeUndefined();
    expect(closestName('law', ['uses'], true)).toBeUndefined();
  });
});

describe('YAML aliases: an alias bomb is one line, exit 2', () => {
  const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
paper: { id: bad-x, title: "t", authors: [A], year: 2026 }
claims: []
`;
  it('lint and load answer a ClaimFileError at an alias', () => {
    const f = file(bomb);
    expect(() => loadClaimFile(f)).toThrow(ClaimFileError);
    const [e] = lintClaimFile(f).errors;
    expect([e.line, e.col]).toEqual([3, 8]);
    expect(e.reason).toMatch(/^YAML: aliases nested in aliases expand to too much data/);
  });
  it('an unresolved alias too', () => {
    const [e] = lintClaimFile(file('paper: { id: t, title: T }\nclaims:\n  - { id: "c:1", source: s, statement: s, kind: identity, lhs: *x, rhs: "1" }\n')).errors;
    expect(`${e.line}:${e.col}: ${e.reason}`).toBe('3:64: YAML: Unresolved alias (the anchor must be set before the alias): x');
  });
  it('in an included file', () => {
    const part = file(bomb.replace(/paper:.*\n/, ''));
    const [e] = lintClaimFile(file(`paper: { id: t, title: T }\ninclude: ["${part}"]\nclaims: []\n`)).errors;
    expect(e.file.endsWith(part.split('/').pop()!)).toBe(true);
    expect(e.reason).toMatch(/alias bomb/);
  });
  it('the CLI prints one FILE:LINE:COL line and exits 2 (lint and check)', () => {
    const f = file(bomb);
    for (const args of [['lint', f], ['check', f, '--report', join(dir, 'report'), '--backend', 'cpu']]) {
      const r = spawnSync(process.execPath, [join(ROOT, 'src', 'bin.mjs'), ...args], { encoding: 'utf8', cwd: ROOT });
      expect(r.status).toBe(2);
      const lines = (r.stdout + r.stderr).trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`${f.replace(/[.]/g, '\\.')}:3:8: YAML: aliases nested`));
      expect(lines[0]).not.toMatch(/internal error/);
    }
  }, 60_000);
});

describe('claim ids keep the paper\'s case', () => {
  it('the shipped paper numbers its Appendix in upper case (app:A.5), so ids are case-sensitive, not lower case', () => {
    const ids = loadClaimFile(PAPER_FILE, { validateKinds: false }).claims.map((c) => c.id);
    expect(ids).toContain('app:A.5');
    expect(lint(`  - { id: "C:1", source: "1", statement: "s", kind: inequality, relation: "a > 0" }\n`)).toEqual([]);
  });
  it('a use that differs only in case is an error that names the id', () => {
    expect(lint(`  - { id: "app:A.5", source: "1", statement: "s", kind: inequality, relation: "a > 0" }
  - { id: "c:2", source: "1", statement: "s", kind: inequality, relation: "b > 0", uses: ["App:A.5"] }
`)).toEqual(['13:91: uses "App:A.5", which is neither a claim nor a cited result (did you mean "app:A.5"?)']);
  });
});

describe('lint checks what used to fail only at check time', () => {
  it('an `exists` name that occurs in nothing claimed', () => {
    expect(lint(`  - { id: "c:1", source: "1", statement: "s", kind: matrix-inequality, exists: [zz], claims: ["A >= 0"] }\n`)).toEqual([
      '12:81: exists[0]: "zz" occurs in no claimed relation, matrix or definition: nothing is quantified (a typo?)',
    ]);
    // names used through the file's matrices or a record's definitions are fine
    expect(lint(`  - { id: "c:1", source: "1", statement: "s", kind: matrix-inequality, exists: [k], claims: ["N + transpose(N) >= 0"] }
  - { id: "c:2", source: "1", statement: "s", kind: matrix-inequality, exists: [C], define: ["c0 = C"], claims: ["A >= 0"], matrices: { A: [["c0", "0"], ["0", "1"]] } }
`)).toEqual([]);
  });
  it('a spectral-rate case whose `when` does not parse, an undeclared slack, a rate beside cases', () => {
    const sr = (rest: string) => `  - { id: "c:1", source: "1", statement: "s", kind: spectral-rate, drift: [["a"]], diffusion: [["1"]], sharp: true, ${rest} }\n`;
    expect(lint(sr('cases: [{ when: "a >", rate: "2*a" }]'))).toEqual(['12:133: cases[0].when: empty expression; expected a formula']);
    expect(lint(sr('cases: [{ when: "a > 1", rate: "2*a - b", slack: c }]'))).toEqual(['12:166: cases[0].slack: slack "c" is not a declared parameter']);
    expect(lint(sr('rate: "a", cases: [{ when: "a > 1", rate: "2*a" }]'))).toEqual(['12:123: rate: is not read when `cases` is given: give each case its rate']);
    expect(lint(sr('cases: [{ when: "a > 1", rate: "2*a" }, { when: "a <= 1", rate: "2*a" }]'))).toEqual([]);
  });
  it('a corrected reading is checked like its record', () => {
    expect(lint(`  - { id: "c:1", source: "1", statement: "s", kind: inequality, relation: "a > 0", corrected: { statement: "t", relation: "a >" } }
  - { id: "c:2", source: "1", statement: "s", kind: formula-identity, lhs: "a", rhs: "a", corrected: { statement: "t", define: ["mu = zz"], lhs: "mu" } }
  - { id: "c:3", source: "1", statement: "s", kind: inequality, relation: "a > 0", corrected: { statement: "t", relation: 3 } }
`)).toEqual([
      '12:123: corrected: relation: empty expression; expected a formula',
      '13:146: corrected: lhs: undefined symbol "zz" (declare it under symbols.parameters)',
      '14:123: claims[2].corrected.relation: Invalid input: expected string, received number',
    ]);
  });
});
