/**
 * The claim-file loader (issue 10): `*.claims.yaml` → `ClaimSet` (src/claim-record.ts).
 *
 * A claim file is untrusted data: nothing in it is evaluated as JavaScript; every problem is one
 * `ClaimFileError` whose message reads `FILE:LINE:COL: what is wrong` (the CLI prints it and
 * exits 2). Checks, in order: YAML syntax and aliases (an alias bomb is an error, not a crash);
 * the common schema (src/claim-schema.ts); `include:` files merged (duplicate symbols or ids are
 * errors naming both places); parameter domains; unknown fields of each record, nested objects
 * included (`fieldProblems`: the closest known field is suggested); per-kind fields (the
 * procedure's zod schema) and the procedure's own `validate` (undefined symbols, non-polynomial
 * input, wrong arity) with the checks it lacks (`KIND_CHECKS`), then the same for the record's
 * `corrected` reading; `uses` that name nothing; cycles in `uses`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument, isAlias, isMap, isScalar, visit, type Document, type Node as YamlNode } from 'yaml';
import type { ZodError, ZodType } from 'zod';
import { correctedRecord, type ClaimRecord, type ClaimSet, type CitedResult, type Symbols } from './claim-record.ts';
import {
  claimCommonSchema,
  claimFileSchema,
  closestName,
  correctedSchema,
  includeFileSchema,
  KIND_EXTRA_FIELDS,
  runOptionsSchema,
  schemaAt,
  shapeOf,
  unknownFieldMessage,
  unknownFields,
  type ClaimFileData,
} from './claim-schema.ts';
import { getProcedure, procedureKinds, type Procedure } from './procedures/index.ts';
import { langSymbols, recordDomain } from './procedures/common.ts';
import { hypothesisFormula, parseDomain } from '../symbolic/lang/param.ts';
import { LangError } from '../symbolic/lang/index.ts';
import { Rational } from '../symbolic/rational.ts';

/** Limits on untrusted input. */
export const FILE_LIMITS = {
  /** Bytes of one file. */
  bytes: 2 * 1024 * 1024,
  /** Claims in one set. */
  claims: 5000,
  /** Files reached through include. */
  includes: 200,
} as const;

