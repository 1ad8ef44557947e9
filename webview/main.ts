/**
 * The playground page (the OptLens side panel): wires the controls, the live theory charts and formulas,
 * the simulation runner and the messages with the extension host (core/webview-messages.ts).
 * Theory redraws at most once per animation frame; simulations run on the GPU or in the worker.
 */
import type {
  HostSimulation, HostSimulationRefused, HostToPlayground, PlaygroundParamName, PlaygroundToHost,
} from '../core/webview-messages';
import { validateHostToPlayground } from '../core/webview-messages-validate';
import { buildChartData, CHART_IDS } from './chart-data';
import { applyTheme, createCharts, drawCharts } from './charts';
import { createControls, scheduleEndText } from './controls';
import { onSectionLink } from './dom';
import { CPU_BUDGET, GPU_BUDGET, SOFTWARE_GPU_BUDGET, type SimulatedSeries } from './experiments';
import { refitFormulas, renderFormulaCards, renderSimulationLines } from './formula-view';
import { buildLayout } from './layout';
import { DEFAULT_PARAMS } from './params';
import { runProgressive, type ProgressiveRun } from './progressive';
import { CancelledError, createRunner, detectGpu } from './runner';
import { playgroundRecipe } from './recipe-input';
import { createRecipePanel, renderRecipePanel } from './recipe-panel';
import { restoreState, sameParams, STATE_VERSION, type PlaygroundState } from './state';
import { currentTheme, onThemeChange } from './theme';
import { theoryCurves, type TheoryCurves } from './theory-series';
import { vscodeApi } from './vscode-api';

const api = vscodeApi();
const app = document.getElementById('app');
if (!app) throw new Error('the playground page has no #app element');
const layout = buildLayout(app);
const assetBase = document.body.dataset.assetBase ?? '.';

let state: PlaygroundState = restoreState(api.getState()) ??
  { version: STATE_VERSION, params: { ...DEFAULT_PARAMS }, bound: null, simulation: null };
let hostSimulation: HostSimulation | HostSimulationRefused | null = null;
let theme = currentTheme();
const charts = createCharts(
  Object.fromEntries(CHART_IDS.map((id) => [id, layout.cards[id].canvas])) as Record<(typeof CHART_IDS)[number],
    HTMLCanvasElement>,
  theme,
);
// The Recipe panel (science.md §8) after the cards: its numbers follow the same input as theirs.
const recipePanel = createRecipePanel(app, theme, () => scheduleRender(), (lambda) => setFromPanel('weightDecay', lambda));
const runner = createRunner({ workerUrl: `${assetBase}/sim-worker.js`, gpuScriptUrl: `${assetBase}/gpu-browser.min.js`, gpuBackend: detectGpu() });
layout.backend.textContent = runner.backend.label;
layout.backend.title = runner.backend.kind === 'gpu'
  ? 'Simulations run in a worker on the GPU through gpu.js (WebGL2); Muon and the Surge sweeps in the CPU worker'
  : 'No WebGL2 here: simulations run in the CPU worker';

const post = (message: PlaygroundToHost) => api.postMessage(message);
const save = () => api.setState(state);
// Every Source line's sections (the cards' and the Recipe panel's) open the science reference in the editor.
onSectionLink(app, (section) => post({ type: 'openScienceReference', section }));

// ---- rendering: charts at most once per frame; typesetting at most every FORMULA_INTERVAL_MS ----
/** KaTeX costs more than the charts: while a slider moves, the formulas follow ~12 times a second. */
const FORMULA_INTERVAL_MS = 80;
let framePending = false;
let firstDraw = true;
let formulasDue: TheoryCurves | null = null;
let formulaTimer: ReturnType<typeof setTimeout> | null = null;
let lastFormulas = 0;

function renderFormulas(theory: TheoryCurves, sim: SimulatedSeries | null): void {
  const t0 = performance.now();
  renderFormulaCards(layout.cards, theory);
  renderSimulationLines(layout.cards, theory, sim, state.simulation !== null && sim === null, hostSimulation);
  lastFormulas = performance.now();
  performance.measure('optlens-render-formulas', { start: t0, end: lastFormulas });
}

