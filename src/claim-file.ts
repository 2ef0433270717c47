/**
 * The claim-file loader (issue 10): `*.claims.yaml` → `ClaimSet` (src/claim-record.ts).
 *
 * A claim file is untrusted data: nothing in it is evaluated as JavaScript; every problem is one
 * `ClaimFileError` whose message reads `FILE:LINE:COL: what is wrong` (the CLI prints it and
 * exits 2). Checks, in order: YAML syntax; the common schema (src/claim-schema.ts); `include:`
 * files merged (duplicate symbols or ids are errors naming both places); parameter domains;
 * per-kind fields (the procedure's zod schema) and the procedure's own `validate` (undefined
 * symbols, non-polynomial input, wrong arity); `uses` that name nothing; cycles in `uses`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Document } from 'yaml';
import type { ZodError } from 'zod';
import type { ClaimRecord, ClaimSet, CitedResult, Symbols } from './claim-record.ts';
import { claimFileSchema, includeFileSchema, type ClaimFileData } from './claim-schema.ts';
import { getProcedure, procedureKinds } from './procedures/index.ts';
import { parseDomain } from '../symbolic/lang/param.ts';
import { LangError } from '../symbolic/lang/index.ts';

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

function zodToError(p: Parsed, err: ZodError, prefix: readonly (string | number)[] = []): ClaimFileError {
  const issue = err.issues[0];
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const where = path.length ? `${path.map((x) => (typeof x === 'number' ? `[${x}]` : `.${x}`)).join('').replace(/^\./, '')}: ` : '';
  let message = issue.message;
  if (issue.code === 'invalid_type' && /received undefined/.test(message)) message = `missing field (${message.replace(/^Invalid input: /, '')})`;
  if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
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
  const parsed = claimFileSchema.safeParse(root.doc.toJS());
  if (!parsed.success) throw zodToError(root, parsed.error);
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
      const inc = includeFileSchema.safeParse(p.doc.toJS());
      if (!inc.success) {
        fail(zodToError(p, inc.error));
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
    if (c.substitute !== undefined && c.kind !== 'formula-identity' && c.kind !== 'inequality') {
      fail(errorAt(o.p, [...o.path, 'substitute'], `substitute: a change of parameters is only sound for kinds formula-identity (an identity on an open set holds on the domain) and inequality (a map onto the domain), not for ${c.kind}`));
      continue;
    }
    const { pos: _pos, ...plain } = c;
    const f = proc.fields.safeParse(plain);
    if (!f.success) {
      fail(zodToError(o.p, f.error, o.path));
      continue;
    }
    try {
      for (const problem of proc.validate?.(c, { set }) ?? []) {
        const path = problem.path.split(/[.[\]]/).filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
        fail(errorAt(o.p, [...o.path, ...path], `${problem.path}: ${problem.message}`));
      }
    } catch (e) {
      if (e instanceof ClaimFileError) fail(e);
      else if (e instanceof LangError || e instanceof RangeError) fail(errorAt(o.p, o.path, e.message));
      else throw e;
    }
  }

  // The proof graph: every use names a claim or a cited result; no cycles.
  const ids = new Set([...claims.map((c) => c.id), ...claims.filter((c) => c.corrected).map((c) => `${c.id}:corrected`), ...cited.map((c) => c.id), ...knownIds, ...knownIds.map((id) => `${id}:corrected`)]);
  for (const [i, c] of claims.entries()) {
    for (const [j, u] of (c.uses ?? []).entries()) {
      if (!ids.has(u)) fail(errorAt(claimOrigins[i].p, [...claimOrigins[i].path, 'uses', j], `uses "${u}", which is neither a claim nor a cited result`));
    }
  }
  const cycle = findCycle(claims);
  if (cycle) {
    const i = claims.findIndex((c) => c.id === cycle[0]);
    fail(errorAt(claimOrigins[i].p, [...claimOrigins[i].path, 'uses'], `cycle in uses: ${cycle.join(' → ')}`));
  }

  // Unused symbols are warnings (lint).
  const texts = JSON.stringify(claims) + JSON.stringify(symbols.definitions);
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
  const uses = new Map(claims.map((c) => [c.id, c.uses ?? []]));
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
  for (const c of claims) {
    const cyc = visit(c.id);
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
