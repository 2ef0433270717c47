/**
 * `hypocheck mutate` (issue 9): for every claim and every printed datum of its record, plant an
 * error — a constant ×(1 + 1/7), a term's sign flipped, a term dropped, an exponent raised, a
 * relation's strictness flipped — re-decide the planted copy, and report whether the verdict or
 * the decisive evidence changed. A datum whose perturbations change nothing is *unread*: the
 * check ignores part of what is printed ("a checker that cannot fail proves nothing").
 *
 * Pure apart from running the procedures; the CLI (src/commands/mutate.ts) does the I/O.
 */
import { parse, type MathNode } from 'mathjs';
import type { CheckContext, CheckResult, Verdict } from './claims.ts';
import { printedFields, type ClaimRecord, type ClaimSet } from './claim-record.ts';
import { instantiate } from './procedures/registry.ts';
import { absToBars, barsToAbs, splitRelation } from '../symbolic/lang/text.ts';

export { absToBars, barsToAbs, splitRelation };

/** One planted error in one datum. */
export interface Perturbation {
  /** Path of the datum inside the record: `lhs`, `matrix[1][0]`, `forall[0]`. */
  path: string;
  /** What was planted: `constant 2 → 16/7`, `term 2 sign flipped`, `'<=' → '<'`. */
  description: string;
  /** The planted value. */
  value: unknown;
}

export interface DatumOutcome {
  path: string;
  /** The perturbation that turned the outcome (or the last tried when none did). */
  perturbation: string;
  read: boolean;
  /** Outcome of that perturbation. */
  verdict?: Verdict;
  decisive?: string;
  /** How many perturbations were tried for this datum. */
  tried: number;
}

export interface ClaimMutation {
  id: string;
  kind: string;
  baseline: { verdict: Verdict; decisive?: string };
  data: DatumOutcome[];
  /** Paths of unread data. */
  unread: string[];
}

export interface MutationReport {
  claims: ClaimMutation[];
  unreadTotal: number;
  dataTotal: number;
}

// ---------------------------------------------------------------- planting errors in text

const STRICTNESS: Record<string, string> = { '<': '<=', '<=': '<', '>': '>=', '>=': '>', '=': '!=', '==': '!=', '!=': '=' };

function tryParse(text: string): MathNode | undefined {
  try {
    return parse(barsToAbs(text));
  } catch {
    return undefined;
  }
}

/** Is `c` the exponent of a power node inside `root`? (Those are raised, not scaled.) */
function isExponent(root: MathNode, c: MathNode): boolean {
  let found = false;
  root.traverse((m) => {
    const n = m as MathNode & { type: string; op?: string; args?: MathNode[] };
    if (n.type === 'OperatorNode' && n.op === '^' && n.args![1] === c) found = true;
  });
  return found;
}

/** The additive terms of a node at its top level (through parentheses and unary plus). */
function terms(node: MathNode): { node: MathNode; sign: 1 | -1 }[] {
  const n = node as MathNode & { type: string; op?: string; args?: MathNode[]; content?: MathNode };
  if (n.type === 'ParenthesisNode') return terms(n.content!);
  if (n.type === 'OperatorNode' && n.op === '+' && n.args!.length === 2) return [...terms(n.args![0]), ...terms(n.args![1])];
  if (n.type === 'OperatorNode' && n.op === '-' && n.args!.length === 2)
    return [...terms(n.args![0]), ...terms(n.args![1]).map((t) => ({ node: t.node, sign: (-t.sign) as 1 | -1 }))];
  return [{ node, sign: 1 }];
}

function joinTerms(ts: { node: MathNode; sign: 1 | -1 }[]): string {
  if (ts.length === 0) return '0';
  return ts.map((t, i) => `${t.sign < 0 ? '-' : i === 0 ? '' : '+'} (${t.node.toString()})`).join(' ');
}

