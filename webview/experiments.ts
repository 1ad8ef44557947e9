/**
 * The Monte Carlo experiments behind the playground's four charts, as data: which simulations to run for
 * the current controls (science.md §5), and how their results become chart points with error bars.
 * Pure: the runner executes the tasks on the GPU or in the worker, the charts draw the points.
 */
import type { OptimizerKind } from '../core/hyperparams';
import type { PredictionInput } from '../core/prediction';
import type { Agreement } from '../core/sim/agreement';
import { simulationSpecOf } from '../core/sim/from-prediction';
import { runRefusal, SIMULATION_BUDGET, type RunRefusal } from '../core/sim/run-limit';
import { normaliseSurge, surgeModelOfSpec, surgeSpecOf } from '../core/sim/surge-compare';
import type { OptimizerSettings, SimulationResult, SimulationSpec, SurgeResult, SurgeSpec } from '../core/sim/types';
import { etaStarUnscaled, peakX, surgeModelTolerance } from '../core/theory/surge';
import type { PlaygroundParams } from '../core/webview-messages';
import { playgroundInput, simulationGradScale } from './theory-series';
import type { SimTask, SimTaskResult } from './sim-protocol';

/** β1 values at which the update-RMS chart gets a simulated point (the configured β1 is added). */
export const BETA1_POINTS = [0, 0.5, 0.8, 0.9, 0.95, 0.99] as const;
/** ε in units of the per-coordinate gradient scale √(μ²+σ²) (science.md §1.3). */
export const EPS_RATIO_POINTS = [0.01, 0.1, 0.3, 1, 3, 10] as const;
/** Batch sizes of the Surge sweep, in units of B_simple (Adam's Surge at β1=0.9 starts at 0.059·B_simple). */
export const SURGE_BATCH_RATIOS = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30] as const;

/** What a simulated point is for, in the same order as the tasks. */
export type TaskRole =
  | { chart: 'updateRms'; beta1: number }
  | { chart: 'weightRms' }
  | { chart: 'surge'; optimizer: OptimizerKind }
  | { chart: 'eps'; ratio: number };

export interface ExperimentPlan {
  tasks: SimTask[];
  roles: TaskRole[];
  /** Why the weight-RMS trajectory is not simulated: the run is past the limit Simulate Current Config keeps too. */
  refused?: RunRefusal;
}

/** Element-steps one job may use: a few seconds in the CPU worker; more where a GPU runs it. */
export interface Budget {
  /** For each stationary update-RMS run (per β1 or ε point). */
  pointElementSteps: number;
  /** For the weight-RMS trajectory. */
  trajectoryElementSteps: number;
  /** Surge (always on the CPU: there is no GPU Surge kernel): replicas and rounds per batch size. */
  surgeReplicas: number;
  surgeRounds: number;
  /**
   * A first estimate: the weight-RMS trajectory is left to the refinement when even its smallest run (one block
   * of coordinates, one seed, the whole schedule) would exceed `trajectoryElementSteps` several times over.
   */
  trajectoryOptional?: boolean;
}

/**
 * The share of the full budget that the first estimate gets. Error bars scale as 1/√(work), so 1/32 of the work
 * gives bars ~6× wider, in ~3% of the time: on this project's test machine, well under the 2 s target.
 */
export const FIRST_ESTIMATE_SHARE = 1 / 32;

/** The first estimate's budget: a share of `full`, with enough Surge replicas and rounds for an error bar. */
export function estimateBudget(full: Budget, share = FIRST_ESTIMATE_SHARE): Budget {
  return {
    pointElementSteps: full.pointElementSteps * share,
    trajectoryElementSteps: full.trajectoryElementSteps * share,
    surgeReplicas: Math.max(4, Math.round(full.surgeReplicas / 4)),
    surgeRounds: Math.max(6, Math.round(full.surgeRounds / 8)),
    trajectoryOptional: true,
  };
}

/**
 * The CPU workers: ~4 s for the whole job on one idle core of this project's test machine (~100M element-steps/s).
 * 1.6e7 element-steps per update-RMS point give a standard error of roughly 0.1–0.3% (each run computes its own,
 * shown as its error bar), an order of magnitude inside the formulas' stated model error (science.md §6: ~3%);
 * a bigger budget would only add waiting.
 */
