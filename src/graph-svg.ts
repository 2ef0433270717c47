/**
 * DOT to SVG (issue 11): the proof graph of `proofGraph` (src/commands/graph.ts) laid out by
 * Graphviz itself (@hpcc-js/wasm-graphviz, the `dot` engine compiled to WebAssembly; no binary on
 * PATH needed), for `hypocheck graph --format svg` and the graph embedded in report.html.
 */
type GraphvizInstance = { dot(src: string, format?: 'svg'): string };
let loading: Promise<GraphvizInstance> | undefined;

/** The WebAssembly Graphviz, loaded once per process. */
function graphviz(): Promise<GraphvizInstance> {
  loading ??= import('@hpcc-js/wasm-graphviz')
    .then((m) => m.Graphviz.load() as Promise<GraphvizInstance>)
    .catch((e: unknown) => {
      loading = undefined;
      throw e;
    });
  return loading;
}

/** Starts loading Graphviz now (its WebAssembly compiles off the main thread), for a layout later. */
export function preloadGraphviz(): void {
  graphviz().catch(() => undefined);
}

/** Lay out DOT text with Graphviz's `dot` engine: an SVG document (with XML prolog). */
export async function layoutDot(dot: string): Promise<string> {
  return (await graphviz()).dot(dot, 'svg');
}

/**
 * The `<svg>` element alone, to embed in HTML: the XML prolog, the DOCTYPE (whose DTD is an
 * http URL) and Graphviz's comments are dropped.
 */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf('<svg');
  return (start >= 0 ? svg.slice(start) : svg).replace(/<!--[\s\S]*?-->\n?/g, '').trim();
}