/** One problem in a claim file, with its place. */
export class ClaimFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${col}: ${reason}`);
    this.name = 'ClaimFileError';
  }
}

export interface LoadOptions {
  /** Let `module:` claims run (the shipped paper always may). @defaultValue false */
  allowModules?: boolean;
  /** Collect every error instead of throwing at the first (lint). @defaultValue false */
  collect?: boolean;
  /** Ids defined elsewhere that `uses` may name (the paper's TypeScript claims). */
  knownIds?: readonly string[];
  /**
   * Run each kind's own validation (fields, expressions parsed and checked). Off only for a
   * listing of a file that is validated where it is checked (`list` of the shipped paper). @defaultValue true
   */
  validateKinds?: boolean;
}

/** A parsed YAML file with a way to place a path inside it. */
interface Parsed {
  file: string;
  shown: string;
  doc: Document;
  lines: LineCounter;
}

function shownPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

function placeOf(p: Parsed, path: readonly (string | number)[]): { line: number; col: number } {
  // The deepest node that exists along the path.
  for (let k = path.length; k >= 0; k--) {
    const node = p.doc.getIn(path.slice(0, k), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) {
      const pos = p.lines.linePos(node.range[0]);
      return { line: pos.line, col: pos.col };
    }
  }
  return { line: 1, col: 1 };
}

function errorAt(p: Parsed, path: readonly (string | number)[], reason: string): ClaimFileError {
  const { line, col } = placeOf(p, path);
  return new ClaimFileError(p.shown, line, col, reason);
}

/** Where the key `key` of the mapping at `path` is written (else where the mapping is). */
function keyPlace(p: Parsed, path: readonly (string | number)[], key: string): { line: number; col: number } {
  const node = p.doc.getIn(path, true);
  if (isMap(node)) {
    const pair = node.items.find((it) => (isScalar(it.key) ? String(it.key.value) : String(it.key)) === key);
    const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = p.lines.linePos(range[0]);
      return { line: pos.line, col: pos.col };
    }
  }
  return placeOf(p, path);
}

function errorAtKey(p: Parsed, path: readonly (string | number)[], key: string, reason: string): ClaimFileError {
  const { line, col } = keyPlace(p, path, key);
  return new ClaimFileError(p.shown, line, col, reason);
}

/** `claims[0].corrected: ` — the path of a message, as zod's errors name it. */
function pathText(path: readonly (string | number)[]): string {
  return path.length ? `${path.map((x) => (typeof x === 'number' ? `[${x}]` : `.${x}`)).join('').replace(/^\./, '')}: ` : '';
}

/** The plain data of a parsed file; an alias bomb or an unresolved alias is an error at the alias. */
function dataOf(p: Parsed): unknown {
  try {
    return p.doc.toJS();
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    // The alias to blame: an unresolved one, else the first whose target holds aliases itself.
    const aliases: YamlNode[] = [];
    visit(p.doc, { Alias: (_k, node) => void aliases.push(node) });
    const unresolved = aliases.find((a) => isAlias(a) && !a.resolve(p.doc));
    const nested = aliases.find((a) => {
      const target = isAlias(a) ? a.resolve(p.doc) : undefined;
      let inner = false;
      if (target) visit(target, { Alias: () => ((inner = true), visit.BREAK) });
      return inner;
    });
    const at = (/Unresolved alias/.test(message) ? unresolved : nested) ?? aliases[0];
    const pos = at?.range ? p.lines.linePos(at.range[0]) : { line: 1, col: 1 };
    const reason = /Excessive alias count/.test(message)
      ? 'YAML: aliases nested in aliases expand to too much data (more than 100 alias expansions; an alias bomb?): write the data out'
      : `YAML: ${message.split('\n')[0]}`;
    throw new ClaimFileError(p.shown, pos.line, pos.col, reason);
  }
}

function readYaml(file: string): Parsed {
  const shown = shownPath(file);
  let text: string;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new ClaimFileError(shown, 1, 1, 'is a directory, not a claim file');
    if (st.size > FILE_LIMITS.bytes) throw new ClaimFileError(shown, 1, 1, `file larger than ${FILE_LIMITS.bytes} bytes`);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ClaimFileError) throw err;
    const code = (err as { code?: string }).code;
    throw new ClaimFileError(shown, 1, 1, code === 'ENOENT' ? 'no such file' : `cannot read: ${(err as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const p: Parsed = { file, shown, doc, lines };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const pos = lines.linePos(e.pos[0]);
    throw new ClaimFileError(shown, pos.line, pos.col, `YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '')}`);
  }
  if (!isMap(doc.contents)) throw new ClaimFileError(shown, 1, 1, 'expected a mapping with `paper`, `symbols` and `claims`');
  return p;
}

