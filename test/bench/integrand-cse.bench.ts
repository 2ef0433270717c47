/**
 * The JS integrand compiler with shared subexpressions against the written-out tree (the
 * compiler before issue 13), on the Prop. 4.1 integrands: time per sample and bit identity.
 */
import { compileJs, type Expr, type Integrand } from '../../numeric/expr.ts';
import { drawPropertyCase, propertyIntegrand } from '../../proofs/section4-bounds.ts';

/** The written-out compiler (no sharing): the reference the shared one must equal bit for bit. */
function jsOf(e: Expr): string {
  switch (e.op) {
    case 'const': return `(${e.value.toPrecision(17)})`;
    case 'x': return `x[${e.index}]`;
    case 'v': return `v[${e.index}]`;
    case 'param': return `p[${JSON.stringify(e.name)}]`;
    case 'add': return e.args.length === 0 ? '0' : `(${e.args.map(jsOf).join(' + ')})`;
    case 'mul': return e.args.length === 0 ? '1' : `(${e.args.map(jsOf).join(' * ')})`;
    case 'div': return `(${jsOf(e.num)} / ${jsOf(e.den)})`;
    case 'powi': return e.exp === 0 ? '1' : e.exp === 1 ? jsOf(e.base) : `powi(${jsOf(e.base)}, ${e.exp})`;
    case 'neg': return `(-${jsOf(e.arg)})`;
    default: return `Math.${e.op}(${jsOf(e.arg)})`;
  }
}
function compileWrittenOut(f: Integrand) {
  const body = f.exprs.map((e, k) => `out[${k}] = ${jsOf(e)};`).join('\n');
  const powi = (b: number, n: number) => { let r = b; for (let i = 1; i < n; i++) r *= b; return r; };
  return new Function('p', 'powi', `return function(x, v, out) {\n${body}\n};`)({ ...f.params }, powi) as (x: Float64Array, v: Float64Array, o: Float64Array) => void;
}

function treeSize(e: Expr): number {
  switch (e.op) {
    case 'const': case 'x': case 'v': case 'param': return 1;
    case 'add': case 'mul': return 1 + e.args.reduce((s, a) => s + treeSize(a), 0);
    case 'div': return 1 + treeSize(e.num) + treeSize(e.den);
    case 'powi': return 1 + treeSize(e.base);
    default: return 1 + treeSize(e.arg);
  }
}

function timePerSample(f: (x: Float64Array, v: Float64Array, o: Float64Array) => void, d: number, outs: number, n: number): { ns: number; sum: Float64Array } {
  const x = new Float64Array(d);
  const v = new Float64Array(d);
  const o = new Float64Array(outs);
  const sum = new Float64Array(outs);
  let s = 0x9e3779b9;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 4 - 2;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) { x[j] = rnd(); v[j] = rnd(); }
    f(x, v, o);
    for (let k = 0; k < outs; k++) sum[k] += o[k];
  }
  return { ns: ((performance.now() - t0) * 1e6) / n, sum };
}

export async function run(log: (line: string) => void): Promise<void> {
  log('case  d  outputs  tree nodes  written-out ns/sample  shared ns/sample  speed-up  bit-identical');
  for (let k = 0; k < 4; k++) {
    const c = drawPropertyCase(1, k);
    const f = propertyIntegrand(c);
    const nodes = f.exprs.reduce((s, e) => s + treeSize(e), 0);
    const n = 20000;
    const a = timePerSample(compileWrittenOut(f), f.d, f.exprs.length, n);
    const b = timePerSample(compileJs(f), f.d, f.exprs.length, n);
    const same = a.sum.every((x, i) => Object.is(x, b.sum[i]));
    log(`${k}     ${f.d}  ${String(f.exprs.length).padEnd(7)}  ${String(nodes).padEnd(10)}  ${a.ns.toFixed(0).padStart(21)}  ${b.ns.toFixed(0).padStart(16)}  ${(a.ns / b.ns).toFixed(1).padStart(7)}×  ${same}`);
  }
}
