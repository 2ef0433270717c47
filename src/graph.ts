/**
 * The proof graph (issue 11): claims name what they use (`uses`), cited results are leaves with
 * status `cited` (assumed, not checked). After a run, every row gets `established`:
 * - `yes`: proved, and everything it uses (transitively) is proved or cited;
 * - `conditional`: as yes, but something on the way is only `supported`;
 * - `no`: it or something it uses is refuted, vacuous, inconclusive, errored or missing;
 *   `brokenAt` lists the ids where the chain breaks (the deepest failing claims).
 * A `conjunction` claim (src/procedures/conjunction.ts) is the conjunction of its parts: its
 * verdict is computed here from theirs (refuted if any part is refuted, proved only if all are).
 * Corrected statements are nodes `<id>:corrected` that parts may name.
 */
import type { Basis, ClaimReport, Established, Verdict } from './claims.ts';
import type { CitedResult } from './claim-record.ts';

/** A node of the graph: a claim row, its corrected statement, or a cited result. */
export interface GraphNode {
  id: string;
  verdict: Verdict | 'cited';
  uses: string[];
  basis?: Basis;
  /** The claim a `:corrected` node belongs to. */
  of?: string;
  /** A conjunction's verdict is its parts': it breaks where they break. */
  conjunction?: boolean;
}

/** Nodes of a run: rows, their corrected statements, cited results. */
export function graphNodes(rows: readonly ClaimReport[], cited: readonly CitedResult[]): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  for (const c of cited) nodes.set(c.id, { id: c.id, verdict: 'cited', uses: [] });
  const hasCorrected = new Set(rows.filter((r) => r.corrected).map((r) => r.id));
  for (const r of rows) {
    nodes.set(r.id, { id: r.id, verdict: r.verdict, uses: r.uses ?? [], basis: r.basis, conjunction: r.kind === 'conjunction' });
    // A corrected statement rests on the corrected versions of what the printed one uses.
    const uses = (r.uses ?? []).map((u) => (hasCorrected.has(u) ? `${u}:corrected` : u));
    if (r.corrected) nodes.set(`${r.id}:corrected`, { id: `${r.id}:corrected`, verdict: r.corrected.verdict, uses, basis: r.corrected.basis, of: r.id });
  }
  return nodes;
}

const WORST: Verdict[] = ['error', 'refuted', 'inconclusive', 'vacuous', 'supported', 'proved'];

/** The verdict of a conjunction from its parts' verdicts (cited parts count as proved, given). */
export function conjunctionVerdict(parts: readonly (Verdict | 'cited' | undefined)[]): Verdict {
  const vs = parts.map((v) => (v === 'cited' ? 'proved' : (v ?? 'inconclusive')));
  for (const v of WORST) if (vs.includes(v)) return v;
  return 'inconclusive';
}

/** The weakest basis among proved parts (given-cited when a cited result is among them). */
function weakestBasis(parts: readonly GraphNode[]): Basis {
  if (parts.some((p) => p.verdict === 'cited' || p.basis === 'given-cited')) return 'given-cited';
  for (const b of ['one-solver', 'two-solvers', 'certificate', 'kernel'] as const) if (parts.some((p) => p.basis === b)) return b;
  return 'kernel';
}

/**
 * Fill `verdict` of conjunction rows and `established` / `brokenAt` of every row, in place.
 * Returns the rows for chaining.
 */
