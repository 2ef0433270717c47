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

/** The parts of a conjunction's corrected statement, when it states its own (`corrected.uses`). */
function correctedParts(r: ClaimReport): string[] | undefined {
  const uses = r.kind === 'conjunction' ? r.corrected?.evidence?.uses : undefined;
  return Array.isArray(uses) ? uses.map(String) : undefined;
}

/** Nodes of a run: rows, their corrected statements, cited results. */
export function graphNodes(rows: readonly ClaimReport[], cited: readonly CitedResult[]): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  for (const c of cited) nodes.set(c.id, { id: c.id, verdict: 'cited', uses: [] });
  const hasCorrected = new Set(rows.filter((r) => r.corrected).map((r) => r.id));
  for (const r of rows) {
    const conjunction = r.kind === 'conjunction';
    nodes.set(r.id, { id: r.id, verdict: r.verdict, uses: r.uses ?? [], basis: r.basis, conjunction });
    // A corrected statement rests on the corrected versions of what the printed one uses; a
    // conjunction's corrected statement on the parts it names (`corrected.uses`), if it names them.
    const uses = correctedParts(r) ?? (r.uses ?? []).map((u) => (hasCorrected.has(u) ? `${u}:corrected` : u));
    if (r.corrected) nodes.set(`${r.id}:corrected`, { id: `${r.id}:corrected`, verdict: r.corrected.verdict, uses, basis: r.corrected.basis, of: r.id, conjunction });
  }
  return nodes;
}

/** Worst first, as docs/kinds/conjunction.md states: refuted, error, inconclusive, vacuous, supported. */
const WORST: Verdict[] = ['refuted', 'error', 'inconclusive', 'vacuous', 'supported', 'proved'];

/** The verdict of a conjunction from its parts' verdicts (cited parts count as proved, given). */
export function conjunctionVerdict(parts: readonly (Verdict | 'cited' | undefined)[]): Verdict {
  const vs = parts.map((v) => (v === 'cited' ? 'proved' : (v ?? 'inconclusive')));
  for (const v of WORST) if (vs.includes(v)) return v;
  return 'inconclusive';
}

/** Bases from the weakest to the strongest. */
const BASES: readonly Basis[] = ['given-cited', 'one-solver', 'two-solvers', 'certificate', 'kernel'];

/**
 * The weakest basis among proved parts (given-cited when a cited result is among them); undefined
 * when a part states none (a `proved` without a basis is no proof).
 */
export function weakestBasis(parts: readonly Pick<GraphNode, 'verdict' | 'basis'>[]): Basis | undefined {
  let weakest = BASES.length - 1;
  for (const p of parts) {
    const k = p.verdict === 'cited' ? 0 : p.basis ? BASES.indexOf(p.basis) : -1;
    if (k < 0) return undefined;
    weakest = Math.min(weakest, k);
  }
  return BASES[weakest];
}

type Status = { established: Established; brokenAt: string[] };

/** A node counts as holding only when proved with a stated basis (or supported: conditional); cited results hold. */
function holds(node: GraphNode): boolean {
  return (node.verdict === 'proved' && node.basis !== undefined) || node.verdict === 'supported';
}

/**
 * Fill `verdict` (and `corrected`) of conjunction rows and `established` / `brokenAt` of every
 * row, in place. A conjunction is assembled from what its parts establish, not from their own
 * verdicts alone: a part proved while something it rests on fails (or proved without a basis)
 * makes it `inconclusive`, a part resting on supported claims `supported` — so a conjunction row
 * is `proved` exactly when its headline says established. Returns the rows for chaining.
 */