export const CPU_BUDGET: Budget = {
  pointElementSteps: 1.6e7, trajectoryElementSteps: 1.6e8, surgeReplicas: 16, surgeRounds: 48,
};
/**
 * A software WebGL2 (SwiftShader, llvmpipe: Linux without a usable GPU) runs kernels on the CPU at a few
 * million coordinate-steps per second, below the worker: it gets only the weight-RMS trajectory, sized
 * to finish alongside the worker's share.
 */
export const SOFTWARE_GPU_BUDGET: Budget = { ...CPU_BUDGET, trajectoryElementSteps: 2e7 };
/** A hardware GPU: 8× the coordinates, so the error bars shrink ~3× for about the same wait. */
export const GPU_BUDGET: Budget = {
  pointElementSteps: 5e8, trajectoryElementSteps: 1.3e9, surgeReplicas: 16, surgeRounds: 48,
};

/**
 * Steps for an update-RMS run to forget its start: `memories` memory lengths of both moments (8 for the final
 * result; the first estimate takes 4, and its wider error bars cover the rest), within 200…20000.
 */
export function stationarySteps(beta1: number, beta2: number, memories = 8): number {
  const memory = Math.max(1 / (1 - Math.min(beta1, 0.9999)), 1 / (1 - Math.min(beta2, 0.9999)));
  return Math.min(20000, Math.max(200, Math.ceil(memories * memory)));
}

/**
 * Coordinates for a run of `steps` within `elementSteps`: a multiple of 1024 (whole 32×32 Muon matrices) for Muon,
 * of 256 otherwise; at least one block.
 */
function coordinatesFor(elementSteps: number, steps: number, seeds: number, optimizer: OptimizerKind): number {
  const block = optimizer === 'muon' ? 1024 : 256;
  return Math.max(1, Math.floor(elementSteps / (steps * seeds) / block)) * block;
}

/**
 * A run that measures the stationary update RMS at one β1 and ε (science.md §1): no weight decay and a
 * constant tiny lr, since neither enters the update direction.
 */
function stationaryRun(
  input: PredictionInput, budget: Budget, beta1: number, eps: number, seed: number,
): SimulationSpec {
  const steps = stationarySteps(beta1, input.beta2, budget.trajectoryOptional ? 4 : 8);
  const seeds = budget.trajectoryOptional ? 1 : 2;
  const stationary: PredictionInput = { ...input, beta1, momentum: beta1, eps, weightDecay: 0, weightDecaySemantics: 'none', lr: 1e-3, schedule: 'constant', warmupSteps: 0, theta0Rms: 0 };
  const params = coordinatesFor(budget.pointElementSteps, steps, seeds, input.optimizer);
  return simulationSpecOf(stationary, { params, steps, seeds, record: 16, seed });
}

/**
 * Surge sweep for one optimizer on the noisy quadratic of science.md §3.6 with the config's B_simple
 * (`params.noiseScale`), g = H = 1, the configured alignment ρ, the configured ε as e = ε²/ḡ² and the
 * coordinate-size spread of §7.3: the same model the formula curve is drawn from (core/sim/surge-compare.ts).
 * One-step loss decreases (horizon 1) are exactly §3.1's η* = E[gᵀφ]/E[φᵀHφ].
 */
export function surgeSpec(params: PlaygroundParams, optimizer: OptimizerKind, budget: Budget, seed: number): SurgeSpec {
  const input = surgeInputOf(params, optimizer);
  const dim = 32;
  const size = { dim, replicas: budget.surgeReplicas, rounds: budget.surgeRounds, batchRatios: SURGE_BATCH_RATIOS };
  const spec = surgeSpecOf(input, { seed, ...size });
  const settings: OptimizerSettings = { ...spec.optimizer, weightDecay: 0, weightDecaySemantics: 'none' };
  return {
    ...spec,
    optimizer: optimizer === 'sgd' ? { ...settings, beta1: 0, momentum: 0 } : optimizer === 'signsgd' ? { ...settings, beta1: 0 } : settings,
    problem: { ...spec.problem, alignment: Math.min(Math.max(0, input.hessianAlignment), dim - 2) },
    // The state starts at its stationary mean; a few memory lengths of β2 sample its fluctuations.
    warmupSteps: Math.min(400, Math.ceil(4 / (1 - Math.min(input.beta2, 0.99)))),
  };
}

