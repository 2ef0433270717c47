/**
 * Build the explorer page: bundle src/explore/page.ts (and through it src/commands/constants.ts,
 * symbolic/constants.ts, … — the code behind `hypocheck constants`) for the browser with esbuild
 * and inline it into the HTML of src/explore/template.ts. One self-contained file.
 *
 * Node-only imports: src/commands/constants.ts (node:fs, node:path: writing `--grid` files) and
 * src/errors.ts (node:fs, node:path: output-path checks) import Node builtins that the page never
 * calls. They resolve to empty stubs here (`stubbed` lists them); calling one in the page would
 * throw "… is not a function".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pageHtml } from './template.ts';

const NODE_BUILTIN = /^node:|^(fs|path|url|os|module|child_process|worker_threads|util|crypto|events|stream)(\/.*)?$/;

export interface ExplorerBundle {
  /** The page's script (IIFE), with `</script` and `<!--` escaped for inlining. */
  script: string;
  /** Node builtins that resolved to empty stubs (imported but unused in the page). */
  stubbed: string[];
  /** Source files in the bundle, relative to the package root. */
  inputs: string[];
}

/** Bundle the page's script with esbuild (platform browser, ES2020 for BigInt). */
export async function bundleExplorerScript(): Promise<ExplorerBundle> {
  const esbuild = await import('esbuild');
  const stubbed = new Set<string>();
  const entry = fileURLToPath(new URL('./page.ts', import.meta.url));
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    charset: 'utf8',
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'stub-node-builtins',
        setup(build) {
          build.onResolve({ filter: NODE_BUILTIN }, (args) => {
            stubbed.add(args.path);
            return { path: args.path, namespace: 'node-stub' };
          });
          build.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
        },
      },
    ],
  });
  const text = result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node-stub:'));
  return { script: text, stubbed: [...stubbed].sort(), inputs };
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

/** The complete page (HTML with the script inlined). */
export async function buildExplorerHtml(): Promise<string> {
  const { script } = await bundleExplorerScript();
  return pageHtml(script, { version: packageVersion() });
}
