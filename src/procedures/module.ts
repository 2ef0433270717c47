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
    return check(record, env, ctx);
  },
});
