/**
 * The shipped paper's claims for `verify`, `list`, `show`, `derive`: records of
 * proofs/zhu-ying-2021.claims.yaml (through the claim-file loader) and the paper's TypeScript
 * claims not yet moved to data. The CLI imports the paper only through this module.
 */
export { allClaims, findClaim } from '../proofs/index.ts';
