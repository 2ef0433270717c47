/**
 * Claims as data (issues 9, 10): a claim record holds the printed statement once — its kind,
 * the printed data the kind needs (expressions in ASCII math, matrices, relations, domains) —
 * and a generic procedure (src/procedures/) decides it by reading that record and nothing else.
 *
 * A claim file (`*.claims.yaml`, docs/claim-files.md) is `{ paper, symbols, cited, claims }`;
 * the loader (src/claim-file.ts) turns it into a `ClaimSet`; `instantiate` (src/procedures/)
 * turns each record into a runnable `Claim` of src/claims.ts.
 *
 * Which fields are printed data: every field of a record except the META_FIELDS below. Those are
 * what `hypocheck mutate` perturbs; a procedure must read each of them (a perturbation must turn
 * its verdict or its decisive evidence).
 */
import type { CheckContext, CheckResult } from './claims.ts';

/** Where a node of a claim file sits (1-based line and column), for `FILE:LINE:COL:` errors. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/** The paper a claim file is about. */
export interface PaperMeta {
  /** Short id, e.g. `zhu-ying-2021`; the report's `paper` field. */
  id: string;
  title: string;
  authors: string[];
  year?: number;
  /** Key into a .bib (e.g. `zhu_ying_2021`). */
  bib?: string;
  /** The main results (claim ids): the report's headline says whether each is established. */
  main?: string[];
}

/**
 * A parameter and its domain, as printed: `"> 0"`, `">= 0"`, `"< 1"`, `"(0, 1)"`, `"[0, 1)"`,
 * `"real"`, `"integer >= 1"`. Domains are hypotheses (`hOmega0Pos: ω₀ > 0`).
 */
export interface ParameterDecl {
  domain: string;
  /** LaTeX name, e.g. `\\omega_0` (default: derived from the name). */
  latex?: string;
}

/** A space variable: scalar, or a vector in ℝ^d (d the file's dimension symbol). */
export interface VariableDecl {
  vector?: boolean;
  latex?: string;
}

/** A generic smooth function (a jet variable): its arguments, and whether it is ℝ^d-valued. */
export interface FunctionDecl {
  /** Argument names: variables of the file, or names of definitions (e.g. θ = x + v/γ). */
  args: string[];
  /** ℝ^d-valued (components f_1 … f_d). @defaultValue false */
  vector?: boolean;
  latex?: string;
}

/** The dimension symbol and which dimensions a check must cover. */
export interface DimensionDecl {
  /** @defaultValue 'd' */
  name: string;
  /** `all` (every d ≥ 1, by the reduction of docs/all-dimensions.md) or an explicit list. @defaultValue 'all' */
  check: 'all' | number[];
}

/** The symbol table of a claim file. */
export interface Symbols {
  parameters: Record<string, ParameterDecl>;
  variables: Record<string, VariableDecl>;
  functions: Record<string, FunctionDecl>;
  dimension?: DimensionDecl;
  /**
   * Named expressions and operators, in order, as printed: `"theta = x + v/gamma"`,
   * `"M = exp(-beta*omega0^2*|x|^2/2 - beta*|v|^2/2)"`, `"T(g) = dot(v, grad(g, x)) - …"`.
   */
  definitions: string[];
  /** Printed matrices by name: rows of parameter expressions (`K`, `P`, `Q` of (4.4)–(4.5)). */
  matrices?: Record<string, string[][]>;
}

/** A result the paper cites and relies on: a leaf of the proof graph with status `cited`. */
export interface CitedResult {
  id: string;
  bib: string;
  statement: string;
}

/** Fields of a record that are not printed data (never mutated). */
export const META_FIELDS = [
  'id',
  'source',
  'statement',
  'kind',
  'uses',
  'examples',
  'corrected',
  'note',
  'module',
  'options',
  'pos',
  'title',
  'deliberatelyWrong',
  'reading',
  'substitute',
  'derive',
] as const;

/** A claim as data. Kind-specific printed fields sit beside the common ones. */
export interface ClaimRecord {
  /** DESIGN.md id, written literally: `thm:3.1:case1`. */
  id: string;
  /** Where it is printed: "Theorem 3.1, (3.6)". */
  source: string;
  /** The statement as printed, LaTeX. */
  statement: string;
  /** Which generic procedure decides it (src/procedures/registry.ts). */
  kind: string;
  /** Claims and cited results it rests on (the proof graph). */
  uses?: string[];
  /**
   * Hypotheses beyond the parameters' domains, as printed (relations in ASCII math:
   * `"gamma < 2*omega0"`). Printed data: mutated.
   */
  forall?: string[];
  /** Parameter points always tried first (exact decimals or fractions as strings). */
  examples?: Record<string, string | number>[];
  /**
   * A corrected statement or a charitable reading: the same kind, with the listed fields
   * replacing the printed ones; decided by the same procedure and reported as `corrected`.
   */
  corrected?: { statement: string; note?: string } & Record<string, unknown>;
  /** `kind: module` only: `file.ts#export` of a ModuleCheck, relative to the claim file. */
  module?: string;
  /** Run settings that are not printed data (sample sizes, degrees, seeds offsets). */
  options?: Record<string, unknown>;
  note?: string;
  /** Where the record starts in its file. */
  pos?: SourcePos;
  /** Any kind-specific printed field. */
  [field: string]: unknown;
}

/** A loaded claim file: everything a procedure may read. */
export interface ClaimSet {
  paper: PaperMeta;
  symbols: Symbols;
  cited: CitedResult[];
  claims: ClaimRecord[];
  /** Absolute path of the file (modules resolve against its folder). */
  file: string;
  /** Modules may run (`--allow-modules`, or the shipped paper). */
  allowModules: boolean;
}

/** What a procedure receives beside the record. */
export interface ProcedureEnv {
  set: ClaimSet;
}

/** The escape hatch: a TypeScript check named by `module:`; it reads its printed data from `record`. */
export type ModuleCheck = (record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext) => Promise<CheckResult> | CheckResult;

/** The printed-data fields of a record (everything but META_FIELDS), by name. */
export function printedFields(record: ClaimRecord): string[] {
  const meta = new Set<string>(META_FIELDS);
  return Object.keys(record).filter((k) => !meta.has(k) && record[k] !== undefined);
}

/** A record with its `corrected` fields applied (the corrected statement as its own record). */
export function correctedRecord(record: ClaimRecord): ClaimRecord | undefined {
  if (!record.corrected) return undefined;
  const { statement, note: _note, ...fields } = record.corrected;
  return { ...record, ...fields, statement, corrected: undefined, id: `${record.id}:corrected` };
}
