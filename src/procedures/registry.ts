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
export async function decideWithCorrected(proc: Procedure, record: ClaimRecord, env: ProcedureEnv, ctx: CheckContext): Promise<CheckResult> {
  const result = await proc.decide(record, env, ctx);
  const fixed = correctedRecord(record);
  if (!fixed || result.corrected) return result;
  const c = await proc.decide(fixed, env, ctx);
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