/** The playground's input for one of the Surge chart's optimizers (SGD and SignSGD without momentum, as drawn). */
function surgeInputOf(params: PlaygroundParams, optimizer: OptimizerKind): PredictionInput {
  const { input } = playgroundInput(params);
  if (optimizer === input.optimizer) return input;
  return { ...input, optimizer, momentum: 0, beta1: 0, nesterov: false };
}

/** The optimizers the Surge chart compares: the chosen one beside SGD and SignSGD (science.md §3.2). */
export function surgeOptimizers(chosen: OptimizerKind): OptimizerKind[] {
  return [chosen, 'sgd', 'signsgd'].filter((o, i, all) => all.indexOf(o) === i) as OptimizerKind[];
}

/** Every task of one "Simulate" press, with what each is for. `seed` makes the whole job reproducible. */
export function planExperiments(params: PlaygroundParams, budget: Budget, seed = 1): ExperimentPlan {
  const { input } = playgroundInput(params);
  const tasks: SimTask[] = [];
  const roles: TaskRole[] = [];
  const betas = [...new Set([...BETA1_POINTS, params.beta1])].sort((a, b) => a - b);
  betas.forEach((beta1, i) => {
    tasks.push({ kind: 'run', spec: stationaryRun(input, budget, beta1, params.eps, seed + i) });
    roles.push({ chart: 'updateRms', beta1 });
  });
  const steps = input.steps ?? 1;
  const block = params.optimizer === 'muon' ? 1024 : 256;
  // A 10¹²-step run would plan 5·10¹⁴ element-steps: refused as Simulate Current Config refuses it, and said so in
  // the chart's place; the chart keeps its formula curve.
  const refused = runRefusal(steps, block) ?? undefined;
  // Two replicas where both fit the limit; the first estimate takes one, and leaves a trajectory past 4× its share
  // of the work to the refinement.
  const seeds = budget.trajectoryOptional || 2 * block * steps > SIMULATION_BUDGET ? 1 : 2;
  if (!refused && (!budget.trajectoryOptional || block * steps <= 4 * budget.trajectoryElementSteps)) {
    const coordinates = Math.min(65536, coordinatesFor(budget.trajectoryElementSteps, steps, seeds, input.optimizer));
    tasks.push({ kind: 'run', spec: simulationSpecOf(input, { params: coordinates, steps, seeds, record: Math.min(60, steps), seed: seed + 100 }) });
    roles.push({ chart: 'weightRms' });
  }
  surgeOptimizers(params.optimizer).forEach((optimizer, i) => {
    tasks.push({ kind: 'surge', spec: surgeSpec(params, optimizer, budget, seed + 200 + i) });
    roles.push({ chart: 'surge', optimizer });
  });
  if (params.optimizer === 'adam' || params.optimizer === 'adamw') {
    const scale = simulationGradScale(params);
    EPS_RATIO_POINTS.forEach((ratio, i) => {
      tasks.push({ kind: 'run', spec: stationaryRun(input, budget, params.beta1, ratio * scale, seed + 300 + i) });
      roles.push({ chart: 'eps', ratio });
    });
  }
  return { tasks, roles, ...(refused ? { refused } : {}) };
}

export interface SimPoint {
  x: number;
  y: number;
  /** Standard error of y. */
  stderr: number;
  /** The verdict against the formula (core/sim/agreement.ts), where the point has one. */
  agreement?: Agreement;
}

export interface SimulatedSeries {
  updateRms: SimPoint[];
  weightRms: { step: number[]; mean: number[]; stderr: number[]; final: SimPoint } | null;
  /** η*(B)/max_B η* per optimizer, x in units of B_simple. */
  surge: { optimizer: OptimizerKind; points: SimPoint[] }[];
  eps: SimPoint[];
  backend: string;
  /** The first estimate (a small share of the work) or the full run; absent in state saved by older pages. */
  pass?: 'estimate' | 'final';
  /** Why the weight-RMS trajectory was not simulated (runRefusal's message), when it was refused. */
  refused?: string;
}

