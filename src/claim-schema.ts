/**
 * The schema of claim files (issue 10), in zod: the common fields of every file and claim. Each
 * kind's own fields are the `fields` schema of its procedure (src/procedures/). `src/claims.schema.json`
 * is generated from these (`claimsJsonSchema`) so editors can autocomplete claim files.
 */
import { z, type ZodType } from 'zod';

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

/**
 * A claim id: a letter, then letters, digits and `_ . : + -`. Case is kept, as the paper numbers
 * it (`app:A.5`, `eq:4.4:P`); by convention the prefix (`eq:`, `thm:`, `lem:`, `app:`) is lower case.
 */
const idSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_.:+-]*$/, 'an id like "eq:2.3" or "thm:3.1:case1"');

const forallSchema = z.array(z.string().min(1)).describe('extra hypotheses, as printed: relations in the parameters');
const defineSchema = z.array(z.string().min(1)).describe('record-level definitions, as printed ("mu = gamma/2"); they shadow the file\'s');
const examplesSchema = z.array(z.record(z.string(), z.union([z.string(), z.number()]))).describe('parameter points tried first: { parameter: value }');
const optionsSchema = z.record(z.string(), z.unknown()).describe('run settings, not printed data');
/** A change of parameters (`eta = a^4`), not printed data: it must map onto the domain. */
const substituteSchema = z.array(z.string().min(1));

/**
 * The run settings the generic procedures read from `options` (degree: integral-inequality;
 * dimensions: identity and the kinds built on it, integral-inequality; points, samples:
 * integral-inequality, expectation-bound). A `kind: module` record's options are its module's own.
 */
export const runOptionsSchema = z.strictObject({
  degree: z.number().int().min(1).optional(),
  dimensions: z.array(z.number().int().min(1)).min(1).optional(),
  points: z.number().int().min(1).optional(),
  samples: z.number().int().min(1).optional(),
});

/**
 * A corrected statement or a reading: its statement and note, and fields that replace the
 * printed ones (the kind's own fields, or these common ones); decided by the same procedure.
 */
export const correctedSchema = z.looseObject({
  statement: z.string().min(1),
  note: z.string().optional(),
  reading: z.string().optional(),
  forall: forallSchema.optional(),
  define: defineSchema.optional(),
  examples: examplesSchema.optional(),
  options: optionsSchema.optional(),
  substitute: substituteSchema.optional(),
});

/** The fields every claim has; kind-specific fields pass through to the procedure's schema. */
export const claimCommonSchema = z.looseObject({
  id: idSchema,
  source: z.string().min(1, 'where it is printed, e.g. "(2.3)" or "Theorem 3.1"'),
  statement: z.string().min(1, 'the statement as printed (LaTeX)'),
  kind: z.string().min(1),
  title: z.string().optional(),
  uses: z.array(z.string().min(1)).optional(),
  forall: forallSchema.optional(),
  define: defineSchema.optional(),
  examples: examplesSchema.optional(),
  corrected: correctedSchema.optional(),
  module: z.string().optional(),
  options: optionsSchema.optional(),
  note: z.string().optional(),
  deliberatelyWrong: z.boolean().optional(),
  reading: z.string().optional(),
  substitute: substituteSchema.optional(),
});

/**
 * Fields a procedure reads that its `fields` schema (src/procedures/) does not declare yet, by
 * kind: `vacuous-claim` shares `norm-inequality`'s decision, which reads `dimension`.
 */
export const KIND_EXTRA_FIELDS: Readonly<Record<string, Readonly<Record<string, ZodType>>>> = {
  'vacuous-claim': { dimension: z.union([z.number().int().positive(), z.array(z.number().int().positive())]) },
};

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

// ---------------------------------------------------------------- unknown fields

/** The zod definition of a schema (zod 4 keeps it on `_zod.def`). */
interface Def {
  type: string;
  innerType?: ZodType;
  in?: ZodType;
  element?: ZodType;
  valueType?: ZodType;
  shape?: Record<string, ZodType>;
  options?: ZodType[];
  left?: ZodType;
  right?: ZodType;
  items?: ZodType[];
  getter?: () => ZodType;
}

