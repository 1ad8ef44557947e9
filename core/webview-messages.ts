/**
 * The messages between the extension host and its two webviews: the playground (a webview view in the
 * OptLens activity-bar container) and the report page (a webview panel for "Analyze Current Config",
 * "Sweep Batch Size", "Compare Optimizers" and "Export Report"). One discriminated union per direction.
 * Both sides check every message they receive with core/webview-messages-validate.ts: a webview is a
 * page, and what it posts crosses a trust boundary.
 *
 * Handshake: a webview posts `ready` once its listeners are installed; the host sends only after that,
 * and again after every `ready` (a hidden view is torn down and re-created, and must be re-hydrated).
 */
import type { FileAnalysis } from './analysis';
import type { Finding, HyperparameterName, OptimizerKind, ScheduleKind, WeightDecaySemantics } from './hyperparams';
import type { PredictionInput } from './prediction';
import type { RecipeContext } from './recipe';
import type { ScheduleFloor } from './schedule-floor';

/** What the playground's controls edit. */
export interface PlaygroundParams {
  optimizer: OptimizerKind;
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Global batch size, in the unit of `noiseScale`. */
  batchSize: number;
  /** B_simple (science.md §3.1, §4). */
  noiseScale: number;
  snr: number;
  steps: number;
  schedule: ScheduleKind;
  warmupSteps?: number;
  weightDecaySemantics?: WeightDecaySemantics;
  hessianAlignment?: number;
  theta0Rms?: number;
  gradNorm?: number;
  params?: number;
  /**
   * The server's full input for the bound config (core/prediction.ts): the controls above are overrides on top
   * of it, so what no control shows (Nesterov, dampening, fp16, Muon's shape, WSD decay steps) is kept and the
   * playground predicts what the hover predicts. Absent when no config is bound.
   */
  base?: PredictionInput;
}

/** A control's name (the bound input is not a control). */
export type PlaygroundParamName = Exclude<keyof PlaygroundParams, 'base'>;

/** Where a control's value came from, so the playground can say "framework default" and know what it may write. */
export interface ParamOrigin {
  /**
   * `comment`: an `# optlens:` comment in the file (not a value the framework reads);
   * `setting`: an OptLens setting.
   */
  source: 'written' | 'default' | 'derived' | 'setting' | 'comment' | 'assumed';
  /** The file's hyperparameter this control writes back to; null when moving it cannot change the file. */
  hyperparameter: HyperparameterName | null;
  /** 1-based line of the literal, when written. */
  line: number | null;
  /** For defaults: the framework and version the default comes from; for derived values: from what. */
  detail?: string;
}

/** The config the playground is bound to: the active editor's file and one of its optimizers. */
export interface BoundConfig {
  uri: string;
  /** File name for display. */
  fileName: string;
  /** Index into the analysis' `optimizers`. */
  optimizerIndex: number;
  /** The optimizer as the framework spells it (`adamw_torch_fused`). */
  optimizerName: string;
  params: PlaygroundParams;
  origins: Partial<Record<PlaygroundParamName, ParamOrigin>>;
  findings: Finding[];
  /** What the Recipe panel (science.md §8) needs beyond the controls; absent when the server computed no recipe. */
  recipe?: RecipeBinding;
  /**
   * Where the file's schedule floor was read, for the schedule control's label (core/schedule-floor.ts): the value,
   * its literal, key and line, or the default and its source (no span: the playground writes no floor back).
   */
  scheduleFloor?: ScheduleFloor;
}

/** The file's recipe context and Muon matrix, which no control of the playground sets. */
export interface RecipeBinding {
  context: RecipeContext;
  /** d_out × d_in of the matrix the Muon conversion is for; null when the file does not say. */
  shape: [number, number] | null;
  muonAdjustLr: 'original' | 'match_rms_adamw';
}

/** A simulation the host ran ("Simulate Current Config"), for the playground to show beside the formulas. */
export interface HostSimulation {
  uri: string;
  optimizerIndex: number;
  backend: string;
  steps: number;
  coordinates: number;
  updateRms: { predicted: number | null; simulated: number; stderr: number };
  weightRmsAtEnd: { predicted: number | null; simulated: number; stderr: number };
}

/** "Simulate Current Config" refused the run (core/sim/run-limit.ts): why, for the playground to show too. */
export interface HostSimulationRefused {
  uri: string;
  optimizerIndex: number;
  message: string;
}

export type HostToPlayground =
  /** The config to bind to (null: no config open; the playground keeps its own values). */
  | { type: 'bind'; config: BoundConfig | null }
  /** Put the keyboard focus on a control (the user came from a hover or lens on that value). */
  | { type: 'focus'; param: PlaygroundParamName }
  /** The outcome of an `apply` request. */
  | { type: 'applied'; requestId: number; ok: boolean; message?: string }
  | { type: 'simulation'; simulation: HostSimulation }
  | { type: 'simulationRefused'; refusal: HostSimulationRefused };

export type PlaygroundToHost =
  /** Listeners are installed: send the snapshot. */
  | { type: 'ready' }
  /** Write a control's value into the bound file (one undoable edit of that literal only). */
  | { type: 'apply'; requestId: number; uri: string; optimizerIndex: number; param: PlaygroundParamName; value: number | string }
  /** Something the user should see in VS Code's own UI (e.g. a simulation that failed). */
  | { type: 'notify'; level: 'info' | 'warning' | 'error'; message: string }
  /** A formula card's source was clicked: open the science reference at that section ("2.4"). */
  | { type: 'openScienceReference'; section: string };

/** One data series of a report chart: a theory curve or Monte Carlo points with their standard errors. */
export interface ReportSeries {
  label: string;
  kind: 'theory' | 'simulation';
  /** The optimizer the series is about: it is drawn in that optimizer's colour, the same in every view. */
  optimizer?: OptimizerKind;
  points: { x: number; y: number; stderr?: number }[];
}

export interface ReportChart {
  /** Stable id (also the CSV's and the exported image's name). */
  id: string;
  title: string;
  x: { label: string; scale: 'linear' | 'log' };
  y: { label: string; scale: 'linear' | 'log' };
  series: ReportSeries[];
  /** Vertical lines: the Surge peak, the configured batch, the configured β1. */
  markers: { x: number; label: string }[];
  /** science.md section behind the theory curves. */
  source: string;
}

export interface ReportTable {
  title: string;
  columns: string[];
  rows: string[][];
}

/**
 * Everything the report page shows; also what "Export Report" writes (HTML with the charts' images,
 * CSV of the series).
 */
export interface ReportDocument {
  kind: 'analysis' | 'sweep' | 'compare';
  title: string;
  subtitle: string;
  tables: ReportTable[];
  charts: ReportChart[];
  findings: Finding[];
  notes: string[];
  /** The analysis the report was made from, when it concerns one file. */
  analysis?: FileAnalysis;
}

export type HostToReport =
  | { type: 'report'; report: ReportDocument }
  /** Asks for the charts as PNG data URLs, for "Export Report". */
  | { type: 'exportCharts'; requestId: number };

export type ReportToHost =
  | { type: 'ready' }
  | { type: 'chartImages'; requestId: number; images: { id: string; dataUrl: string }[] }
  /** A citation was clicked: open the science reference at that section ("2.4"). */
  | { type: 'openScienceReference'; section: string };