/**
 * Update RMS of a stationary run: the mean of the recorded values in its second half. Points spaced by
 * T/K ≥ 1/(1−β2) steps see nearly independent noise, so the standard error of their mean is the
 * per-point one over √m_eff, m_eff = number of points at least 1/(1−β2) apart (at least 1): counting every
 * point would overstate the precision where v's slow memory correlates them.
 */
export function stationaryUpdateRms(result: SimulationResult, beta2: number): { y: number; stderr: number } {
  const { step, updateRms, updateRmsStderr } = result.trajectory;
  const last = step[step.length - 1] ?? 0;
  const idx = step.map((s, i) => (s > last / 2 ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0) return { y: result.updateRms, stderr: result.stderr.updateRms };
  const meanSquare = idx.reduce((s, i) => s + (updateRms[i] ?? 0) ** 2, 0) / idx.length;
  const se = Math.sqrt(idx.reduce((s, i) => s + (updateRmsStderr[i] ?? 0) ** 2, 0) / idx.length);
  const memory = 1 / Math.max(1e-9, 1 - beta2);
  const mEff = Math.max(1, Math.min(idx.length, Math.floor(last / 2 / memory)));
  return { y: Math.sqrt(meanSquare), stderr: se / Math.sqrt(mEff) };
}

/**
 * η*(B) points on the formula's reference (core/sim/surge-compare.ts `normaliseSurge`, science.md §7.5): the
 * simulation scaled onto the formula by one fitted factor and divided by the formula's maximum over all B,
 * exactly as the formula curve is, each point's standard error a jackknife over replicas (the factor's error
 * included) and its verdict by core's agreement rule. x in units of the config's B_simple.
 */
export function normalisedSurge(result: SurgeResult, params: PlaygroundParams, optimizer: OptimizerKind): SimPoint[] {
  const input = surgeInputOf(params, optimizer);
  const bSimple = params.noiseScale;
  const spec: SurgeSpec = surgeSpec(params, optimizer, CPU_BUDGET, 0);
  const model = optimizer === 'sgd' ? { family: 'linear' as const, k: 1, rho: input.hessianAlignment }
    : optimizer === 'signsgd' ? { family: 'sign-erf' as const, k: 1, rho: input.hessianAlignment }
    : surgeModelOfSpec(input, spec);
  const formula = (batch: number) => etaStarUnscaled(model, bSimple / batch);
  const formulaMax = etaStarUnscaled(model, peakX(model) ?? 0);
  const finite = { ...result, points: result.points.filter((p) => Number.isFinite(p.bestLr)) };
  const { rows } = normaliseSurge(finite, formula, formulaMax, surgeModelTolerance(model, input.beta2));
  return rows.map((r) => ({
    x: r.batchSize / bSimple, y: r.simulated, stderr: Number.isFinite(r.simulatedStderr) ? r.simulatedStderr : 0,
    agreement: r.agreement,
  }));
}

/** Turns the job's results into the charts' simulated series. */
export function simulatedSeries(
  plan: ExperimentPlan, results: SimTaskResult[], params: PlaygroundParams, pass: 'estimate' | 'final' = 'final',
): SimulatedSeries {
  const out: SimulatedSeries = {
    updateRms: [], weightRms: null, surge: [], eps: [], backend: '', pass,
    ...(plan.refused ? { refused: plan.refused.message } : {}) };
  plan.roles.forEach((role, i) => {
    const r = results[i];
    if (!r) return;
    if (r.kind === 'run') {
      out.backend = r.result.backend;
      if (role.chart === 'updateRms') out.updateRms.push({ x: role.beta1, ...stationaryUpdateRms(r.result, params.beta2) });
      else if (role.chart === 'eps') out.eps.push({ x: role.ratio, ...stationaryUpdateRms(r.result, params.beta2) });
      else if (role.chart === 'weightRms') {
        const t = r.result.trajectory;
        out.weightRms = {
          step: t.step,
          mean: t.weightRms,
          stderr: t.weightRmsStderr,
          final: { x: t.step[t.step.length - 1] ?? 0, y: r.result.weightRms, stderr: r.result.stderr.weightRms },
        };
      }
    } else if (role.chart === 'surge') {
      out.surge.push({ optimizer: role.optimizer, points: normalisedSurge(r.result, params, role.optimizer) });
    }
  });
  return out;
}