/** The first issue of a zod error as a FILE:LINE:COL error; `schema` names the known fields of an unknown one. */
function zodToError(p: Parsed, err: ZodError, prefix: readonly (string | number)[] = [], schema?: ZodType): ClaimFileError {
  // an unknown field first: a misspelled `domian` is named as such, not as the missing `domain`
  const issue = err.issues.find((i) => i.code === 'unrecognized_keys') ?? err.issues[0];
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const where = pathText(path);
  let message = issue.message;
  if (issue.code === 'invalid_type' && /received undefined/.test(message)) message = `missing field (${message.replace(/^Invalid input: /, '')})`;
  // a union (a number or a list, …): say what each alternative expects, and whether the field is missing
  if (issue.code === 'invalid_union') {
    const branches = ((issue as { errors?: { code: string; message: string; expected?: string }[][] }).errors ?? []).map((b) => b[0]).filter(Boolean);
    if (branches.length && branches.every((b) => b.code === 'invalid_type')) {
      const expected = [...new Set(branches.map((b) => b.expected ?? '?'))].join(' or ');
      message = branches.every((b) => /received undefined/.test(b.message)) ? `missing field (expected ${expected})` : `expected ${expected}`;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    const at = schema ? schemaAt(schema, issue.path as (string | number)[]) : undefined;
    const known = Object.keys((at && shapeOf(at)) ?? {});
    return errorAtKey(p, path, issue.keys[0], `${where}${issue.keys.map((k) => unknownFieldMessage(k, known)).join('; ')}`);
  }
  return errorAt(p, path, `${where}${message}`);
}

/** Files matched by an include pattern (`dir/*.claims.yaml`; `*` within one path segment). */
function expandInclude(base: string, pattern: string): string[] {
  const full = resolve(base, pattern);
  if (!pattern.includes('*')) return [full];
  const dir = dirname(full);
  const re = new RegExp(`^${basename(full).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => re.test(n)).sort().map((n) => join(dir, n));
}

/** Words the expression parser reads as constants, not as symbols. */
const RESERVED_NAMES = new Set(['true', 'false', 'null', 'undefined', 'Infinity', 'NaN']);

/** Where each claim id and symbol came from, to name both places of a duplicate. */
interface Origin {
  p: Parsed;
  path: (string | number)[];
}

function emptySymbols(): Symbols {
  return { parameters: {}, variables: {}, functions: {}, definitions: [] };
}

function mergeSymbols(into: Symbols, from: Partial<Symbols> | undefined, p: Parsed, origins: Map<string, Origin>): void {
  if (!from) return;
  into.matrices ??= {};
  for (const group of ['parameters', 'variables', 'functions', 'matrices'] as const) {
    for (const [name, decl] of Object.entries(from[group] ?? {})) {
      const key = `symbol:${name}`;
      const prev = origins.get(key);
      if (prev) {
        const a = placeOf(prev.p, prev.path);
        throw errorAt(p, ['symbols', group, name], `symbol "${name}" is declared twice (first at ${prev.p.shown}:${a.line}:${a.col})`);
      }
      origins.set(key, { p, path: ['symbols', group, name] });
      (into[group] as Record<string, unknown>)[name] = decl;
    }
  }
  if (from.dimension) {
    if (into.dimension && JSON.stringify(into.dimension) !== JSON.stringify(from.dimension)) throw errorAt(p, ['symbols', 'dimension'], 'a second, different `dimension` declaration');
    into.dimension = from.dimension;
  }
  into.definitions.push(...(from.definitions ?? []));
}

/** Normalise the dimension declaration's defaults. */
function normaliseSymbols(s: Symbols): Symbols {
  if (s.dimension) s.dimension = { name: s.dimension.name ?? 'd', check: s.dimension.check ?? 'all' };
  return s;
}

/** A problem in a record's fields: a path inside the record, the key it names (placed at the key), the message. */
interface FieldProblem {
  path: (string | number)[];
  key?: string;
  message: string;
}

const COMMON_FIELDS = shapeOf(claimCommonSchema)!;
const CORRECTED_FIELDS = shapeOf(correctedSchema)!;
const RUN_OPTIONS = Object.keys(shapeOf(runOptionsSchema)!);
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Fields of a record that nothing reads. A record's fields are the common ones
 * (src/claim-schema.ts) and its kind's (the procedure's `fields`), and every object inside them is
 * closed: `cases` entries, `corrected` (the kind's fields and the common ones a reading may
 * replace), `options` (the run settings the procedures read), `examples` (declared parameters).
 * A `kind: module` record passes its own fields to its TypeScript module, so there only a near
 * miss of a common field (`forAll`, `exmaples`) is an error.
 */
function fieldProblems(record: Record<string, unknown>, proc: Procedure, set: ClaimSet): FieldProblem[] {
  const out: FieldProblem[] = [];
  const isModule = proc.kind === 'module';
  const kindFields = shapeOf(proc.fields) ?? {};
  const extra = KIND_EXTRA_FIELDS[proc.kind] ?? {};
  const known: Record<string, ZodType> = { ...COMMON_FIELDS, ...kindFields, ...extra };
  const { module: _module, ...kindFieldsButModule } = kindFields;
  const knownCorrected: Record<string, ZodType> = { ...CORRECTED_FIELDS, ...kindFieldsButModule, ...extra };
  const parameters = Object.keys(set.symbols.parameters);
  const unknownAt = (path: (string | number)[], key: string, names: Iterable<string>, what = 'field') => out.push({ path, key, message: `${pathText(path)}${unknownFieldMessage(key, names, what)}` });

  const checkValue = (key: string, schema: ZodType, value: unknown, path: (string | number)[]) => {
    if (key === 'options') {
      if (isModule || !isObject(value)) return;
      for (const k of Object.keys(value)) if (!RUN_OPTIONS.includes(k)) out.push({ path, key: k, message: `${pathText(path)}${unknownFieldMessage(k, RUN_OPTIONS, 'option')} (run settings: ${RUN_OPTIONS.join(', ')})` });
      const r = runOptionsSchema.safeParse(value);
      if (!r.success && !r.error.issues.some((i) => i.code === 'unrecognized_keys')) {
        const issue = r.error.issues[0];
        out.push({ path: [...path, ...(issue.path as (string | number)[])], message: `${pathText([...path, ...(issue.path as (string | number)[])])}${issue.message}` });
      }
      return;
    }
    if (key === 'examples') {
      if (!Array.isArray(value)) return;
      value.forEach((point, i) => {
        if (!isObject(point)) return;
        for (const [name, v] of Object.entries(point)) {
          if (!parameters.includes(name)) {
            const near = closestName(name, parameters);
            out.push({ path: [...path, i], key: name, message: `${pathText([...path, i])}\`${name}\` is not a declared parameter${near ? `; did you mean \`${near}\`?` : ''}` });
          } else if (!exactNumber(v)) {
            out.push({ path: [...path, i, name], message: `${pathText([...path, i, name])}${JSON.stringify(v)} is not an exact number ("1/2", "0.1", 3)` });
          }
        }
      });
      return;
    }
    if (Object.hasOwn(extra, key)) {
      // a field its procedure reads but does not declare: its type is checked here
      const r = extra[key].safeParse(value);
      if (!r.success) out.push({ path, message: `${pathText(path)}${r.error.issues[0].message}` });
    }
    for (const u of unknownFields(schema, value, path)) unknownAt(u.path, u.key, u.known);
  };

  for (const [key, value] of Object.entries(record)) {
    if (!Object.hasOwn(known, key)) {
      if (!isModule) unknownAt([], key, Object.keys(known));
      else {
        const near = closestName(key, Object.keys(COMMON_FIELDS), true);
        if (near) out.push({ path: [], key, message: `unknown field \`${key}\`; did you mean \`${near}\`? (a module's own fields must not be near misses of the common ones)` });
      }
      continue;
    }
    if (key === 'corrected' && isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (Object.hasOwn(knownCorrected, k)) checkValue(k, knownCorrected[k], v, ['corrected', k]);
        else if (Object.hasOwn(known, k)) out.push({ path: ['corrected'], key: k, message: `corrected: \`${k}\` cannot be corrected (a corrected reading is the same claim, decided by the same procedure: it replaces printed data, statement and note)` });
        else if (!isModule) unknownAt(['corrected'], k, Object.keys(knownCorrected));
        else if (!Object.hasOwn(record, k)) {
          // a module's corrected fields replace its printed ones: a near miss of one is a typo
          const near = closestName(k, [...Object.keys(COMMON_FIELDS), ...Object.keys(record).filter((r) => !Object.hasOwn(COMMON_FIELDS, r))], true);
          if (near) out.push({ path: ['corrected'], key: k, message: `corrected: unknown field \`${k}\`; did you mean \`${near}\`?` });
        }
      }
      continue;
    }
    checkValue(key, known[key], value, [key]);
  }
  return out;
}

