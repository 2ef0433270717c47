/**
 * `hypocheck search` on claims as data (issue 10): a counterexample search for any record whose
 * printed statement is a relation between parameter expressions — kinds `inequality`,
 * `norm-inequality` and `formula-identity`. fast-check draws exact points of the record's domain
 * (shrinking toward small, round values), Nelder–Mead pushes the float margin, and every reported
 * case is re-checked exactly: the sign of lhs − rhs in ℚ(√r…) against the printed relation, strict
 * or not, at a point that satisfies the printed domains and every `forall` hypothesis.
 * Knows no paper.
 */
import fc from 'fast-check';
import type { ClaimRecord, ProcedureEnv } from './claim-record.ts';
import type { SearchTarget } from '../numeric/search.ts';
import type { ParamExpr } from '../symbolic/lang/index.ts';
import { difference, parseDomain, parseRelation, signAt, type ParameterDomain } from '../symbolic/lang/param.ts';
import { evaluateFormula, type Relation } from '../symbolic/z3.ts';
import { Rational, q } from '../symbolic/rational.ts';
import { langSymbols } from './procedures/common.ts';

/** The kinds a record search understands. */
export const SEARCHABLE_KINDS = ['inequality', 'norm-inequality', 'formula-identity'] as const;

type Point = Record<string, Rational>;

/** The printed relation of a searchable record, and the extra free symbols with their ranges. */
function relationOf(record: ClaimRecord): { text: string; extra: Record<string, ParameterDomain> } {
  const extra: Record<string, ParameterDomain> = {};
  for (const n of ((record.nonnegative as string[] | undefined) ?? []).map(String)) extra[n] = parseDomain(n, '>= 0');
  for (const n of ((record.free as string[] | undefined) ?? []).map(String)) extra[n] = parseDomain(n, 'real');
  if (record.kind === 'formula-identity') return { text: `${String(record.lhs)} = ${String(record.rhs)}`, extra };
  if (typeof record.relation !== 'string') throw new RangeError(`${record.id}: no printed relation to search`);
  return { text: record.relation, extra };
}

/** sign of lhs − rhs violates the printed relation. */
function violates(rel: Relation, s: -1 | 0 | 1): boolean {
  switch (rel) {
    case '<=': return s > 0;
    case '<': return s >= 0;
    case '>=': return s < 0;
    case '>': return s <= 0;
    case '=': return s !== 0;
    case '!=': return s === 0;
  }
}

/** Float value of a parameter expression (NaN where a radicand is negative or the denominator 0). */
function floatValue(e: ParamExpr, at: Readonly<Record<string, number>>): number {
  const vals: Record<string, number> = { ...at };
  for (const [s, r] of Object.entries(e.roots)) vals[s] = Math.sqrt(r.evaluateNumber(at));
  return e.num.evaluateNumber(vals) / e.den.evaluateNumber(vals);
}

/** An exact rational inside a domain from two small integers (shrinks toward the lower bound and round values). */
function valueArb(dom: ParameterDomain): fc.Arbitrary<Rational> {
  const den = dom.integer ? fc.constant(1) : fc.constantFrom(1, 2, 4, 8, 16);
  return fc.tuple(fc.integer({ min: 0, max: 160 }), den, fc.boolean()).map(([k, d, neg]) => {
    if (dom.lo && dom.hi) return dom.lo.add(dom.hi.sub(dom.lo).mul(q(k % (8 * d + 1), 8 * d)));
    if (dom.lo) return dom.lo.add(q(k, d));
    if (dom.hi) return dom.hi.sub(q(k, d));
    return neg ? q(-k, d) : q(k, d);
  });
}