const defOf = (schema: ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema with optional/default/pipe/lazy wrappers removed. */
function unwrap(schema: ZodType): ZodType {
  for (let k = 0; k < 32; k++) {
    const def = defOf(schema);
    if (WRAPPERS.has(def.type) && def.innerType) schema = def.innerType;
    else if (def.type === 'pipe' && def.in) schema = def.in;
    else if (def.type === 'lazy' && def.getter) schema = def.getter();
    else break;
  }
  return schema;
}

/** The fields of an object schema, by name (undefined when the schema is not an object). */
export function shapeOf(schema: ZodType): Record<string, ZodType> | undefined {
  const def = defOf(unwrap(schema));
  return def.type === 'object' ? def.shape : undefined;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The schema of the value at `path` inside data of `schema` (undefined where it is not known). */
export function schemaAt(schema: ZodType, path: readonly (string | number)[]): ZodType | undefined {
  let s: ZodType | undefined = schema;
  for (const key of path) {
    if (!s) return undefined;
    const def = defOf(unwrap(s));
    if (def.type === 'object') s = typeof key === 'string' ? def.shape?.[key] : undefined;
    else if (def.type === 'array') s = def.element;
    else if (def.type === 'record') s = def.valueType;
    else return undefined;
  }
  return s;
}

/** A field that no schema declares: where (the object's path), its name, and the names known there. */
export interface UnknownField {
  path: (string | number)[];
  key: string;
  known: string[];
}

/**
 * Every key of `data` that `schema` does not declare, in nested objects too (arrays, records,
 * unions followed). Every object is closed here, whatever its zod mode (a `looseObject` passes
 * fields through to a later schema; the caller decides which objects stay open).
 */
export function unknownFields(schema: ZodType, data: unknown, path: (string | number)[] = [], out: UnknownField[] = []): UnknownField[] {
  const s = unwrap(schema);
  const def = defOf(s);
  if (def.type === 'object' && isPlainObject(data)) {
    const shape = def.shape ?? {};
    for (const [key, value] of Object.entries(data)) {
      if (Object.hasOwn(shape, key)) unknownFields(shape[key], value, [...path, key], out);
      else out.push({ path, key, known: Object.keys(shape) });
    }
  } else if (def.type === 'array' && Array.isArray(data) && def.element) {
    data.forEach((x, i) => unknownFields(def.element!, x, [...path, i], out));
  } else if (def.type === 'tuple' && Array.isArray(data)) {
    (def.items ?? []).forEach((item, i) => unknownFields(item, data[i], [...path, i], out));
  } else if (def.type === 'record' && isPlainObject(data) && def.valueType) {
    for (const [key, value] of Object.entries(data)) unknownFields(def.valueType, value, [...path, key], out);
  } else if (def.type === 'intersection') {
    if (def.left) unknownFields(def.left, data, path, out);
    if (def.right) unknownFields(def.right, data, path, out);
  } else if (def.type === 'union') {
    // the option the data fits, the object option declaring most of its keys first
    const fits = (def.options ?? []).filter((o) => o.safeParse(data).success);
    const declared = (o: ZodType) => (isPlainObject(data) ? Object.keys(data).filter((k) => Object.hasOwn(shapeOf(o) ?? {}, k)).length : 0);
    const best = fits.sort((a, b) => declared(b) - declared(a))[0];
    if (best) unknownFields(best, data, path, out);
  }
  return out;
}

/** Optimal string alignment distance (a transposition counts 1). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known name closest to `name`: equal but for case, else within edit distance 2 (1 for
 * names of 4 characters or fewer, so `id` is no suggestion for `ab`). `strict`: within 1, and 2
 * only when both names have at least 6 characters — a near miss that is an error on its own.
 */
export function closestName(name: string, known: Iterable<string>, strict = false): string | undefined {
  const names = [...known].filter((k) => k !== name);
  const folded = names.find((k) => k.toLowerCase() === name.toLowerCase());
  if (folded) return folded;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of names) {
    const shorter = Math.min(k.length, name.length);
    const limit = strict ? (shorter >= 6 ? 2 : 1) : shorter <= 4 ? 1 : 2;
    if (shorter < 3) continue;
    const d = editDistance(name, k);
    if (d <= limit && d < bestD) [best, bestD] = [k, d];
  }
  return best;
}

/** `unknown field \`forAll\`; did you mean \`forall\`?` */
export function unknownFieldMessage(key: string, known: Iterable<string>, what = 'field'): string {
  const near = closestName(key, known);
  return `unknown ${what} \`${key}\`${near ? `; did you mean \`${near}\`?` : ''}`;
}