/** Planted errors in one expression (no relation): constants, signs, dropped terms, exponents. */
export function perturbExpression(text: string): { description: string; text: string }[] {
  const node = tryParse(text);
  if (!node) return [{ description: 'scaled by 8/7', text: `8/7*(${text})` }];
  const out: { description: string; text: string }[] = [];
  // Constants ×(1 + 1/7), one at a time (0 → 1/7).
  let k = 0;
  node.traverse((c) => {
    if ((c as { type: string }).type === 'ConstantNode' && !isExponent(node, c)) {
      const target = k++;
      let seen = 0;
      const planted = node.transform((m) => {
        if ((m as { type: string }).type === 'ConstantNode' && !isExponent(node, m) && seen++ === target) {
          const value = String((m as unknown as { value: unknown }).value);
          return parse(value === '0' ? '(1/7)' : `(8/7*${value})`);
        }
        return m;
      });
      out.push({ description: `constant ${String((c as unknown as { value: unknown }).value)} ×8/7`, text: planted.toString() });
    }
  });
  const ts = terms(node);
  if (ts.length >= 2) {
    for (let i = 0; i < ts.length; i++) {
      out.push({ description: `term ${i + 1} sign flipped`, text: joinTerms(ts.map((t, j) => (j === i ? { ...t, sign: (-t.sign) as 1 | -1 } : t))) });
      out.push({ description: `term ${i + 1} dropped`, text: joinTerms(ts.filter((_, j) => j !== i)) });
    }
  } else {
    out.push({ description: 'sign flipped', text: `-(${text})` });
    const f = ts[0].node as MathNode & { type: string; fn?: { name?: string }; args?: MathNode[] };
    if (f.type === 'FunctionNode' && f.args?.length === 1) {
      const name = f.fn?.name ?? 'f';
      for (const p of perturbExpression(f.args[0].toString())) out.push({ description: `inside ${name}: ${p.description}`, text: `${ts[0].sign < 0 ? '-' : ''}${name}(${p.text})` });
    }
  }
  // Exponents raised by one.
  let e = 0;
  node.traverse((c) => {
    const n = c as MathNode & { type: string; op?: string };
    if (n.type === 'OperatorNode' && n.op === '^') {
      const target = e++;
      let seen = 0;
      const planted = node.transform((m) => {
        const mm = m as MathNode & { type: string; op?: string; args?: MathNode[] };
        if (mm.type === 'OperatorNode' && mm.op === '^' && seen++ === target) return parse(`(${mm.args![0].toString()})^((${mm.args![1].toString()}) + 1)`);
        return m;
      });
      out.push({ description: `exponent ${target + 1} raised by 1`, text: planted.toString() });
    }
  });
  if (k === 0) out.push({ description: 'scaled by 8/7', text: `8/7*(${text})` });
  // Last: a stray constant term (the one error that turns a printed "X = 0" whose X is one term).
  out.push({ description: 'constant term 1/7 added', text: `(${text}) + 1/7` });
  return out.map((p) => ({ description: p.description, text: absToBars(p.text) }));
}

/** Planted errors in a printed string: a relation (strictness, sides) or an expression. */
export function perturbString(text: string): { description: string; text: string }[] {
  const rel = splitRelation(text);
  if (!rel) return perturbExpression(text);
  const out: { description: string; text: string }[] = [];
  const flipped = STRICTNESS[rel.rel];
  if (flipped) out.push({ description: `'${rel.rel}' → '${flipped}'`, text: `${rel.lhs}${flipped}${rel.rhs}` });
  // A definition `name(args) = body`: only the body is printed maths.
  const isDefinition = rel.rel === '=' && /^\s*[A-Za-z_]\w*\s*(\([^()]*\))?\s*$/.test(rel.lhs);
  for (const p of perturbExpression(rel.rhs)) out.push({ description: `right side: ${p.description}`, text: `${rel.lhs}${rel.rel} ${p.text}` });
  if (!isDefinition) for (const p of perturbExpression(rel.lhs)) out.push({ description: `left side: ${p.description}`, text: `${p.text} ${rel.rel}${rel.rhs}` });
  return isDefinition ? out.filter((p) => !p.description.startsWith("'")) : out;
}

/** A bare name (a variable list entry, a reference to a definition) is structure, not printed maths. */
const BARE_NAME = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*$/;