/** A search target for a record of a searchable kind (throws RangeError when it is not one). */
export function recordSearchTarget(record: ClaimRecord, env: ProcedureEnv): SearchTarget<Point> {
  if (!(SEARCHABLE_KINDS as readonly string[]).includes(record.kind)) {
    throw new RangeError(`claim ${record.id} has kind ${record.kind}; search works on ${SEARCHABLE_KINDS.join(', ')}`);
  }
  const syms = langSymbols(env, record);
  const { text, extra } = relationOf(record);
  if (/\b(max|min)\s*\(/.test(`${text} ${((record.forall as string[] | undefined) ?? []).join(' ')}`))
    throw new RangeError(`claim ${record.id} uses max/min: search does not split it into cases (\`check\` decides it case by case; to search one case, state it with its ordering in forall, e.g. "a >= b")`);
  const dims = Array.isArray(record.dimension) ? (record.dimension as unknown[]).map(Number) : typeof record.dimension === 'number' ? [record.dimension] : undefined;
  const dimName = syms.dimension?.name ?? 'd';
  const extraNames = [...Object.keys(extra), ...(dims ? [dimName] : [])];
  const parsed = parseRelation(text, syms, extraNames);
  const diff = difference(parsed.lhs, parsed.rhs);
  const hyps = ((record.forall as string[] | undefined) ?? []).map((h) => parseRelation(String(h), syms, extraNames));
  const rootNames = new Set(Object.keys(diff.roots));
  const names = [...new Set([diff.num, diff.den, ...Object.values(diff.roots), ...hyps.flatMap((h) => [h.lhs.num, h.lhs.den, h.rhs.num, h.rhs.den])].flatMap((p) => p.variables()))]
    .filter((v) => !rootNames.has(v) && !/^sqrt_[0-9a-f]{12}$/.test(v))
    .sort();
  const domains: Record<string, ParameterDomain> = {};
  for (const n of names) {
    if (n in extra) domains[n] = extra[n];
    else if (dims && n === dimName) domains[n] = parseDomain(n, 'integer >= 1');
    else if (n in syms.parameters) domains[n] = parseDomain(n, syms.parameters[n].domain);
    else throw new RangeError(`${record.id}: symbol ${n} has no domain to search over`);
  }
  const inDomain = (at: Point): boolean =>
    names.every((n) => (dims && n === dimName ? dims.some((d) => at[n].equals(q(d))) : domainHolds(domains[n], at[n], n))) &&
    hyps.every((h) => {
      const s = signAt(difference(h.lhs, h.rhs), at);
      return s !== undefined && !violates(h.rel, s);
    });
  const pointArb = fc.record(Object.fromEntries(names.map((n) => [n, dims && n === dimName ? fc.constantFrom(...dims).map((d) => q(d)) : valueArb(domains[n])]))) as fc.Arbitrary<Point>;
  const float = (at: Point) => Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v.toNumber()]));
  const margin = (at: Point): number => {
    if (!inDomain(at)) return Infinity;
    const f = float(at);
    const l = floatValue(parsed.lhs, f), r = floatValue(parsed.rhs, f);
    if (!Number.isFinite(l) || !Number.isFinite(r)) return Infinity;
    const scale = Math.max(1e-300, Math.abs(l) + Math.abs(r));
    switch (parsed.rel) {
      case '<=': case '<': return (r - l) / scale - (parsed.rel === '<' && r === l ? 1e-6 : 0);
      case '>=': case '>': return (l - r) / scale - (parsed.rel === '>' && r === l ? 1e-6 : 0);
      case '=': return -Math.abs(l - r) / scale;
      default: return Math.abs(l - r) / scale - (l === r ? 1 : 0);
    }
  };
  return {
    id: record.id,
    statement: `${text}${hyps.length ? ` for ${((record.forall as string[]) ?? []).join(', ')}` : ''} (${record.kind}, exact re-check)`,
    arbitrary: pointArb.filter(inDomain),
    margin,
    knobs: {
      get: (at) => names.map((n) => at[n].toNumber()),
      set: (at, x) => {
        const out: Point = { ...at };
        names.forEach((n, i) => {
          if (dims && n === dimName) return;
          const r = domains[n].integer ? q(BigInt(Math.round(x[i]))) : q(Math.round(x[i] * 16), 16);
          if (Number.isFinite(x[i]) && domainHolds(domains[n], r, n)) out[n] = r;
        });
        return inDomain(out) ? out : at;
      },
    },
    recheck: (at) => {
      if (!inDomain(at)) return { violated: false, evidence: { method: 'exact', reason: 'outside the domain or a hypothesis' } };
      const s = signAt(diff, at);
      if (s === undefined) return { violated: false, evidence: { method: 'exact', reason: 'undefined here (denominator 0 or a negative radicand)' } };
      return { violated: violates(parsed.rel, s), evidence: { method: 'exact sign of lhs − rhs in Q(√r)', sign: s > 0 ? 'lhs > rhs' : s < 0 ? 'lhs < rhs' : 'lhs = rhs', printed: parsed.rel } };
    },
    describe: (at) => Object.fromEntries(names.map((n) => [n, at[n].toString()])),
  };
}

function domainHolds(dom: ParameterDomain, x: Rational, name: string): boolean {
  return (!dom.integer || x.isInteger()) && evaluateFormula(dom.formula, { [name]: x });
}
