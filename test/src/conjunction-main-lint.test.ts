// Bug: `paper.main` naming an unknown id linted ok and the main result vanished from the headline.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { lintClaimFile } from '../../src/claim-file.ts';

const file = (main: string) => `paper:
  id: main-lint
  title: "t"
  authors: [R]
  year: 2026
  main: ${main}
symbols:
  parameters:
    a: { domain: "> 0" }
claims:
  - { id: "p:ref", source: x, statement: x, kind: inequality, relation: "a^2 + 1 > 2*a" }
  - { id: "thm:main", source: x, statement: x, kind: conjunction, uses: ["p:ref"] }
`;

function lint(main: string) {
  const dir = mkdtempSync(join(tmpdir(), 'hc-main-'));
  const path = join(dir, 'm.claims.yaml');
  writeFileSync(path, file(main));
  return lintClaimFile(path);
}

describe('paper.main lint', () => {
  it('an unknown main result is an error with a did-you-mean, at its place', () => {
    const { errors } = lint('["thm:main", "thm:mian"]');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('paper.main names "thm:mian", which is not a claim of the file (did you mean "thm:main"?)');
    expect(errors[0].line).toBe(6);
  });
  it('an id far from every claim is an error without a suggestion', () => {
    const { errors } = lint('["thm:main", "c:typo"]');
    expect(errors.map((e) => e.message).join('\n')).toMatch(/paper.main names "c:typo", which is not a claim of the file$/m);
  });
  it('known main results lint clean', () => {
    expect(lint('["thm:main"]').errors).toEqual([]);
  });
});