function currentSimulation(): SimulatedSeries | null {
  return state.simulation && sameParams(state.simulation.params, state.params) ? state.simulation.series : null;
}

/** Typesets now if the last typesetting is old enough, else once the interval has passed (trailing). */
function scheduleFormulas(theory: TheoryCurves): void {
  formulasDue = theory;
  if (formulaTimer !== null) return;
  const wait = Math.max(0, FORMULA_INTERVAL_MS - (performance.now() - lastFormulas));
  formulaTimer = setTimeout(() => {
    formulaTimer = null;
    if (formulasDue) renderFormulas(formulasDue, currentSimulation());
    formulasDue = null;
  }, wait);
}

// Each render is measured by part (the bench reads these `performance` measures).
function render(): void {
  const t0 = performance.now();
  const theory = theoryCurves(state.params);
  const t1 = performance.now();
  const sim = currentSimulation();
  drawCharts(charts, buildChartData(theory, sim), theme);
  renderRecipePanel(recipePanel, playgroundRecipe(theory.input, state.bound, state.params), theory.input, theme);
  controls.showScheduleEnd(scheduleEndText(theory.input, state.bound));
  const t2 = performance.now();
  performance.measure('optlens-render', { start: t0, end: t2 });
  performance.measure('optlens-render-theory', { start: t0, end: t1 });
  performance.measure('optlens-render-charts', { start: t1, end: t2 });
  if (firstDraw) renderFormulas(theory, sim);
  else scheduleFormulas(theory);
  if (firstDraw) {
    firstDraw = false;
    performance.mark('optlens-first-chart');
    document.body.dataset.ready = 'true';
  }
}
function scheduleRender(): void {
  if (framePending) return;
  framePending = true;
  requestAnimationFrame(() => {
    framePending = false;
    render();
  });
}

// ---- binding to the config ----
function showBinding(message?: string): void {
  const b = state.bound;
  layout.binding.textContent = b ? `${b.fileName} · ${b.optimizerName}` : 'No config bound: open a training config, or explore with these values.';
  layout.binding.title = b ? `${b.uri} (optimizer ${b.optimizerIndex + 1})` : '';
  if (message) layout.binding.append(document.createElement('br'), Object.assign(document.createElement('span'), { className: 'error', textContent: message }));
}

let nextRequest = 1;
const commitTimers = new Map<PlaygroundParamName, ReturnType<typeof setTimeout>>();
/** Writes a settled value back into the file, once per burst of keyboard steps on a control. */
function writeBack(param: PlaygroundParamName, value: number | string): void {
  const b = state.bound;
  if (!b || b.origins[param]?.hyperparameter === null) return;
  clearTimeout(commitTimers.get(param));
  commitTimers.set(param, setTimeout(() => {
    commitTimers.delete(param);
    post({ type: 'apply', requestId: nextRequest++, uri: b.uri, optimizerIndex: b.optimizerIndex, param, value });
  }, 300));
}

const controls = createControls(layout.controls, {
  onInput(name, value) {
    state = { ...state, params: { ...state.params, [name]: value } };
    scheduleRender();
    restartAfterChange();
  },
  onCommit(name, value) {
    save();
    writeBack(name, value);
  },
});
controls.set(state.params, state.bound?.origins ?? {});

/** A value the Recipe panel proposes (its recommended λ): set as if typed into its control, and written back. */
function setFromPanel(name: PlaygroundParamName, value: number): void {
  state = { ...state, params: { ...state.params, [name]: value } };
  controls.set(state.params, state.bound?.origins ?? {});
  scheduleRender();
  restartAfterChange();
  save();
  writeBack(name, value);
}

function onHostMessage(message: HostToPlayground): void {
  switch (message.type) {
    case 'bind':
      state = message.config ? { ...state, bound: message.config, params: { ...message.config.params } } : {
        ...state, bound: null };
      controls.set(state.params, state.bound?.origins ?? {});
      showBinding();
      save();
      scheduleRender();
      break;
    case 'focus':
      controls.focus(message.param);
      break;
    case 'applied':
      if (!message.ok) showBinding(message.message ?? 'The value could not be written into the file.');
      break;
    case 'simulation':
      hostSimulation = message.simulation;
      scheduleRender();
      break;
    case 'simulationRefused':
      hostSimulation = message.refusal;
      scheduleRender();
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = validateHostToPlayground(event.data);
  // Anything else is not from our host (or from a different version of it): ignore it.
  if (message) onHostMessage(message);
});