/** An exact number as `examples` and `Rational.parse` take it (exponents bounded: 1e999999999 is no number to try). */
function exactNumber(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'string') return false;
  const exp = /[eE]([+-]?\d+)\s*$/.exec(v);
  if (exp && Math.abs(Number(exp[1])) > 300) return false;
  try {
    Rational.parse(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * What a kind's own `validate` does not check yet (src/procedures/ is edited elsewhere; these
 * belong there): names a record introduces must be used, and every expression it decides must
 * parse before anything runs.
 */
const KIND_CHECKS: Readonly<Record<string, (record: ClaimRecord, set: ClaimSet) => { path: string; message: string }[]>> = {
  'matrix-inequality': (record, set) => {
    // ∃ names must occur in what is claimed (its relations, the matrices, the definitions)
    const texts = JSON.stringify([record.claims, record.matrices ?? {}, set.symbols.matrices ?? {}, set.symbols.definitions, record.define ?? []]);
    const out: { path: string; message: string }[] = [];
    ((record.exists as unknown[] | undefined) ?? []).forEach((name, i) => {
      if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) out.push({ path: `exists[${i}]`, message: `${JSON.stringify(name)} is not a name` });
      else if (!new RegExp(`\\b${name}\\b`).test(texts)) out.push({ path: `exists[${i}]`, message: `"${name}" occurs in no claimed relation, matrix or definition: nothing is quantified (a typo?)` });
    });
    return out;
  },
  'spectral-rate': (record, set) => {
    const out: { path: string; message: string }[] = [];
    const env = { set };
    const slackOk = (slack: unknown, path: string) => {
      if (slack !== undefined && !(typeof slack === 'string' && Object.hasOwn(set.symbols.parameters, slack))) out.push({ path, message: `slack ${JSON.stringify(slack)} is not a declared parameter` });
    };
    const cases = record.cases as { when?: unknown; slack?: unknown }[] | undefined;
    if (Array.isArray(cases)) {
      // with `cases`, a record-level rate or slack is never read
      for (const f of ['rate', 'slack']) if (record[f] !== undefined) out.push({ path: f, message: `is not read when \`cases\` is given: give each case its ${f}` });
      cases.forEach((c, i) => {
        try {
          recordDomain({ ...record, forall: [...(record.forall ?? []), String(c.when)] }, env);
        } catch (e) {
          if (e instanceof LangError || e instanceof RangeError) out.push({ path: `cases[${i}].when`, message: e.message });
          else throw e;
        }
        slackOk(c.slack, `cases[${i}].slack`);
      });
    } else slackOk(record.slack, 'slack');
    return out;
  },
};