/** Every printed datum of a record with its planted errors, by path. */
export function perturbationsOf(record: ClaimRecord): Map<string, Perturbation[]> {
  const out = new Map<string, Perturbation[]>();
  const visit = (value: unknown, path: string, set: (v: unknown) => unknown) => {
    if (typeof value === 'string') {
      if (BARE_NAME.test(value) && !/^\d/.test(value.trim())) return;
      out.set(path, perturbString(value).map((p) => ({ path, description: p.description, value: set(p.text) })));
    } else if (typeof value === 'number') {
      const planted = value === 0 ? 1 / 7 : (value * 8) / 7;
      // a positive integer (a dimension, a count) also off by one: ×8/7 and −n are not integers
      const offByOne = Number.isInteger(value) && value > 0 ? [{ path, description: `${value} → ${value + 1}`, value: set(value + 1) }] : [];
      out.set(path, [{ path, description: `${value} ×8/7`, value: set(planted) }, { path, description: `${value} sign flipped`, value: set(-value) }, ...offByOne]);
    } else if (typeof value === 'boolean') {
      out.set(path, [{ path, description: `${value} → ${!value}`, value: set(!value) }]);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${path}[${i}]`, (v) => set(value.map((x, j) => (j === i ? v : x)))));
    } else if (value && typeof value === 'object') {
      for (const [k, item] of Object.entries(value)) visit(item, `${path}.${k}`, (v) => set({ ...(value as object), [k]: v }));
    }
  };
  for (const field of printedFields(record)) {
    visit(record[field], field, (v) => ({ ...record, [field]: v }));
  }
  return out;
}

// ---------------------------------------------------------------- running

export interface MutateOptions {
  /** Only claims whose id starts with this prefix. */
  only?: string;
  /** Stop trying a datum's perturbations at the first that turns the outcome. @defaultValue true */
  firstOnly?: boolean;
  /** Called when a claim starts (progress). */
  onClaim?: (id: string, index: number, total: number) => void;
}

async function decide(record: ClaimRecord, set: ClaimSet, ctx: CheckContext): Promise<CheckResult> {
  try {
    return await instantiate(record, { set }).check(ctx);
  } catch (err) {
    return { verdict: 'error', method: 'exact', summary: String(err), evidence: {}, decisive: `error: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Mutate one record: each datum, each planted error, until one turns the outcome. */
export async function mutateRecord(record: ClaimRecord, set: ClaimSet, ctx: CheckContext, options: MutateOptions = {}): Promise<ClaimMutation> {
  const { firstOnly = true } = options;
  const base = await decide(record, set, ctx);
  const data: DatumOutcome[] = [];
  for (const [path, perturbations] of perturbationsOf(record)) {
    let outcome: DatumOutcome = { path, perturbation: perturbations[0]?.description ?? 'none', read: false, tried: 0 };
    for (const p of perturbations) {
      if (ctx.signal?.aborted) break;
      const r = await decide(p.value as ClaimRecord, set, ctx);
      // An error of the planted copy (it no longer parses or validates) is no evidence of reading.
      const changed = r.verdict !== 'error' && (r.verdict !== base.verdict || (r.decisive ?? '') !== (base.decisive ?? ''));
      outcome = { path, perturbation: p.description, read: changed, verdict: r.verdict, decisive: r.decisive, tried: outcome.tried + 1 };
      if (changed && firstOnly) break;
    }
    data.push(outcome);
  }
  return {
    id: record.id,
    kind: record.kind,
    baseline: { verdict: base.verdict, decisive: base.decisive },
    data,
    unread: data.filter((d) => !d.read).map((d) => d.path),
  };
}

/**
 * The file's printed symbols — definitions and matrices (e.g. K, P of (4.4)) — are printed data
 * too: each is perturbed in a copy of the set, and the claims that mention its name are re-decided;
 * it is read when any of their outcomes turns. Reported as the pseudo-claim `symbols`.
 */
export async function mutateSymbols(set: ClaimSet, records: readonly ClaimRecord[], ctx: CheckContext, options: MutateOptions = {}): Promise<ClaimMutation | undefined> {
  const { firstOnly = true } = options;
  const data: DatumOutcome[] = [];
  // A claim uses a symbol when it names it, or names a function whose arguments name it (θ in ε(θ)).
  const viaFunctions = (name: string) => Object.entries(set.symbols.functions).filter(([, f]) => f.args.includes(name)).map(([fn]) => fn);
  // Only printed fields count (not the statement or notes), and a record that redefines the name
  // (`define: ["C2 = …"]`) does not read the file's definition.
  const mentions = (r: ClaimRecord, name: string) => {
    const own = ((r.define as string[] | undefined) ?? []).map((d) => splitRelation(String(d))?.lhs.trim());
    if (own.includes(name)) return false;
    const printed = JSON.stringify(printedFields(r).map((f) => r[f]));
    return [name, ...viaFunctions(name)].some((n) => new RegExp(`\\b${n}\\b`).test(printed));
  };
  const baselines = new Map<string, CheckResult>();
  const baseline = async (r: ClaimRecord) => {
    if (!baselines.has(r.id)) baselines.set(r.id, await decide(r, set, ctx));
    return baselines.get(r.id)!;
  };
  const planted: { path: string; name: string; perturbations: { description: string; set: ClaimSet }[] }[] = [];
  set.symbols.definitions.forEach((def, k) => {
    const name = splitRelation(def)?.lhs.trim().replace(/\(.*$/, '') ?? '';
    planted.push({ path: `symbols.definitions[${k}]`, name, perturbations: perturbString(def).map((p) => ({ description: p.description, set: { ...set, symbols: { ...set.symbols, definitions: set.symbols.definitions.map((d, j) => (j === k ? p.text : d)) } } })) });
  });
  for (const [name, rows] of Object.entries(set.symbols.matrices ?? {})) {
    rows.forEach((row, i) =>
      row.forEach((entry, j) => {
        const path = `symbols.matrices.${name}[${i}][${j}]`;
        const perturbations = perturbString(String(entry)).map((p) => {
          const m = rows.map((rr, ii) => rr.map((e, jj) => (ii === i && jj === j ? p.text : e)));
          return { description: p.description, set: { ...set, symbols: { ...set.symbols, matrices: { ...set.symbols.matrices, [name]: m } } } };
        });
        planted.push({ path, name, perturbations });
      }),
    );
  }
  for (const { path, name, perturbations } of planted) {
    const users = records.filter((r) => name && mentions(r, name));
    // With --only, a symbol no selected claim mentions is outside the question.
    if (users.length === 0 && options.only) continue;
    let outcome: DatumOutcome = { path, perturbation: perturbations[0]?.description ?? 'none', read: false, tried: 0 };
    search: for (const p of perturbations) {
      for (const r of users) {
        if (ctx.signal?.aborted) break search;
        const base = await baseline(r);
        const got = await decide(r, p.set, ctx);
        const changed = got.verdict !== 'error' && (got.verdict !== base.verdict || (got.decisive ?? '') !== (base.decisive ?? ''));
        outcome = { path, perturbation: `${p.description} (seen by ${r.id})`, read: changed, verdict: got.verdict, decisive: got.decisive, tried: outcome.tried + 1 };
        if (changed && firstOnly) break search;
      }
    }
    data.push(outcome);
  }
  if (!data.length) return undefined;
  return { id: 'symbols', kind: 'file', baseline: { verdict: 'proved' }, data, unread: data.filter((d) => !d.read).map((d) => d.path) };
}

/** Mutate every record of a claim set (optionally only ids with a prefix), then the file's symbols. */
export async function mutateClaimSet(set: ClaimSet, ctx: CheckContext, options: MutateOptions = {}): Promise<MutationReport> {
  const records = set.claims.filter((r) => !options.only || r.id === options.only || r.id.startsWith(options.only));
  const claims: ClaimMutation[] = [];
  for (const [i, r] of records.entries()) {
    if (ctx.signal?.aborted) break;
    options.onClaim?.(r.id, i, records.length);
    claims.push(await mutateRecord(r, set, ctx, options));
  }
  const symbols = await mutateSymbols(set, records, ctx, options);
  if (symbols) claims.push(symbols);
  return {
    claims,
    unreadTotal: claims.reduce((s, c) => s + c.unread.length, 0),
    dataTotal: claims.reduce((s, c) => s + c.data.length, 0),
  };
}
