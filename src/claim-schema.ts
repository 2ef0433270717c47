/**
 * The schema of claim files (issue 10), in zod: the common fields of every file and claim. Each
 * kind's own fields are the `fields` schema of its procedure (src/procedures/). `src/claims.schema.json`
 * is generated from these (`claimsJsonSchema`) so editors can autocomplete claim files.
 */
import { z } from 'zod';

const name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name: letters, digits and _');

export const parameterSchema = z.strictObject({
  domain: z.string().describe('as printed: "> 0", ">= 0", "(0, 1)", "[0, 1)", "real", "integer >= 1"'),
  latex: z.string().optional(),
});

export const symbolsSchema = z.strictObject({
  parameters: z.record(name, parameterSchema).default({}),
  variables: z.record(name, z.strictObject({ vector: z.boolean().optional(), latex: z.string().optional() })).default({}),
  functions: z
    .record(name, z.strictObject({ args: z.array(name).min(1, 'a function needs at least one argument'), vector: z.boolean().optional(), latex: z.string().optional() }))
    .default({}),
  dimension: z
    .strictObject({
      name: name.default('d'),
      check: z.union([z.literal('all'), z.array(z.number().int().min(1).max(12)).min(1)]).default('all'),
    })
    .optional(),
  definitions: z.array(z.string().min(1)).default([]),
  matrices: z.record(name, z.array(z.array(z.union([z.string(), z.number()]).transform(String)).min(1)).min(1)).optional(),
});

export const citedSchema = z.strictObject({
  id: z.string().min(1),
  bib: z.string().min(1),
  statement: z.string().min(1),
});

const idSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:+-]*$/, 'an id like "eq:2.3" or "thm:3.1:case1"');

/** The fields every claim has; kind-specific fields pass through to the procedure's schema. */
export const claimCommonSchema = z.looseObject({
  id: idSchema,
  source: z.string().min(1, 'where it is printed, e.g. "(2.3)" or "Theorem 3.1"'),
  statement: z.string().min(1, 'the statement as printed (LaTeX)'),
  kind: z.string().min(1),
  title: z.string().optional(),
  uses: z.array(z.string().min(1)).optional(),
  forall: z.array(z.string().min(1)).optional(),
  examples: z.array(z.record(z.string(), z.union([z.string(), z.number()]))).optional(),
  corrected: z.looseObject({ statement: z.string().min(1), note: z.string().optional() }).optional(),
  module: z.string().optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  note: z.string().optional(),
  deliberatelyWrong: z.boolean().optional(),
  reading: z.string().optional(),
  /** A change of parameters (`eta = a^4`), not printed data: it must map onto the domain. */
  substitute: z.array(z.string().min(1)).optional(),
});

export const paperSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a short id like "zhu-ying-2021"'),
  title: z.string().min(1),
  authors: z.array(z.string()).default([]),
  year: z.number().int().optional(),
  bib: z.string().optional(),
  /** The main results: the report's headline says whether each is established. */
  main: z.array(z.string()).optional(),
});

export const claimFileSchema = z.strictObject({
  $schema: z.string().optional(),
  paper: paperSchema,
  symbols: symbolsSchema.default({ parameters: {}, variables: {}, functions: {}, definitions: [] }),
  cited: z.array(citedSchema).optional(),
  include: z.array(z.string().min(1)).optional(),
  claims: z.array(claimCommonSchema).max(5000),
});

/** A file reached through `include:`: claims, and optionally more symbols and cited results. */
export const includeFileSchema = z.strictObject({
  symbols: symbolsSchema.partial().optional(),
  cited: z.array(citedSchema).optional(),
  claims: z.array(claimCommonSchema).default([]),
});

export type ClaimFileData = z.infer<typeof claimFileSchema>;
