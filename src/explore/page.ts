/**
 * Browser entry of the explorer page (`hypocheck explore`): wires the inputs to `explore` of
 * src/explore/model.ts — which runs `constantsPoint` of src/commands/constants.ts, the code behind
 * `hypocheck constants --json` — and redraws the tables and plots on every input.
 *
 * For tests: `window.hypocheckExplore` = { compute(flags) → the `constants --json` object (throws
 * the CLI's error line), explore(flags), set(flags) → types into the real inputs, current() }.
 */
import { explore, explorePlots, fmt, type ExploreFlags, type ExploreResult } from './model.ts';
import { PARAMS, type ParamSpec } from './template.ts';

// The few DOM types used, declared here: the project's tsconfig has no "dom" lib (a global
// `/// <reference lib="dom" />` would change every other file's type-check).
interface El {
  textContent: string | null;
  innerHTML: string;
  value: string;
  checked: boolean;
  classList: { add(c: string): void; remove(c: string): void; toggle(c: string, force?: boolean): void };
  addEventListener(type: string, f: () => void): void;
  dispatchEvent(e: unknown): boolean;
  querySelector(selector: string): El | null;
}
declare const document: { getElementById(id: string): El | null; readyState: string; addEventListener(type: string, f: () => void): void };
declare const Event: new (type: string, init?: { bubbles?: boolean }) => unknown;

type Mode = 'gb' | 'asgd';
type State = { ok: true; json: ExploreResult['json']; extras: ExploreResult['extras']; command: string } | { ok: false; error: string; command: string };

const $ = (id: string): El => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`explore page: no element #${id}`);
  return el;
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function mode(): Mode {
  return $('mode-asgd').checked ? 'asgd' : 'gb';
}

/** The flags the visible inputs give (hidden rows are not sent, like flags not typed). */
function readFlags(): ExploreFlags {
  const m = mode();
  const flags: ExploreFlags = {};
  for (const p of PARAMS) {
    if (!p.modes.includes(m)) continue;
    const v = $(p.key).value;
    if (v.trim() !== '') flags[p.key] = v.trim();
  }
  return flags;
}

function sliderFromText(p: ParamSpec): void {
  const x = Number($(p.key).value);
  const slider = $(`${p.key}-slider`);
  if (!(x > 0) || !Number.isFinite(x)) return;
  slider.value = String(p.slider.log ? Math.log10(x) : x);
}

function textFromSlider(p: ParamSpec): void {
  const v = Number($(`${p.key}-slider`).value);
  const x = p.slider.log ? 10 ** v : v;
  $(p.key).value = String(Number(x.toPrecision(p.slider.log ? 3 : 2)));
}

const complexText = (e: { re: number; im: number }) => (e.im === 0 ? fmt(e.re) : `${fmt(e.re)} ${e.im < 0 ? '−' : '+'} ${fmt(Math.abs(e.im))}i`);

function row(label: string, value: string, note = '', cls = ''): string {
  return `<tr><th>${label}</th><td class="num ${cls}">${value}</td><td class="note">${note}</td></tr>`;
}