/**
 * A record's validation (its procedure's `validate`, then KIND_CHECKS): each problem goes to
 * `report` with its path inside the record; returns how many there were.
 */
function recordProblems(proc: Procedure, record: ClaimRecord, set: ClaimSet, report: (path: (string | number)[], reason: string) => void, fail: (e: ClaimFileError) => void): number {
  let n = 0;
  const problem = (path: string, message: string) => {
    n++;
    report(path.split(/[.[\]]/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x)), `${path}: ${message}`);
  };
  // a `define` may shadow a definition or a (real) parameter, whose domain then holds for the
  // defining expression (common.ts shadowedParameterHypotheses); not a matrix, which the matrix
  // kinds read in its place, nor an integer parameter, whose integrality cannot carry over
  ((record.define as unknown[] | undefined) ?? []).forEach((d, i) => {
    const name = definedName(d);
    if (!name) return;
    const why = definitionClash(name, set, record);
    if (why) problem(`define[${i}]`, why);
  });
  if (n > 0) return n;
  // each hypothesis on its own line: a kind that reads the domain would report it at its own field
  ((record.forall as unknown[] | undefined) ?? []).forEach((h, i) => {
    try {
      hypothesisFormula(String(h), langSymbols({ set }, record));
    } catch (e) {
      if (e instanceof LangError || e instanceof RangeError) problem(`forall[${i}]`, e.message);
      else throw e;
    }
  });
  if (n > 0) return n;
  try {
    for (const p of proc.validate?.(record, { set }) ?? []) problem(p.path, p.message);
    if (n === 0) for (const p of KIND_CHECKS[proc.kind]?.(record, set) ?? []) problem(p.path, p.message);
  } catch (e) {
    n++;
    if (e instanceof ClaimFileError) fail(e);
    else if (e instanceof LangError || e instanceof RangeError) report([], e.message);
    else throw e;
  }
  return n;
}

/** The name a definition `name = body` defines, if it is one. */
function definedName(definition: unknown): string | undefined {
  return /^\s*([A-Za-z_]\w*)\s*==?(?!=)/.exec(String(definition))?.[1];
}

