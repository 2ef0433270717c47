/**
 * Loads every generic decision procedure (each file registers its kind at import).
 * One import line per procedure file; keep them sorted.
 */
import './change-of-variables.ts';
import './conjunction.ts';
import './expectation-bound.ts';
import './fokker-planck.ts';
import './formula-identity.ts';
import './identity.ts';
import './inequality.ts';
import './integral-identity.ts';
import './integral-inequality.ts';
import './matrix-kinds.ts';
import './module.ts';
import './stationary-density.ts';
import './vacuity.ts';
import './spectral-rate.ts';
export { getProcedure, instantiate, procedureKinds, registerProcedure, type Procedure } from './registry.ts';
