/**
 * The explorer page's HTML shell: inputs, result tables, plot slots. The script (the bundle of
 * src/explore/page.ts) is inlined by src/explore/bundle.ts; nothing is loaded from anywhere else
 * (no fonts, no favicon request, a CSP that forbids network access).
 */

export interface ParamSpec {
  /** The `constants` flag without dashes (the input's id). */
  key: 'omega0' | 'gamma' | 'beta' | 'eta' | 'kappa' | 'sigma' | 'delta' | 'eps0';
  label: string;
  /** Which parametrisation shows the row. */
  modes: ('gb' | 'asgd')[];
  initial: string;
  /** Slider: log10 scale over [lo, hi] (positive magnitudes) or linear (κ). */
  slider: { log: boolean; lo: number; hi: number; step: number };
  hint: string;
  optional?: string;
}

export const PARAMS: ParamSpec[] = [
  { key: 'omega0', label: 'ω₀', modes: ['gb', 'asgd'], initial: '1', slider: { log: true, lo: -2, hi: 2, step: 0.01 }, hint: '> 0, magnitude in [1e-6, 1e6]' },
  { key: 'gamma', label: 'γ', modes: ['gb'], initial: '0.5', slider: { log: true, lo: -2, hi: 2, step: 0.01 }, hint: '> 0, magnitude in [1e-6, 1e6]; γ = 2ω₀ is the critical case' },
  { key: 'beta', label: 'β', modes: ['gb'], initial: '2', slider: { log: true, lo: -3, hi: 3, step: 0.01 }, hint: '> 0, magnitude in [1e-6, 1e6] (enters C₂ only)' },
  { key: 'eta', label: 'η', modes: ['asgd'], initial: '0.01', slider: { log: true, lo: -4, hi: 0, step: 0.01 }, hint: 'learning rate > 0; γ² = (1 − κ)/η' },
  { key: 'kappa', label: 'κ', modes: ['asgd'], initial: '0.98', slider: { log: false, lo: 0.01, hi: 0.99, step: 0.01 }, hint: 'staleness rate in (0, 1)' },
  { key: 'sigma', label: 'Σ', modes: ['asgd'], initial: '1', slider: { log: true, lo: -3, hi: 3, step: 0.01 }, hint: '> 0; τ = η^{3/4}(1 − κ)^{−1/4}Σ, β = 2γ/(τ²ω₀⁴)' },
  { key: 'delta', label: 'δ', modes: ['gb', 'asgd'], initial: '', slider: { log: true, lo: -3, hi: 1, step: 0.01 }, hint: 'critical case only: rate γ/2 − δ, δ in (0, ω₀)', optional: 'default ω₀/10' },
  { key: 'eps0', label: 'ε₀', modes: ['gb', 'asgd'], initial: '', slider: { log: true, lo: -4, hi: 2, step: 0.01 }, hint: 'ε₀ of Assumption 3.1 (for ε and the printed C₁)', optional: 'not given' },
];

const CSS = `
:root { --fg: #1b1f24; --muted: #5b6570; --line: #d8dee4; --bg: #f6f8fa; --accent: #1f6feb; --bad: #b42318; --good: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: white; }
header { padding: 14px 24px; border-bottom: 1px solid var(--line); background: var(--bg); }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: var(--muted); }
main { display: grid; grid-template-columns: minmax(330px, 400px) 1fr; gap: 20px; padding: 16px 24px; align-items: start; }
@media (max-width: 980px) { main { grid-template-columns: 1fr; } }
section { margin-bottom: 18px; }
h2 { font-size: 15px; margin: 0 0 8px; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 0 0 12px; }
legend { padding: 0 4px; color: var(--muted); }
.param { display: grid; grid-template-columns: 28px 110px 1fr; gap: 4px 8px; align-items: center; margin: 6px 0 10px; }
.param label { font-weight: 600; font-size: 15px; }
.param input[type=text] { width: 110px; padding: 3px 6px; font: 13px ui-monospace, monospace; border: 1px solid var(--line); border-radius: 4px; }
.param input[type=text].invalid { border-color: var(--bad); background: #fff4f2; }
.param input[type=range] { width: 100%; }
.param .hint { grid-column: 2 / 4; color: var(--muted); font-size: 12px; }
.hidden { display: none !important; }
#error { margin-bottom: 10px; border: 1px solid var(--bad); background: #fff4f2; color: var(--bad); padding: 8px 12px; border-radius: 6px; font: 13px ui-monospace, monospace; white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { width: 150px; font-weight: 600; white-space: nowrap; }
td.num { font: 13px ui-monospace, monospace; }
td.note { color: var(--muted); font-size: 12px; }
.refuted { color: var(--bad); }
.proved { color: var(--good); }
.stale { opacity: 0.35; }
#plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 12px; }
#plots figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px; overflow-x: auto; }
#plots svg { max-width: 100%; height: auto; }
code, pre { font: 12px ui-monospace, monospace; }
pre { background: var(--bg); padding: 8px; border-radius: 6px; overflow: auto; max-height: 420px; }
#command { user-select: all; }
footer { padding: 8px 24px 20px; color: var(--muted); font-size: 12px; }
`;