/** Why a definition may not be named `name`: a matrix of the file or the record, or an integer parameter; undefined when it may. */
function definitionClash(name: string, set: ClaimSet, record?: ClaimRecord): string | undefined {
  if (Object.hasOwn(set.symbols.matrices ?? {}, name) || Object.hasOwn((record?.matrices as Record<string, unknown> | undefined) ?? {}, name)) {
    return `"${name}" is defined here and is also a matrix: the matrix kinds would read the matrix, the others the definition; give one of them another name`;
  }
  const p = set.symbols.parameters[name];
  if (p && Object.hasOwn(set.symbols.parameters, name)) {
    try {
      if (parseDomain(name, String(p.domain)).integer) return `"${name}" is an integer parameter: a definition cannot keep its integrality; write the equality as a hypothesis, forall: ["${name} = …"]`;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Load one claim file (and its includes) into a ClaimSet. Throws ClaimFileError (or, with
 * `collect`, returns the set with `errors`).
 */
export function loadClaimFile(path: string, options: LoadOptions = {}): ClaimSet & { errors: ClaimFileError[]; warnings: ClaimFileError[] } {
  const { allowModules = false, collect = false, knownIds = [], validateKinds = true } = options;
  const errors: ClaimFileError[] = [];
  const warnings: ClaimFileError[] = [];
  const fail = (e: ClaimFileError) => {
    if (!collect) throw e;
    errors.push(e);
  };
  const file = resolve(path);
  const root = readYaml(file);
  const parsed = claimFileSchema.safeParse(dataOf(root));
  if (!parsed.success) throw zodToError(root, parsed.error, [], claimFileSchema);
  const data: ClaimFileData = parsed.data;

  const symbols = emptySymbols();
  const origins = new Map<string, Origin>();
  mergeSymbols(symbols, data.symbols as Partial<Symbols>, root, origins);
  const cited: CitedResult[] = [];
  const claimOrigins: Origin[] = [];
  const claims: ClaimRecord[] = [];

  const addClaims = (p: Parsed, list: ClaimRecord[], cites: CitedResult[] | undefined) => {
    for (const [i, c] of (cites ?? []).entries()) {
      const key = `id:${c.id}`;
      const prev = origins.get(key);
      if (prev) {
        const a = placeOf(prev.p, prev.path);
        fail(errorAt(p, ['cited', i, 'id'], `duplicate id "${c.id}" (first at ${prev.p.shown}:${a.line}:${a.col})`));
        continue;
      }
      origins.set(key, { p, path: ['cited', i, 'id'] });
      cited.push(c);
    }
    for (const [i, c] of list.entries()) {
      const key = `id:${c.id}`;
      const prev = origins.get(key);
      if (prev) {
        const a = placeOf(prev.p, prev.path);
        fail(errorAt(p, ['claims', i, 'id'], `duplicate claim id "${c.id}" (first at ${prev.p.shown}:${a.line}:${a.col})`));
        continue;
      }
      origins.set(key, { p, path: ['claims', i, 'id'] });
      const at = placeOf(p, ['claims', i]);
      claims.push({ ...c, pos: { file: p.shown, line: at.line, col: at.col } });
      claimOrigins.push({ p, path: ['claims', i] });
    }
  };
  addClaims(root, data.claims as ClaimRecord[], data.cited as CitedResult[] | undefined);

  let included = 0;
  for (const [k, pattern] of (data.include ?? []).entries()) {
    const files = expandInclude(dirname(file), pattern);
    // A pattern may match nothing (an empty folder of fragments); a plain path must exist.
    if (files.length === 0 && !pattern.includes('*')) fail(errorAt(root, ['include', k], `include "${pattern}" matches no file`));
    for (const f of files) {
      if (!pattern.includes('*')) {
        try {
          statSync(f);
        } catch {
          fail(errorAt(root, ['include', k], `include "${pattern}": no such file`));
          continue;
        }
      }
      if (++included > FILE_LIMITS.includes) throw errorAt(root, ['include', k], `more than ${FILE_LIMITS.includes} included files`);
      if (resolve(f) === file) throw errorAt(root, ['include', k], 'a file cannot include itself');
      const p = readYaml(f);
      const inc = includeFileSchema.safeParse(dataOf(p));
      if (!inc.success) {
        fail(zodToError(p, inc.error, [], includeFileSchema));
        continue;
      }
      try {
        mergeSymbols(symbols, inc.data.symbols as Partial<Symbols>, p, origins);
      } catch (e) {
        if (e instanceof ClaimFileError) fail(e);
        else throw e;
      }
      addClaims(p, inc.data.claims as ClaimRecord[], inc.data.cited as CitedResult[] | undefined);
    }
  }
  if (claims.length > FILE_LIMITS.claims) throw errorAt(root, ['claims'], `more than ${FILE_LIMITS.claims} claims`);
  normaliseSymbols(symbols);

  // A vector variable x has the coordinates x1, x2, …: another symbol with such a name would be the
  // same symbol in the kernels (a scalar x1 beside the vector x read as its first coordinate).
  const vectors = Object.entries(symbols.variables).filter(([, v]) => (v as { vector?: boolean }).vector).map(([name]) => name);
  for (const group of ['parameters', 'variables', 'functions', 'matrices'] as const)
    for (const name of Object.keys(symbols[group] ?? {})) {
      const o = origins.get(`symbol:${name}`)!;
      if (RESERVED_NAMES.has(name)) {
        fail(errorAt(o.p, o.path, `symbol "${name}" is a reserved word of the expression language; rename it`));
        continue;
      }
      const owner = vectors.find((v) => new RegExp(`^${v}[1-9]\\d*$`).test(name));
      if (owner) {
        fail(errorAt(o.p, o.path, `symbol "${name}" has the name of a coordinate of the vector variable ${owner} (${owner}1, ${owner}2, …); rename it`));
        continue;
      }
      // a function f's derivatives are the symbols f_x1, f_x1_v2, …; a vector function's components f1, f2, …
      const fn = Object.entries(symbols.functions).find(([f, decl]) => f !== name && new RegExp(`^${f}${(decl as { vector?: boolean }).vector ? '([1-9]\\d*)?($|_)' : '_'}`).test(name));
      if (fn) fail(errorAt(o.p, o.path, `symbol "${name}" has the name of a ${name.includes('_') ? 'derivative' : 'component'} of the function ${fn[0]} (${fn[0]}_x, ${fn[0]}_x_x${(fn[1] as { vector?: boolean }).vector ? `, ${fn[0]}1, ${fn[0]}2` : ''}, …); rename it`));
    }

  // Parameter domains (empty or malformed ones are errors at the domain).
  for (const [name, decl] of Object.entries(symbols.parameters)) {
    try {
      parseDomain(name, decl.domain);
    } catch (e) {
      const o = origins.get(`symbol:${name}`)!;
      if (e instanceof LangError) fail(errorAt(o.p, [...o.path, 'domain'], e.message));
      else throw e;
    }
  }

  const set: ClaimSet = {
    paper: data.paper as ClaimSet['paper'],
    symbols,
    cited,
    claims,
    file,
    allowModules,
  };

  // Per-kind fields and the procedures' own validation.
  for (const [i, c] of validateKinds ? claims.entries() : []) {
    const o = claimOrigins[i];
    const proc = getProcedure(c.kind);
    if (!proc) {
      fail(errorAt(o.p, [...o.path, 'kind'], `unknown kind "${c.kind}" (known: ${procedureKinds().join(', ')})`));
      continue;
    }
    const { pos: _pos, ...plain } = c;
    // Unknown fields first: a misspelled field is named as such, not as the missing one.
    const unknown = fieldProblems(plain, proc, set);
    for (const u of unknown) fail(u.key === undefined ? errorAt(o.p, [...o.path, ...u.path], u.message) : errorAtKey(o.p, [...o.path, ...u.path], u.key, u.message));
    if (unknown.length) continue;
    const fixed = correctedRecord(c);
    const substituted = [c, fixed].find((r) => r?.substitute !== undefined);
    if (substituted && c.kind !== 'formula-identity' && c.kind !== 'inequality') {
      fail(errorAt(o.p, [...o.path, ...(substituted === c ? [] : ['corrected']), 'substitute'], `substitute: a change of parameters is only sound for kinds formula-identity (an identity on an open set holds on the domain) and inequality (a map onto the domain), not for ${c.kind}`));
      continue;
    }
    const f = proc.fields.safeParse(plain);
    if (!f.success) {
      fail(zodToError(o.p, f.error, o.path));
      continue;
    }
    const problems = recordProblems(proc, c, set, (path, reason) => fail(errorAt(o.p, [...o.path, ...path], reason)), fail);
    // The corrected reading is decided by the same procedure: its fields are checked the same way.
    if (problems === 0 && fixed && c.corrected) {
      const own = new Set(Object.keys(c.corrected));
      const { pos: _p, ...plainFixed } = fixed;
      const g = proc.fields.safeParse(plainFixed);
      if (!g.success) {
        const first = g.error.issues[0].path[0];
        fail(zodToError(o.p, g.error, typeof first === 'string' && own.has(first) ? [...o.path, 'corrected'] : o.path));
        continue;
      }
      recordProblems(proc, fixed, set, (path, reason) => fail(errorAt(o.p, [...o.path, ...(typeof path[0] === 'string' && own.has(path[0]) ? ['corrected'] : []), ...path], `corrected: ${reason}`)), fail);
    }
  }

  // A file definition named after a matrix or an integer parameter (see definitionClash).
  symbols.definitions.forEach((d) => {
    const name = definedName(d);
    const why = name ? definitionClash(name, set) : undefined;
    if (why) fail(errorAt(root, ['symbols'], `symbols.definitions: ${why}`));
  });

  // The proof graph: every use names a claim or a cited result; no cycles.
  const ids = new Set([...claims.map((c) => c.id), ...claims.filter((c) => c.corrected).map((c) => `${c.id}:corrected`), ...cited.map((c) => c.id), ...knownIds, ...knownIds.map((id) => `${id}:corrected`)]);
  for (const [i, c] of claims.entries()) {
    for (const [j, u] of (c.uses ?? []).entries()) {
      if (ids.has(u)) continue;
      const near = closestName(u, ids);
      fail(errorAt(claimOrigins[i].p, [...claimOrigins[i].path, 'uses', j], `uses "${u}", which is neither a claim nor a cited result${near ? ` (did you mean "${near}"?)` : ''}`));
    }
  }
  // The main results name claims of the file: a misspelled id would drop out of the headline silently.
  const claimIds = new Set([...claims.map((c) => c.id), ...knownIds]);
  for (const [j, m] of (set.paper?.main ?? []).entries()) {
    if (claimIds.has(m)) continue;
    const near = closestName(m, claimIds);
    fail(errorAt(root, ['paper', 'main', j], `paper.main names "${m}", which is not a claim of the file${near ? ` (did you mean "${near}"?)` : ''}`));
  }
  const cycle = findCycle(claims);
  if (cycle) {
    const i = claims.findIndex((c) => c.id === cycle[0].replace(/:corrected$/, ''));
    fail(errorAt(claimOrigins[i].p, [...claimOrigins[i].path, 'uses'], `cycle in uses: ${cycle.join(' → ')}`));
  }

  // Unused symbols are warnings (lint).
  const texts = JSON.stringify(claims) + JSON.stringify(symbols.definitions) + JSON.stringify(symbols.matrices ?? {});
  for (const group of ['parameters', 'variables', 'functions'] as const) {
    for (const name of Object.keys(symbols[group])) {
      if (!new RegExp(`\\b${name}\\b`).test(texts)) {
        const o = origins.get(`symbol:${name}`)!;
        const { line, col } = placeOf(o.p, o.path);
        warnings.push(new ClaimFileError(o.p.shown, line, col, `symbol "${name}" is declared but never used`));
      }
    }
  }
  return { ...set, errors, warnings };
}

/** A cycle in `uses` among the claims (ids in order, the first repeated at the end), if any. */
export function findCycle(claims: readonly ClaimRecord[]): string[] | undefined {
  // the proof graph's nodes (src/graph.ts graphNodes): each claim, and its corrected statement,
  // which rests on its own `corrected.uses` (a conjunction) or on the corrected versions of the uses
  const uses = new Map(claims.map((c) => [c.id, c.uses ?? []]));
  const hasCorrected = new Set(claims.filter((c) => c.corrected).map((c) => c.id));
  for (const c of claims) {
    if (!c.corrected) continue;
    const own = (c.corrected as { uses?: unknown }).uses;
    uses.set(`${c.id}:corrected`, c.kind === 'conjunction' && Array.isArray(own) ? own.map(String) : (c.uses ?? []).map((u) => (hasCorrected.has(u) ? `${u}:corrected` : u)));
  }
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 2 || !uses.has(id)) return undefined;
    if (state.get(id) === 1) return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 1);
    stack.push(id);
    for (const u of uses.get(id)!) {
      const c = visit(u);
      if (c) return c;
    }
    stack.pop();
    state.set(id, 2);
    return undefined;
  };
  // from every node: a cycle among corrected readings alone is reached from none of the claims
  for (const id of uses.keys()) {
    const cyc = visit(id);
    if (cyc) return cyc;
  }
  return undefined;
}

/** Load several files; ids must be unique within each file (each is its own set). */
export function loadClaimFiles(paths: readonly string[], options: LoadOptions = {}): ClaimSet[] {
  return paths.map((p) => loadClaimFile(p, options));
}

/** Lint: every error and warning of a file, none thrown (except unreadable YAML). */
export function lintClaimFile(path: string): { errors: ClaimFileError[]; warnings: ClaimFileError[] } {
  try {
    const set = loadClaimFile(path, { collect: true });
    return { errors: set.errors, warnings: set.warnings };
  } catch (e) {
    if (e instanceof ClaimFileError) return { errors: [e], warnings: [] };
    throw e;
  }
}