export function propagate(rows: ClaimReport[], cited: readonly CitedResult[]): ClaimReport[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const nodes = graphNodes(rows, cited);
  const memo = new Map<string, Status>();
  const visiting = new Set<string>();

  const assemble = (node: GraphNode, below: Status[]) => {
    const parts = node.uses.map((u) => nodes.get(u));
    const missing = node.uses.filter((_, i) => !parts[i]);
    // What each part contributes: its own verdict when it fails itself, else what it establishes.
    const effective = parts.map((p, i): Verdict | undefined => {
      if (!p) return undefined;
      if (below[i].established === 'yes') return 'proved';
      if (below[i].established === 'conditional') return 'supported';
      // proved or supported itself, yet not established (without a basis, or resting on a failure)
      return p.verdict === 'proved' || p.verdict === 'supported' || p.verdict === 'cited' ? 'inconclusive' : p.verdict;
    });
    const reason = (i: number): string => {
      const p = parts[i]!;
      if (p.verdict === 'proved' && !holds(p)) return 'proved without a basis';
      if (holds(p) && below[i].established === 'no') return `${p.verdict}, rests on ${below[i].brokenAt.join(', ')}`;
      if (p.verdict === 'proved' && below[i].established === 'conditional') return 'proved, rests on supported claims';
      return p.verdict;
    };
    const verdict = missing.length ? 'inconclusive' : conjunctionVerdict(effective);
    const basis = verdict === 'proved' ? weakestBasis(parts as GraphNode[]) : undefined;
    const failing = node.uses.flatMap((u, i) => (parts[i] && effective[i] !== 'proved' ? [`${u} (${reason(i)})`] : []));
    const summary = missing.length
      ? `parts not run: ${missing.join(', ')}`
      : verdict === 'proved'
        ? `every part holds: ${node.uses.join(', ')}`
        : `${verdict}: ${failing.join(', ')}`;
    const partsEvidence = Object.fromEntries(node.uses.map((u, i) => [u, parts[i] ? reason(i) : 'not run']));
    node.verdict = verdict;
    node.basis = basis;
    const row = byId.get(node.of ?? node.id);
    if (!row) return;
    if (node.of) {
      const { assembled: _a, parts: _p, ...own } = (row.corrected!.evidence ?? {}) as Record<string, unknown>;
      row.corrected = { ...row.corrected!, verdict, method: 'exact', basis, summary, evidence: { ...own, assembled: true, parts: partsEvidence } };
      return;
    }
    const { assembled: _a, parts: _p, ...own } = row.evidence;
    row.verdict = verdict;
    row.method = 'exact';
    row.basis = basis;
    row.summary = summary;
    row.evidence = { ...own, assembled: true, parts: partsEvidence };
    row.decisive = summary;
  };

  const est = (id: string): Status => {
    const hit = memo.get(id);
    if (hit) return hit;
    const node = nodes.get(id);
    if (!node) return { established: 'no', brokenAt: [id] };
    if (node.verdict === 'cited') return { established: 'yes', brokenAt: [] };
    if (visiting.has(id)) return { established: 'no', brokenAt: [id] };
    visiting.add(id);
    const below = node.uses.map(est);
    if (node.conjunction) assemble(node, below);
    visiting.delete(id);
    const broken = [...new Set(below.flatMap((b) => b.brokenAt))];
    let out: Status;
    const ownOk = holds(node);
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
  // Conjunctions (and their corrected statements) first, so every row sees them assembled.
  for (const n of nodes.values()) if (n.conjunction) est(n.id);
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
      const n = countBelow(rows, id);
      const under = n.corrected.length ? ` (under the corrected readings of ${n.corrected.join(', ')}, not as printed)` : '';
      return `${r.title ?? name} (${id}): established — from ${n.proved} proved claims and ${n.cited} cited results${under}`;
    }
    if (r.established === 'conditional') {
      const n = countBelow(rows, id);
      return `${r.title ?? name} (${id}): conditional — rests on supported (numerical) claims${n.corrected.length ? ` and on the corrected readings of ${n.corrected.join(', ')}, not as printed` : ''}`;
    }
    // a claim it rests on that this run did not check (--only, --shard) is not where it breaks
    const ran = new Set(rows.map((x) => x.id.replace(/:corrected$/, '')));
    const at = r.brokenAt ?? [];
    const broken = at.filter((b) => ran.has(b.replace(/:corrected$/, '')));
    const notRun = at.filter((b) => !ran.has(b.replace(/:corrected$/, '')));
    if (!broken.length && notRun.length) return `${r.title ?? name} (${id}): not established here — rests on claims this run did not check: ${notRun.join(', ')}`;
    return `${r.title ?? name} (${id}): not established — broken at ${broken.join(', ') || id}${notRun.length ? `; not run: ${notRun.join(', ')}` : ''}`;
  });
}

/** What a main result rests on, through the graph's own edges (a `:corrected` node's own parts). */
function countBelow(rows: readonly ClaimReport[], id: string): { proved: number; cited: number; corrected: string[] } {
  const nodes = graphNodes(rows, []);
  const seen = new Set<string>();
  const walk = (u: string) => {
    if (seen.has(u)) return;
    seen.add(u);
    for (const v of nodes.get(u)?.uses ?? []) walk(v);
  };
  for (const u of nodes.get(id)?.uses ?? []) walk(u);
  let proved = 0;
  let cited = 0;
  const corrected: string[] = [];
  for (const u of seen) {
    const node = nodes.get(u);
    if (!node) cited++;
    else if (!node.conjunction && node.verdict === 'proved') proved++;
    if (node?.of) corrected.push(node.of);
  }
  // a main result that is itself a proved claim (not a conjunction) counts too
  const self = nodes.get(id);
  if (self && !self.conjunction && self.verdict === 'proved' && !seen.has(id)) proved++;
  return { proved, cited, corrected };
}
