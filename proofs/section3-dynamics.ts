/**
 * # Section 3 — is the rate sharp? (moved to data)
 *
 * The claims that lived here are records of proofs/zhu-ying-2021/dynamics.claims.yaml:
 * `thm:3.1:sharp` (kind spectral-rate), `thm:3.1:perturbed` (proofs/perturbed-rate.ts),
 * `fig:3.1`, `fig:3.1:a|b|c` (proofs/figure-3-1-checks.ts on proofs/figure-3-1.ts),
 * `rem:3.1:simulation`, `rem:3.2:simulation` (proofs/remarks-simulation.ts).
 * This file re-exports the figure's data and panels for `hypocheck figure`.
 */
export { correctedMeanRate, figure31Data, figure31Plots, printedMeanRate, DEFAULT_FIGURE_SPEC, type Figure31Data, type FigureSpec, type SimSetting } from './figure-3-1.ts';
