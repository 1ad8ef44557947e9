/**
 * The simulation contract shared by the CPU reference simulator (core/sim), the GPU simulator
 * (core/sim/gpu), the CLI, the tests and the webview: what to simulate, how a run is driven in
 * chunks (so callers can show progress and cancel), and what comes back.
 * Pure types and small helpers; no I/O.
 */
import type { PredictionInput } from '../prediction';
import type { ScheduleSpec } from '../theory/schedule';

/** The optimizer and its hyperparameters, with the science core's field names and PyTorch semantics. */
export type OptimizerSettings = Pick<
  PredictionInput,
  | 'optimizer'
  | 'beta1'
  | 'beta2'
  | 'eps'
  | 'weightDecay'
  | 'weightDecaySemantics'
  | 'momentum'
  | 'dampening'
  | 'nesterov'
  | 'shape'
  | 'muonAdjustLr'
>;

/**
 * One Monte Carlo experiment (science.md §5): `params` coordinates, each fed i.i.d. gradients
 * N(gradMean, gradStd²) at every step, for `steps` steps, repeated over `seeds` independent replicas.
 */
export interface SimulationSpec {
  optimizer: OptimizerSettings;
  /** Per-step learning rate: lr at step t (1-based) is `lrAt(schedule, t)` from core/theory/schedule. */
  schedule: ScheduleSpec;
  /** Coordinates per replica (Muon: a multiple of shape[0]·shape[1]; each m×n block is one matrix). */
  params: number;
  /** Optimizer steps T. */
  steps: number;
  /** Independent replicas; standard errors pool coordinates (or matrices) across them. */
  seeds: number;
  /** Number of trajectory points K, spread evenly over (0, T]; the last is always step T. */
  record: number;
  /** Per-coordinate gradient mean μ (science.md §0). */
  gradMean: number;
  /** Per-coordinate minibatch gradient standard deviation σ. */
  gradStd: number;
  /** Initial weight RMS; θ0 ~ N(0, theta0Rms²) per coordinate. */
  theta0Rms: number;
  /** The one number the whole experiment is reproducible from (an unsigned 32-bit integer). */
  seed: number;
}

/** Measured values at the recorded steps, with their standard errors (same length as `step`). */
export interface Trajectory {
  step: number[];
  /** RMS over coordinates of the update direction u_t = −(θ change without weight decay)/lr_t. */
  updateRms: number[];
  weightRms: number[];
  updateRmsStderr: number[];
  weightRmsStderr: number[];
}

export interface SimulationResult {
  /** Values at the last completed recorded step (step T when the run is complete). */
  updateRms: number;
  weightRms: number;
  /**
   * Standard errors of the two values above: independent units are coordinates for element-wise
   * optimizers and whole matrices for Muon, pooled across seeds; delta method for the square root.
   */
  stderr: { updateRms: number; weightRms: number };
  trajectory: Trajectory;
  /** Which engine ran: `cpu`, `cpu-workers:N`, or `gpu:` plus the gpu.js backend (`gpu:webgl2`). */
  backend: string;
  /** params · seeds · steps done / wall-clock seconds of stepping. */
  elementStepsPerSecond: number;
  stepsDone: number;
  complete: boolean;
}

export interface SimulationProgress {
  stepsDone: number;
  totalSteps: number;
  done: boolean;
}

/**
 * A simulation in progress, driven in chunks: each `advance` runs at most `maxSteps` more steps and
 * resolves; the caller may stop calling it at any time (cancel) and still read a partial result.
 * Both backends implement this, so the CLI, the tests and the webview drive either the same way.
 */
export interface SimulationRun {
  readonly spec: SimulationSpec;
  readonly backend: string;
  advance(maxSteps: number): Promise<SimulationProgress>;
  result(): SimulationResult;
  /** Frees workers or GPU memory; the run cannot advance afterwards. */
  dispose(): void;
}

/**
 * The noisy quadratic of the Surge mode (science.md §3.1, §3.6), around the current point:
 * L(θ) = gᵀθ + ½θᵀHθ, so the true gradient at θ is g + Hθ; a batch of B examples adds noise
 * N(0, noiseStd²/B) per coordinate. B_simple = noiseStd²/gradMean².
 */
export interface SurgeProblem {
  /** Dimension d of the quadratic. */
  dim: number;
  /** H_ii (a homogeneous Hessian). */
  hessianDiagonal: number;
  /**
   * Hessian alignment ρ (science.md §3.1): H_ij = ρ·H_ii/(d − 1) for i ≠ j, so that
   * Σ_{i≠j} H_ij sign(g_i g_j) / Σ H_ii = ρ with g > 0 on every coordinate. 0 = diagonal.
   */
  alignment: number;
  /** True gradient g_i, equal on every coordinate. */
  gradMean: number;
  /** Per-example gradient noise standard deviation. */
  noiseStd: number;
  /**
   * Spread s of the coordinates' sizes (science.md §7.3): coordinate i's true gradient and noise are both
   * scaled by c_i, ln c_i ~ N(−s², s²) drawn once per replica (E[c²] = 1, so gradMean stays the RMS true
   * gradient). 0 or absent: every coordinate the same size.
   */
  scaleSpread?: number;
}

export interface SurgeSpec {
  /** Weight decay is ignored here: η*(B) is about one step's expected loss decrease. */
  optimizer: OptimizerSettings;
  problem: SurgeProblem;
  /** Batch sizes to sweep. */
  batchSizes: number[];
  /** Learning rates tried at each batch size, with common random numbers. */
  lrGrid: number[];
  /** Steps at fixed B (θ held still) after the state starts at its stationary mean. */
  warmupSteps: number;
  /** Steps over which each loss decrease is measured (1 = science.md §3.1's one-step η*). */
  horizon: number;
  /** Measurements per replica, one stationary step apart. */
  rounds: number;
  /** Independent replicas (the standard errors come from their spread). */
  replicas: number;
  seed: number;
}

export interface SurgePoint {
  batchSize: number;
  /** Mean loss decrease over the horizon at each grid η (order of `lrGrid`), and its standard error. */
  lossDecrease: number[];
  lossDecreaseStderr: number[];
  /**
   * η maximising ΔL(η) = aη − ½bη², least squares through the grid's best point and its two
   * neighbours (exact for horizon 1, where ΔL is that quadratic), and its standard error.
   */
  bestLr: number;
  bestLrStderr: number;
  /** The same fit on each replica's own mean (for jackknife errors of derived quantities). */
  replicaBestLr: number[];
}

export interface SurgeResult {
  points: SurgePoint[];
  backend: string;
  complete: boolean;
}

/** Steps at which a run of `steps` steps records its K points: ⌈k·T/K⌉ for k = 1..K, deduplicated. */
export function recordSteps(steps: number, record: number): number[] {
  const k = Math.max(1, Math.min(record, steps));
  const out: number[] = [];
  for (let i = 1; i <= k; i++) {
    const s = Math.ceil((i * steps) / k);
    if (out[out.length - 1] !== s) out.push(s);
  }
  return out;
}
