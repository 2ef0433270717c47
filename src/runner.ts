/**
 * Runs claims: filters by id prefix, times each check, turns thrown errors into the
 * `error` verdict (never a crash), and returns the report rows of DESIGN.md's schema.
 */
import type { CheckContext, CheckResult, Claim, ClaimReport } from './claims.ts';

export interface RunOptions {
  /** Only claims whose id starts with this prefix. @defaultValue all */
  only?: string;
  /** Called after each claim (terminal table rows stream as they finish). */
  onResult?: (row: ClaimReport, index: number, total: number) => void;
  /** Called before each claim starts. */
  onStart?: (claim: Claim, index: number, total: number) => void;
}

export function selectClaims(claims: readonly Claim[], only?: string): Claim[] {
  if (!only) return [...claims];
  return claims.filter((c) => c.id === only || c.id.startsWith(only.endsWith(':') ? only : `${only}`));
}

export function reproduceCommand(id: string, ctx: Pick<CheckContext, 'seed' | 'backend'>): string {
  const backend = ctx.backend && ctx.backend !== 'auto' ? ` --backend ${ctx.backend}` : '';
  return `hypocheck show ${id} --seed ${ctx.seed}${backend}`;
}

export async function runClaim(claim: Claim, ctx: CheckContext): Promise<ClaimReport> {
  const t0 = performance.now();
  let result: CheckResult;
  try {
    result = await claim.check(ctx);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    result = { verdict: 'error', method: 'exact', summary: `check failed: ${message}`, evidence: { reason: message } };
  }
  const ms = Math.round(performance.now() - t0);
  return {
    id: claim.id,
    source: claim.source,
    statement: claim.statement,
    verdict: result.verdict,
    method: result.method,
    witness: result.witness ?? null,
    corrected: result.corrected ?? null,
    evidence: result.evidence,
    reproduce: reproduceCommand(claim.id, ctx),
    ms,
    summary: result.summary,
    latex: claim.latex,
    hypotheses: claim.hypotheses,
    kind: claim.kind ?? 'custom',
    ...(claim.title ? { title: claim.title } : {}),
    uses: claim.uses ?? [],
    basis: result.verdict === 'proved' ? result.basis : undefined,
    dimensions: result.dimensions,
    decisive: result.decisive,
  };
}

export async function runClaims(claims: readonly Claim[], ctx: CheckContext, options: RunOptions = {}): Promise<ClaimReport[]> {
  const { only, onResult, onStart } = options;
  const selected = selectClaims(claims, only);
  const rows: ClaimReport[] = [];
  for (const [i, claim] of selected.entries()) {
    if (ctx.signal?.aborted) break;
    onStart?.(claim, i, selected.length);
    const row = await runClaim(claim, ctx);
    rows.push(row);
    onResult?.(row, i, selected.length);
  }
  return rows;
}