export function propagate(rows: ClaimReport[], cited: readonly CitedResult[]): ClaimReport[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Conjunctions first, in dependency order (a conjunction may use another).
  const resolving = new Set<string>();
  const resolve = (r: ClaimReport) => {
    if (r.kind !== 'conjunction' || r.evidence.assembled || resolving.has(r.id)) return;
    resolving.add(r.id);
    const nodes = graphNodes(rows, cited);
    const parts = r.uses.map((u) => {
      const row = byId.get(u);
      if (row) resolve(row);
      return graphNodes(rows, cited).get(u) ?? nodes.get(u);
    });
    const missing = r.uses.filter((u, i) => !parts[i]);
    const verdict = missing.length ? 'inconclusive' : conjunctionVerdict(parts.map((p) => p?.verdict));
    r.verdict = verdict;
    r.method = 'exact';
    r.basis = verdict === 'proved' ? weakestBasis(parts as GraphNode[]) : undefined;
    const failing = r.uses.filter((u, i) => parts[i] && parts[i]!.verdict !== 'proved' && parts[i]!.verdict !== 'cited');
    r.summary = missing.length
      ? `parts not run: ${missing.join(', ')}`
      : verdict === 'proved'
        ? `every part holds: ${r.uses.join(', ')}`
        : `${verdict}: ${failing.map((u) => `${u} (${parts[r.uses.indexOf(u)]!.verdict})`).join(', ')}`;
    r.evidence = { ...r.evidence, assembled: true, parts: Object.fromEntries(r.uses.map((u, i) => [u, parts[i]?.verdict ?? 'not run'])) };
    r.decisive = r.summary;
    resolving.delete(r.id);
  };
  for (const r of rows) resolve(r);

  const nodes = graphNodes(rows, cited);
  const memo = new Map<string, { established: Established; brokenAt: string[] }>();
  const visiting = new Set<string>();
  const est = (id: string): { established: Established; brokenAt: string[] } => {
    const hit = memo.get(id);
    if (hit) return hit;
    const node = nodes.get(id);
    if (!node) return { established: 'no', brokenAt: [id] };
    if (node.verdict === 'cited') return { established: 'yes', brokenAt: [] };
    if (visiting.has(id)) return { established: 'no', brokenAt: [id] };
    visiting.add(id);
    const below = node.uses.map(est);
    visiting.delete(id);
    const broken = [...new Set(below.flatMap((b) => b.brokenAt))];
    let out: { established: Established; brokenAt: string[] };
    const ownOk = node.verdict === 'proved' || node.verdict === 'supported';
    if (!ownOk) out = { established: 'no', brokenAt: broken.length ? broken : [id] };
    else if (broken.length) out = { established: 'no', brokenAt: broken };
    else if (node.verdict === 'supported' || below.some((b) => b.established === 'conditional')) out = { established: 'conditional', brokenAt: [] };
    else out = { established: 'yes', brokenAt: [] };
    // A claim that fails itself is where its chain breaks, whatever lies below; a conjunction
    // fails through its parts, so it breaks where they break.
    if (!ownOk && !(node.conjunction && broken.length)) out.brokenAt = [id];
    memo.set(id, out);
    return out;
  };
  for (const r of rows) {
    const e = est(r.id);
    r.established = e.established;
    r.brokenAt = e.brokenAt;
  }
  return rows;
}

/** Ids of the main results: the file's `paper.main`, else the conjunctions, else ids `thm:…`. */
export function mainResults(rows: readonly ClaimReport[], declared?: readonly string[]): string[] {
  if (declared?.length) return declared.filter((id) => rows.some((r) => r.id === id));
  const conj = rows.filter((r) => r.kind === 'conjunction').map((r) => r.id);
  if (conj.length) return conj;
  return rows.filter((r) => /^thm:/.test(r.id)).map((r) => r.id);
}

/** One line per main result: "Theorem 3.1 as printed: not established — broken at …". */
export function headlines(rows: readonly ClaimReport[], declared?: readonly string[]): string[] {
  return mainResults(rows, declared).map((id) => {
    const r = rows.find((x) => x.id === id)!;
    const name = r.source;
    if (r.established === 'yes') {
      const n = countBelow(rows, r.uses ?? []);
      return `${r.title ?? name} (${id}): established — from ${n.proved} proved claims and ${n.cited} cited results`;
    }
    if (r.established === 'conditional') return `${r.title ?? name} (${id}): conditional — rests on supported (numerical) claims`;
    return `${r.title ?? name} (${id}): not established — broken at ${(r.brokenAt ?? []).join(', ') || id}`;
  });
}

function countBelow(rows: readonly ClaimReport[], uses: readonly string[]): { proved: number; cited: number } {
  const seen = new Set<string>();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const walk = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    const base = id.endsWith(':corrected') ? id.slice(0, -':corrected'.length) : id;
    for (const u of byId.get(base)?.uses ?? []) walk(u);
  };
  for (const u of uses) walk(u);
  let proved = 0;
  let cited = 0;
  for (const id of seen) {
    const base = id.endsWith(':corrected') ? id.slice(0, -':corrected'.length) : id;
    const row = byId.get(base);
    if (!row) cited++;
    else if (row.kind !== 'conjunction') proved++;
  }
  return { proved, cited };
}
