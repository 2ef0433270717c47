import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ClaimFileError, findCycle, lintClaimFile, loadClaimFile } from '../../src/claim-file.ts';
import { TEMPLATE_FILE } from '../../src/commands/files.ts';

const BAD = join(import.meta.dirname, '..', 'fixtures', 'claim-files', 'bad');

// Each malformed file: the first error's line, column and message (what the user sees as FILE:LINE:COL: …).
const CASES: [string, number, number, string][] = [
  ['01-yaml-syntax.claims.yaml', 2, 1, "YAML: Flow map in block collection must be sufficiently indented and end with a }"],
  ['02-no-claims.claims.yaml', 1, 1, "claims: missing field (expected array, received undefined)"],
  ['03-no-paper.claims.yaml', 1, 1, "paper: missing field (expected object, received undefined)"],
  ['04-unknown-kind.claims.yaml', 11, 55, "unknown kind \"frobnicate\" (known: "],
  ['05-undefined-symbol.claims.yaml', 11, 78, "lhs: undefined symbol \"zeta\" (declare it under symbols.parameters)"],
  ['06-missing-field.claims.yaml', 11, 5, "claims[0].rhs: missing field (expected string, received undefined)"],
  ['07-duplicate-id.claims.yaml', 12, 11, "duplicate claim id \"c:1\" (first at "],
  ['08-unknown-use.claims.yaml', 11, 92, "uses \"c:9\", which is neither a claim nor a cited result"],
  ['09-cycle.claims.yaml', 11, 91, "cycle in uses: c:1 \u2192 c:2 \u2192 c:1"],
  ['10-empty-domain.claims.yaml', 4, 18, "domain of a is empty: (1, 0)"],
  ['11-bad-domain.claims.yaml', 4, 18, "domain of a: expected \"> 0\", \">= 0\", \"(0, 1)\", \"[0, 1)\", \"real\" or \"integer >= 1\", got \"positive\""],
  ['12-bad-relation.claims.yaml', 11, 77, "relation: expected a relation (<, <=, =, >=, >, !=) in \"a + 1\""],
  ['13-irrational-root.claims.yaml', 11, 78, "lhs: fractional power 1/3 in \"b^(1/3)\": only square roots and k-th roots of monomials in non-negative parameters are exact; introduce a parameter for the root (e.g. eta = a^4 with a > 0)"],
  ['14-degree-limit.claims.yaml', 11, 78, "lhs: degree limit 60 exceeded in \"(a+1)^100000\""],
  ['15-unknown-function.claims.yaml', 11, 78, "lhs: function \"sin\" is not allowed in a parameter expression (\"sin(a)\"); allowed: sqrt"],
  ['16-not-square.claims.yaml', 11, 82, "claims: \"B >= 0\" is not square"],
  ['17-ragged-matrix.claims.yaml', 11, 77, "lhs: matrix B: row 2 has 1 entries, row 1 has 2"],
  ['18-size-mismatch.claims.yaml', 11, 77, "lhs: cannot multiply 2\u00d72 by 3\u00d73"],
  ['19-module-not-allowed.claims.yaml', 11, 71, "module: runs TypeScript (checks.ts#f); pass --allow-modules to let it run"],
  ['20-bad-module-spec.claims.yaml', 11, 71, "claims[0].module: module: \"file.ts#exportName\""],
  ['21-bad-id.claims.yaml', 11, 11, "claims[0].id: an id like \"eq:2.3\" or \"thm:3.1:case1\""],
  ['22-empty-statement.claims.yaml', 11, 44, "claims[0].statement: the statement as printed (LaTeX)"],
  ['23-variable-in-parameter-claim.claims.yaml', 11, 77, "relation: \"x\" is a space variable; a parameter expression is expected here"],
  ['24-missing-include.claims.yaml', 2, 11, "include \"missing.claims.yaml\": no such file"],
  ['25-duplicate-key.claims.yaml', 5, 5, "YAML: Map keys must be unique"],
  ['26-unknown-top-field.claims.yaml', 3, 1, "unknown field `extra`"],
  ['27-unbalanced.claims.yaml', 11, 78, "lhs: cannot parse \"(a + 1\": Parenthesis ) expected"],
  ['28-division-by-zero.claims.yaml', 11, 78, "lhs: division by zero in \"a/0\""],
  ['29-too-long.claims.yaml', 11, 78, "lhs: expression longer than 4000 characters"],
  ['30-conjunction-without-uses.claims.yaml', 11, 5, "claims[0].uses: missing field (expected array, received undefined)"],
  ['31-self-definition.claims.yaml', 11, 101, "lhs: definition u refers to itself"],
  ['32-unknown-matrix.claims.yaml', 11, 82, "claims: \"Z \" names no matrix (known: A)"],
  ['33-strict-relation-in-matrix.claims.yaml', 11, 82, "claims: \"A = 0\": expected \"A >= 0\", \"A > 0\", \"A >= B\" or \"A <= B\""],
];

describe('claim files: malformed input gets one FILE:LINE:COL line', () => {
  it('has at least 25 malformed fixtures', () => expect(CASES.length).toBeGreaterThanOrEqual(25));
  for (const [file, line, col, reason] of CASES) {
    it(`${file} → ${line}:${col}`, () => {
      const { errors } = lintClaimFile(join(BAD, file));
      expect(errors.length).toBeGreaterThan(0);
      const e = errors[0];
      expect([e.line, e.col]).toEqual([line, col]);
      expect(e.reason.startsWith(reason)).toBe(true);
      expect(e.message).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:${line}:${col}: `));
    });
  }
  it('throws ClaimFileError (never a stack) when loading a bad file', () => {
    expect(() => loadClaimFile(join(BAD, '05-undefined-symbol.claims.yaml'))).toThrow(ClaimFileError);
  });
  it('finds cycles in uses', () => {
    expect(findCycle([{ id: 'a', source: '', statement: '', kind: 'k', uses: ['b'] }, { id: 'b', source: '', statement: '', kind: 'k', uses: ['a'] }])).toEqual(['a', 'b', 'a']);
  });
});

describe('claim files: the init template', () => {
  it('passes lint with no errors', () => {
    expect(lintClaimFile(TEMPLATE_FILE).errors).toEqual([]);
  });
  it('merges included fragments and their symbols', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-'));
    writeFileSync(join(dir, 'main.claims.yaml'), 'paper: { id: t, title: T }\nsymbols:\n  parameters:\n    a: { domain: "> 0" }\ninclude: ["parts/*.claims.yaml"]\nclaims: []\n');
    const parts = join(dir, 'parts');
    mkdirSync(parts);
    writeFileSync(join(parts, 'one.claims.yaml'), 'symbols:\n  parameters:\n    b: { domain: "> 0" }\nclaims:\n  - { id: "c:1", source: "(1)", statement: "s", kind: identity, lhs: "a*b", rhs: "b*a" }\n');
    const set = loadClaimFile(join(dir, 'main.claims.yaml'));
    expect(set.claims.map((c) => c.id)).toEqual(['c:1']);
    expect(Object.keys(set.symbols.parameters).sort()).toEqual(['a', 'b']);
    expect(set.claims[0].pos).toMatchObject({ line: 5, col: 5 });
  });
});

describe('claim files: the shipped JSON Schema', () => {
  it('is in sync with the zod schemas and every registered kind (npm run schema)', async () => {
    const { claimsJsonSchemaText, SCHEMA_FILE } = await import('../../src/claims-json-schema.ts');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(claimsJsonSchemaText());
  });
});