function valuesRows(r: ExploreResult): string {
  const { json: j, extras: x } = r;
  const rows: string[] = [];
  if (j.asgd) rows.push(row('ASGD → SDE', `γ = ${fmt(j.gamma)}, τ = ${fmt(j.asgd.tau)}, β = ${fmt(j.beta)}`, 'γ = √((1−κ)/η), τ = η^{3/4}(1−κ)^{−1/4}Σ, β = 2γ/(τ²ω₀⁴)'));
  rows.push(row('regime', esc(j.regimeText), `ω₀ = ${fmt(j.omega0)}, γ = ${fmt(j.gamma)}, β = ${fmt(j.beta)}`));
  rows.push(row('λ(Q)', j.eigenvalues.map(complexText).join(', '), `min Re λ = ${fmt(j.minReLambda)}`));
  rows.push(
    j.muPrinted === null
      ? row('μ printed', '—', 'case 3 prints μ = γ − δ for all δ > 0: impossible for δ ≤ γ/2')
      : row('μ printed', fmt(j.muPrinted), 'refuted: K − 2μP ⋡ 0', 'refuted'),
  );
  rows.push(row('μ proved', fmt(j.muProved), j.regime === 'case3' ? `= γ/2 − δ, δ = ${fmt(j.delta)} (thm:3.1:case3)` : `= min Re λ(Q) (thm:3.1:${j.regime})`, 'proved'));
  rows.push(row('C, Ĉ', `C = ${fmt(j.C)}, Ĉ = ${fmt(j.Ch)}`, esc(j.constantsSource)));
  rows.push(row('P', `[[${fmt(j.P[0][0])}, ${fmt(j.P[0][1])}], [${fmt(j.P[1][0])}, ${fmt(j.P[1][1])}]]`, `det P = C − Ĉ² = ${fmt(j.C - j.Ch * j.Ch)}`));
  rows.push(row('eig(K − 2μP)', `${x.gapProved.map(fmt).join(', ')} (proved μ)`, '(4.6) needs both ≥ 0', x.gapProved[0] >= -1e-12 * Math.max(1, Math.abs(x.gapProved[1])) ? 'proved' : 'refuted'));
  if (x.gapPrinted) rows.push(row('', `${x.gapPrinted.map(fmt).join(', ')} (printed μ)`, 'a negative eigenvalue: the printed μ fails (4.6)', x.gapPrinted[0] < 0 ? 'refuted' : ''));
  const ex = j.exactCheck;
  rows.push(row('exact check', typeof ex === 'string' ? esc(ex) : `K − 2μP ⪰ 0 at proved μ: ${ex.provedMuHolds}${ex.printedMuFails === null ? '' : `; fails at printed μ: ${ex.printedMuFails}`}`, 'rational arithmetic at this point'));
  rows.push(row('C₂', fmt(j.C2), 'max{1, γ, γ², βγ, βω₀²}/min{1, ω₀²}'));
  rows.push(row('C₁ = ε/ε₀', fmt(j.epsOverEps0), '(11+11C+15Ĉ)C₂²max{1,C}/(C−Ĉ²): the corrected C₁ (proof after (4.7))'));
  rows.push(row('C₁ printed', j.c1Printed === null ? `${fmt(j.epsOverEps0)}·ε₀` : fmt(j.c1Printed), j.c1Printed === null ? 'contains ε₀: give ε₀' : 'ε₀·ε/ε₀'));
  rows.push(row('admissible ε', j.eps === null ? '—' : fmt(j.eps), j.eps === null ? 'give ε₀' : 'ε = ε₀·C₁ (proof)'));
  return rows.join('');
}

function ratesRows(r: ExploreResult): string {
  const { json: j, extras: x } = r;
  const t = j.timeExponent;
  const rows: string[] = [];
  rows.push(row('(3.6) in t', `${fmt(t.proved)} proved (2μ)${t.printed === null ? '' : `, ${fmt(t.printed)} printed`}${t.provedWithEps === null ? '' : `, ${fmt(t.provedWithEps)} with ε`}`, '‖h‖² ≲ e^{−r t}'));
  if (j.stepExponent && x.steps) {
    const s = j.stepExponent;
    rows.push(row('(3.7) ASGD in k', `${fmt(s.proved)} proved${s.printed === null ? '' : `, ${fmt(s.printed)} printed`}`, `e^{−r k}, t = k√(η(1−κ)) = ${fmt(s.dt)}·k`));
    rows.push(row('SGD in k', `${fmt(x.steps.sgd.proved)} proved${x.steps.sgd.printed === null ? '' : `, ${fmt(x.steps.sgd.printed)} printed`}`, `(3.7) at κ = 0, same η: ${esc(x.steps.sgd.regime)}; Remark 3.2 prints e^{−2k}`));
    rows.push(row('break-even m', `${fmt(x.steps.breakEvenProved)} (proved rates)${x.steps.breakEvenPrinted === null ? '' : `, ${fmt(x.steps.breakEvenPrinted)} (printed (3.7))`}`, `Remark 3.2: m workers beat SGD when (1−κ)m > 1, i.e. m > ${fmt(x.steps.breakEvenRemark)}; m* = SGD rate / ASGD rate`));
  } else {
    rows.push(row('(3.7) in k', '—', 'needs the ASGD parametrisation (η, κ, Σ): t = k√(η(1−κ))'));
    rows.push(row('break-even m', '—', 'Remark 3.2: needs η, κ'));
  }
  return rows.join('');
}