// ---- simulation: a first estimate in about a second, then the full run; restarted, not run stale ----
let job: ProgressiveRun | null = null;
let restartTimer: ReturnType<typeof setTimeout> | null = null;
/** Quiet time after the last control move before a simulation cancelled by that move starts again. */
const RESTART_AFTER_MS = 800;

function setRunning(running: boolean): void {
  layout.simulate.disabled = running;
  layout.cancel.disabled = !running && restartTimer === null;
  app?.setAttribute('aria-busy', String(running));
}

const count = (key: 'estimated' | 'simulated') => (document.body.dataset[key] = String(Number(document.body.dataset[key] ?? '0') + 1));

function startSimulation(): void {
  if (job) return;
  const params = { ...state.params };
  const budget = runner.backend.kind === 'worker' ? CPU_BUDGET : runner.backend.software ? SOFTWARE_GPU_BUDGET : GPU_BUDGET;
  layout.progress.value = 0;
  layout.status.textContent = `First estimate on ${runner.backend.label}…`;
  const run = runProgressive(runner, params, budget, {
    onProgress: (fraction) => (layout.progress.value = fraction),
    onEstimate: ({ series, seconds, backends }) => {
      state = { ...state, simulation: { params, series, seconds } };
      layout.status.textContent = `First estimate after ${seconds.toFixed(1)} s (bars: ±2 standard errors); refining on ${backends}…`;
      count('estimated');
      save();
      scheduleRender();
    },
    onFinal: ({ series, seconds, backends }) => {
      const first = state.simulation?.seconds;
      state = { ...state, simulation: { params, series, seconds } };
      layout.progress.value = 1;
      layout.status.textContent = `Simulated on ${backends} in ${seconds.toFixed(1)} s` + (first !== undefined ? ` (first estimate after ${first.toFixed(1)} s).` : '.');
      count('simulated');
      save();
      scheduleRender();
    },
  });
  job = run;
  setRunning(true);
  run.done
    .catch((error: unknown) => {
      if (error instanceof CancelledError) return;
      const message = error instanceof Error ? error.message : String(error);
      layout.status.textContent = `Simulation failed: ${message}`;
      post({ type: 'notify', level: 'error', message: `OptLens simulation failed: ${message}` });
    })
    .finally(() => {
      if (job === run) job = null;
      setRunning(job !== null);
    });
}

/** A control moved while a simulation ran: its results would be stale, so stop it and start again once the controls
 * rest. */
function restartAfterChange(): void {
  if (!job && restartTimer === null) return;
  job?.cancel();
  job = null;
  if (restartTimer !== null) clearTimeout(restartTimer);
  layout.status.textContent = 'Settings changed: the simulation starts again with the new values when the controls rest.';
  restartTimer = setTimeout(() => {
    restartTimer = null;
    startSimulation();
  }, RESTART_AFTER_MS);
  setRunning(false);
}

layout.simulate.addEventListener('click', startSimulation);
layout.cancel.addEventListener('click', () => {
  if (restartTimer !== null) clearTimeout(restartTimer);
  restartTimer = null;
  const running = job;
  job = null;
  running?.cancel();
  layout.status.textContent = 'Simulation cancelled.';
  setRunning(false);
});

onThemeChange((next) => {
  theme = next;
  applyTheme(charts, theme);
  scheduleRender();
});

// A formula is scaled to its card's width (formula-view.ts): re-fit them when the panel is resized, once per frame.
let refitPending = false;
new ResizeObserver(() => {
  if (refitPending) return;
  refitPending = true;
  requestAnimationFrame(() => {
    refitPending = false;
    refitFormulas(layout.cards);
  });
}).observe(app);

showBinding();
render();
post({ type: 'ready' });
