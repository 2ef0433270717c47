/**
 * `kind: module` — the escape hatch (issues 9, 10): a TypeScript `ModuleCheck` named by
 * `module: "file.ts#export"`, relative to the claim file, that reads its printed data from the
 * record like any procedure. The shipped paper's modules resolve through a static map (so a
 * bundled build needs no dynamic import); a user's modules run only with `--allow-modules`.
 * Module claims are counted in the report (`modules`).
 */
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { ModuleCheck } from '../claim-record.ts';
import type { Basis, CheckResult, Method, Verdict } from '../claims.ts';
import { registerProcedure } from './registry.ts';

const staticModules = new Map<string, ModuleCheck>();

/** Register checks by `file.ts#export` relative to `baseDir` (the folder of the claim file). */
export function registerStaticModules(baseDir: string, map: Readonly<Record<string, ModuleCheck>>): void {
  for (const [spec, check] of Object.entries(map)) staticModules.set(keyOf(baseDir, spec), check);
}

function keyOf(baseDir: string, spec: string): string {
  const [file, name] = spec.split('#');
  return `${resolve(baseDir, file)}#${name}`;
}

const MODULE_SPEC = /^[\w./-]+\.(ts|mts|js|mjs)#[A-Za-z_$][\w$]*$/;

async function importCheck(key: string): Promise<ModuleCheck> {
  const [file, name] = key.split('#');
  const url = pathToFileURL(file).href;
  let mod: Record<string, unknown>;
  try {
    mod = await import(url);
  } catch (err) {
    if (!/\.m?ts$/.test(file)) throw err;
    const { tsImport } = await import('tsx/esm/api');
    mod = (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  const check = mod[name];
  if (typeof check !== 'function') throw new RangeError(`module ${file} has no exported function ${name}`);
  return check as ModuleCheck;
}

/** What a `proved` may rest on (src/claims.ts Basis). */
const BASES: readonly Basis[] = ['kernel', 'certificate', 'two-solvers', 'one-solver', 'given-cited'];
/** Methods that never prove: they sample, simulate or approximate. */
const NUMERIC: readonly Method[] = ['simulation', 'monte-carlo', 'property-search', 'quadrature', 'spectral'];

/** Why a module's `proved` (or its corrected statement's) is no proof, if it is not. */
function badProof(r: { verdict: Verdict; method: Method; basis?: Basis }): string | undefined {
  if (r.verdict !== 'proved') return undefined;
  if (NUMERIC.includes(r.method)) return `returned proved by ${r.method}, which never proves (return supported, or proved by an exact method with its basis)`;
  if (r.basis === undefined) return `returned proved without a basis (state basis: ${BASES.join(', ')})`;
  if (!BASES.includes(r.basis)) return `returned proved with an unknown basis "${String(r.basis)}" (one of ${BASES.join(', ')})`;
  return undefined;
}

/**
 * A module's `proved` counts only with a stated basis and a method that can prove: otherwise the
 * verdict is `error`, naming the module and what it returned (never a silent proof, never a silent
 * downgrade). The same holds for a `corrected` the module returns itself.
 */
export function provedOnlyWithBasis(result: CheckResult, spec: string): CheckResult {
  const bad = badProof(result);
  if (bad) {
    const summary = `module ${spec} ${bad}`;
    return { verdict: 'error', method: result.method, summary, evidence: { reason: summary, moduleSummary: result.summary, moduleEvidence: result.evidence }, decisive: `bad proved: ${bad}` };
  }
  const c = result.corrected;
  const badCorrected = c ? badProof(c) : undefined;
  if (c && badCorrected) {
    const summary = `module ${spec} ${badCorrected}`;
    return { ...result, corrected: { ...c, verdict: 'error', basis: undefined, summary: `corrected statement: ${summary}`, evidence: { reason: summary, moduleSummary: c.summary, moduleEvidence: c.evidence } } };
  }
  return result;
}

registerProcedure({
  kind: 'module',
  summary: 'a TypeScript check (file.ts#export) that reads its printed data from the record; runs only with --allow-modules',
  method: 'exact',
  fields: z.looseObject({ module: z.string().regex(MODULE_SPEC, 'module: "file.ts#exportName"') }),
  validate(record, env) {
    const spec = String(record.module ?? '');
    if (!MODULE_SPEC.test(spec)) return [{ path: 'module', message: 'expected "file.ts#exportName"' }];
    const key = keyOf(dirname(env.set.file), spec);
    if (!staticModules.has(key) && !env.set.allowModules) return [{ path: 'module', message: `runs TypeScript (${spec}); pass --allow-modules to let it run` }];
    return [];
  },
  async decide(record, env, ctx) {
    const key = keyOf(dirname(env.set.file), String(record.module));
    let check = staticModules.get(key);
    if (!check) {
      if (!env.set.allowModules) throw new RangeError(`${record.id}: module ${String(record.module)} needs --allow-modules`);
      check = await importCheck(key);
    }
    return provedOnlyWithBasis(await check(record, env, ctx), String(record.module));
  },
});
