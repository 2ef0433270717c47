/**
 * The generic decision procedures (issue 9): each knows no paper and reads only its claim
 * record (src/claim-record.ts) and the file's symbols. A procedure registers its kind here with
 * a zod schema of its printed fields, so the claim-file loader validates records before any
 * check runs and `hypocheck init` / docs/claim-files.md can list every kind.
 *
 * Layering: kernels (symbolic/, numeric/) ← procedures (src/procedures/) ← papers (proofs/) ← CLI.
 */
import type { ZodType } from 'zod';
import type { CheckContext, CheckResult, Claim, Method } from '../claims.ts';
import { emptyDomain, printedRoots, recordDomain, rootsDefined, shadowedDefinitionsUndefined, shadowedParameterHypotheses, shadowingDefinitions, witnessThroughDefinitions } from './common.ts';
import { correctedRecord, type ClaimRecord, type ProcedureEnv } from '../claim-record.ts';

export interface Procedure {
  /** The `kind:` of a record, e.g. `identity`, `matrix-inequality`. */
  kind: string;
  /** One line for `hypocheck init`, `lint` and the docs. */
  summary: string;
  /** The method reported when the procedure cannot say more. */
  method: Method;
  /** Schema of the kind-specific fields (the loader adds the common ones). */
  fields: ZodType;
  /** Services it may need (`z3`, `cvc5`, `integrators`), for `list` and the runner. */
  needs?: string[];
  /**
   * Static checks beyond the schema, run by the loader and `lint` before anything runs
   * (undefined symbols, non-polynomial where a polynomial is needed, wrong arity). Returns
   * messages; each names the field path (`lhs`, `matrix[1][0]`).
   */
  validate?(record: ClaimRecord, env: ProcedureEnv): { path: string; message: string }[];
  /** Decide the record. Never throws for a false claim; throws only on a bug or bad input. */
  decide(record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult>;
}

const procedures = new Map<string, Procedure>();

/** Register a procedure (each src/procedures/*.ts calls this once at module load). */
export function registerProcedure(p: Procedure): void {
  if (procedures.has(p.kind)) throw new Error(`registerProcedure: kind ${p.kind} registered twice`);
  procedures.set(p.kind, p);
}

export function getProcedure(kind: string): Procedure | undefined {
  return procedures.get(kind);
}

export function procedureKinds(): string[] {
  return [...procedures.keys()].sort();
}

/** A record plus its procedure as a runnable claim (src/claims.ts). */
export function instantiate(record: ClaimRecord, env: ProcedureEnv): Claim {
  const proc = procedures.get(record.kind);
  if (!proc) throw new RangeError(`instantiate: unknown kind "${record.kind}" for ${record.id}`);
  return {
    id: record.id,
    source: record.source,
    statement: record.statement,
    latex: record.statement,
    hypotheses: [...(record.forall ?? [])],
    uses: record.uses ?? [],
    kind: record.kind,
    title: typeof record.title === 'string' ? record.title : undefined,
    record,
    check: (ctx) => decideWithCorrected(proc, record, env, ctx),
  };
}

/**
 * Decide a record and, when it carries a `corrected` statement (a correction or a charitable
 * reading), decide that too with the same procedure: the report's `corrected` is computed,
 * never a literal (issue 9, defect 10).
 */
export async function decideWithCorrected(proc: Procedure, printed: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  // a definition used in place of a parameter is checked for poles and roots on the domain first
  const decideOne = async (r: ClaimRecord) => {
    const shadowing = shadowingDefinitions(r, env);
    const undefinedHere = await shadowedDefinitionsUndefined(shadowing, r, env, ctx);
    if (undefinedHere) return undefinedHere;
    const extra = shadowedParameterHypotheses(shadowing, env);
    const withDomains = extra.length ? { ...r, forall: [...((r.forall as string[] | undefined) ?? []), ...extra] } : r;
    const out = await checkedProved(await proc.decide(withDomains, env, ctx), withDomains, env, ctx);
    if (!out.witness || typeof out.witness !== 'object') return out;
    const before = out.witness as Record<string, unknown>;
    const witness = witnessThroughDefinitions(before, shadowing, r, env);
    if (witness === before) return out;
    // the summary names the point as the witness does
    let summary = out.summary;
    for (const [k, v] of Object.entries(before)) if (witness[k] !== v) summary = summary.replace(new RegExp(`\\b${k}=${String(v).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w/])`, 'g'), witness[k] === undefined ? '' : `${k}=${String(witness[k])}`);
    return { ...out, witness, summary };
  };
  const result = await decideOne(printed);
  const fixed = correctedRecord(printed);
  if (!fixed || result.corrected) return result;
  const c = await decideOne(fixed);
  return {
    ...result,
    corrected: {
      statement: fixed.statement,
      verdict: c.verdict,
      method: c.method,
      summary: c.summary,
      evidence: c.evidence,
      witness: c.witness,
      basis: c.verdict === 'proved' ? c.basis : undefined,
      dimensions: c.dimensions,
    },
  };
}

/** A `proved` of any kind, checked: over an empty domain it is `vacuous`, else it stands where its roots are defined. */
async function checkedProved(result: CheckResult, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  return definedOrNot(await vacuousOrNot(result, record, env, ctx), record, env, ctx);
}

/**
 * Every kind: a `proved` over an empty domain (no parameter point satisfies the domains and
 * `forall`, decided by the solvers when no sampled point does) is `vacuous`, not proved; so is an
 * `inconclusive` there (nothing was left to decide: the claim holds only vacuously).
 */
async function vacuousOrNot(result: CheckResult, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  if (!['proved', 'supported', 'inconclusive'].includes(result.verdict) || record.kind === 'conjunction' || record.kind === 'module') return result;
  const empty = await emptyDomain(record, env, ctx);
  if (!empty) return result;
  return { ...empty, evidence: { ...empty.evidence, [result.verdict === 'inconclusive' ? 'inconclusiveBefore' : 'provedVacuously']: result.summary } };
}

/**
 * Every kind: a `proved` stands only where the record's printed square roots are defined on the
 * whole domain (radicands ≥ 0; the hypotheses' own radicands on the parameter domains). Otherwise
 * the verdict becomes `inconclusive` with the point or the reason (a missing hypothesis).
 */
async function definedOrNot(result: CheckResult, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  if (result.verdict !== 'proved' || record.kind === 'conjunction' || record.kind === 'module') return result;
  let roots, dom, plain;
  try {
    roots = printedRoots(record, env);
    if (!Object.keys(roots).length) return result;
    dom = recordDomain(record, env);
    // the hypotheses' roots are checked on the parameter domains alone (a hypothesis never makes its own root defined)
    plain = recordDomain({ ...record, forall: [] }, env);
  } catch {
    return result;
  }
  const forallRoots = Object.fromEntries(Object.entries(roots).filter(([s]) => s in dom.roots));
  const claimRoots = Object.fromEntries(Object.entries(roots).filter(([s]) => !(s in dom.roots)));
  for (const [rs, d] of [[forallRoots, plain], [claimRoots, dom]] as const) {
    if (!Object.keys(rs).length) continue;
    const check = await rootsDefined(rs, record, env, ctx, d, result.method);
    if (!check.ok) return { ...check.result, evidence: { ...result.evidence, ...check.result.evidence, provedOnlyWhereDefined: result.summary } };
  }
  return result;
}
