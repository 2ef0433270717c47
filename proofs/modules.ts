/**
 * The static map of the shipped paper's module checks (`kind: module` records of
 * proofs/zhu-ying-2021.claims.yaml): `file.ts#export` → ModuleCheck. A bundled build resolves
 * modules through this map, with no dynamic import.
 */
import type { ModuleCheck } from '../src/claim-record.ts';
import { stalenessMean } from './staleness-mean.ts';
import { perturbedRate } from './perturbed-rate.ts';
import { fig31, fig31a, fig31b, fig31c } from './figure-3-1-checks.ts';
import { rem31Simulation, rem32Simulation } from './remarks-simulation.ts';
import { a4ChainRule, a4Young, a5Sign } from './appendix-steps.ts';
import { lemma41 } from './lemma-4-1.ts';
import { prop41aNumeric, prop41bNumeric, prop41cLocal, prop41dLocal, prop41eLocal } from './prop41-steps.ts';

export const paperModules: Record<string, ModuleCheck> = {
  'staleness-mean.ts#stalenessMean': stalenessMean,
  'perturbed-rate.ts#perturbedRate': perturbedRate,
  'figure-3-1-checks.ts#fig31': fig31,
  'figure-3-1-checks.ts#fig31a': fig31a,
  'figure-3-1-checks.ts#fig31b': fig31b,
  'figure-3-1-checks.ts#fig31c': fig31c,
  'remarks-simulation.ts#rem31Simulation': rem31Simulation,
  'remarks-simulation.ts#rem32Simulation': rem32Simulation,
  'appendix-steps.ts#a4ChainRule': a4ChainRule,
  'appendix-steps.ts#a4Young': a4Young,
  'appendix-steps.ts#a5Sign': a5Sign,
  'lemma-4-1.ts#lemma41': lemma41,
  'prop41-steps.ts#prop41aNumeric': prop41aNumeric,
  'prop41-steps.ts#prop41bNumeric': prop41bNumeric,
  'prop41-steps.ts#prop41cLocal': prop41cLocal,
  'prop41-steps.ts#prop41dLocal': prop41dLocal,
  'prop41-steps.ts#prop41eLocal': prop41eLocal,
};
