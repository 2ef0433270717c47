/**
 * The static map of the shipped paper's module checks (`kind: module` records of
 * proofs/zhu-ying-2021.claims.yaml): `file.ts#export` → ModuleCheck. A bundled build resolves
 * modules through this map, with no dynamic import.
 */
import type { ModuleCheck } from '../src/claim-record.ts';

export const paperModules: Record<string, ModuleCheck> = {};