function paramRow(p: ParamSpec): string {
  const { slider: s } = p;
  return `<div class="param" data-modes="${p.modes.join(' ')}" id="row-${p.key}">
  <label for="${p.key}">${p.label}</label>
  <input type="text" id="${p.key}" name="${p.key}" value="${p.initial}" autocomplete="off" spellcheck="false"${p.optional ? ` placeholder="${p.optional}"` : ''}>
  <input type="range" id="${p.key}-slider" aria-label="${p.label} slider${s.log ? ' (log scale)' : ''}" min="${s.lo}" max="${s.hi}" step="${s.step}">
  <span class="hint">${p.hint}${s.log ? ' · slider: log scale' : ''}</span>
</div>`;
}

/** The whole page around an (already escaped) script. */
export function pageHtml(script: string, meta: { version: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>hypocheck explore — the constants of Theorem 3.1 (Zhu &amp; Ying 2021)</title>
<style>${CSS}</style>
</head>
<body>
<header>
  <h1>hypocheck explore</h1>
  <p>The constants of Theorem 3.1 of Zhu &amp; Ying (2021): regime, λ(Q), μ printed and proved, C, Ĉ, P, K − 2μP, C₂, C₁, ε and the rates of (3.6)/(3.7).
  Computed in this page by the same code as <code>hypocheck constants</code> (hypocheck ${meta.version}); no network access.</p>
</header>
<main>
<div>
  <section>
    <fieldset id="mode">
      <legend>parametrisation</legend>
      <label><input type="radio" name="mode" id="mode-gb" value="gb" checked> γ, β (the SDE)</label>
      <label style="margin-left:14px"><input type="radio" name="mode" id="mode-asgd" value="asgd"> η, κ, Σ (ASGD, (2.2)/(2.4))</label>
    </fieldset>
    <fieldset>
      <legend>parameters (exact decimals or fractions, as on the command line)</legend>
      ${PARAMS.map(paramRow).join('\n      ')}
    </fieldset>
    <div>equivalent command: <code id="command"></code></div>
  </section>
</div>
<div>
  <div id="error" class="hidden" role="alert"></div>
  <div id="results">
    <section>
      <h2>Theorem 3.1 at this point</h2>
      <table id="values"><tbody></tbody></table>
    </section>
    <section>
      <h2>Rates</h2>
      <table id="rates"><tbody></tbody></table>
    </section>
    <section>
      <h2>Plots</h2>
      <div id="plots">
        <figure id="plot-mu-ratio"></figure>
        <figure id="plot-c1-ratio"></figure>
        <figure id="plot-mu-beta"></figure>
        <figure id="plot-c1-beta"></figure>
      </div>
    </section>
    <section>
      <details>
        <summary>JSON (what <code>hypocheck constants … --json</code> prints)</summary>
        <pre id="json"></pre>
      </details>
    </section>
  </div>
</div>
</main>
<footer>Generated by <code>hypocheck explore</code>. Ranges and error messages are those of <code>hypocheck constants</code>.</footer>
<script>${script}</script>
</body>
</html>
`;
}