let state: State = { ok: false, error: 'not computed yet', command: '' };

/** Recompute from the inputs and redraw everything. */
function update(): State {
  const flags = readFlags();
  const r = explore(flags);
  $('command').textContent = r.command;
  for (const p of PARAMS) $(p.key).classList.remove('invalid');
  const results = $('results');
  const error = $('error');
  if (!r.ok) {
    error.textContent = r.error;
    error.classList.remove('hidden');
    results.classList.add('stale');
    const bad = /--(\w+)/.exec(r.error.replace(/^hypocheck: (constants: )?/, ''));
    if (bad && PARAMS.some((p) => p.key === bad[1])) $(bad[1]).classList.add('invalid');
    $('json').textContent = '';
    state = { ok: false, error: r.error, command: r.command };
    return state;
  }
  error.classList.add('hidden');
  error.textContent = '';
  results.classList.remove('stale');
  ($('values').querySelector('tbody') as El).innerHTML = valuesRows(r);
  ($('rates').querySelector('tbody') as El).innerHTML = ratesRows(r);
  const plots = explorePlots(r.json, r.sweeps);
  $('plot-mu-ratio').innerHTML = plots.muRatio;
  $('plot-c1-ratio').innerHTML = plots.c1Ratio;
  $('plot-mu-beta').innerHTML = plots.muBeta;
  $('plot-c1-beta').innerHTML = plots.c1Beta;
  $('json').textContent = JSON.stringify(r.json, null, 2);
  state = { ok: true, json: r.json, extras: r.extras, command: r.command };
  return state;
}

function showMode(): void {
  const m = mode();
  for (const p of PARAMS) $(`row-${p.key}`).classList.toggle('hidden', !p.modes.includes(m));
}

function init(): void {
  for (const p of PARAMS) {
    sliderFromText(p);
    $(p.key).addEventListener('input', () => {
      sliderFromText(p);
      update();
    });
    $(`${p.key}-slider`).addEventListener('input', () => {
      textFromSlider(p);
      update();
    });
  }
  for (const id of ['mode-gb', 'mode-asgd']) {
    $(id).addEventListener('change', () => {
      showMode();
      update();
    });
  }
  showMode();
  update();
}

/** The test hook. */
const api = {
  /** The object `hypocheck constants … --json` prints for these flags; throws its error line. */
  compute(flags: ExploreFlags) {
    const r = explore(flags);
    if (!r.ok) throw new Error(r.error);
    return JSON.parse(JSON.stringify(r.json));
  },
  explore(flags: ExploreFlags) {
    return JSON.parse(JSON.stringify(explore(flags)));
  },
  /** Type flags into the real inputs (mode from η/κ/Σ), fire their input events, return current(). */
  set(flags: ExploreFlags) {
    const asgd = flags.eta !== undefined || flags.kappa !== undefined || flags.sigma !== undefined;
    const radio = $(asgd ? 'mode-asgd' : 'mode-gb');
    if (!radio.checked) {
      radio.checked = true;
      radio.dispatchEvent(new Event('change', { bubbles: true }));
    }
    for (const p of PARAMS) {
      const el = $(p.key);
      el.value = flags[p.key] ?? '';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }
    return api.current();
  },
  /** What the page shows now: the JSON of its inputs, or the error line. */
  current() {
    return JSON.parse(JSON.stringify(state));
  },
};

(globalThis as unknown as { hypocheckExplore: typeof api }).hypocheckExplore = api;
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
