/**
 * `optlens simulate`: Monte Carlo of the real update rules (core/sim) beside the prediction
 * (core/theory) for the same flags, with the relative gap. `--surge` sweeps the batch size on a
 * noisy quadratic instead and prints η*(B) beside science.md §3.2.
 * Exit codes: 0 done, 2 usage error (or `--backend gpu` without a GPU), 130 interrupted.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { GPU } from 'gpu.js';
import { formatSignificant } from '../core/format-number';
import type { PredictionInput } from '../core/prediction';
import { noteText } from '../core/prediction-notes';
import { compareWithTheory, relativeGap, type TheoryComparison } from '../core/sim/compare';
import { createCpuRun } from '../core/sim/cpu-run';
import { driveRun } from '../core/sim/drive';
import { simulationSpecOf } from '../core/sim/from-prediction';
import { createGpuRun, gpuSpecProblem } from '../core/sim/gpu/gpu-run';
import { createWorkerRun, workerScriptExists } from '../host/sim-worker';
import { NORMAL_BLOCK } from '../core/sim/rng';
import { agreementText } from '../core/sim/agreement';
import { createSurgeRun, surgeProblemOf } from '../core/sim/surge';
import { compareSurge, surgeSpecOf, type SurgeComparison } from '../core/sim/surge-compare';
import type { SimulationProgress, SimulationResult, SimulationRun, SimulationSpec } from '../core/sim/types';
import { specProblem } from '../core/sim/validate';
import { UsageError, type CliIO, type Command } from './io';
import { runMuonSurge } from './surge-muon';
import { parseNumberFlag, parsePredictionFlags, predictionFlagsHelp } from './prediction-flags';

const USAGE = `usage: optlens simulate [flags]

Simulates the optimizer's exact update rules on i.i.d. Gaussian gradients (science.md §5) and
prints the measured update RMS and weight RMS beside the prediction for the same flags.
With --surge, sweeps the batch size on a noisy quadratic and prints η*(B) beside §3.2.

simulation flags:
  --params N        coordinates simulated (default 10000; also the N of --grad-norm's scale)
  --steps T         optimizer steps (default 10000)
  --seeds S         independent replicas (default 1)
  --seed X          random seed, an integer in [0, 2^32) (default 0)
  --record K        trajectory points (default 20)
  --backend B       auto|cpu|gpu (default auto: the GPU when one is found, else CPU threads)
  --surge           η*(B) Monte Carlo instead (needs --noise-scale)

prediction flags:
`;

const SIM_OPTIONS = {
  seeds: { type: 'string' },
  seed: { type: 'string' },
  record: { type: 'string' },
  backend: { type: 'string' },
  surge: { type: 'boolean' },
} as const;

/** Coordinates simulated at most: per-coordinate statistics do not depend on N. */
const MAX_SIMULATED_PARAMS = 1_000_000;

type BackendChoice = 'auto' | 'cpu' | 'gpu';

function integerFlag(
  flag: string, raw: string | boolean | undefined, fallback: number, min: number, max: number,
): number {
  if (typeof raw !== 'string') return fallback;
  const value = parseNumberFlag(flag, raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${flag}: expected an integer in [${min}, ${max}], got '${raw}'`);
  }
  return value;
}

/** The simulated size: --params capped at MAX_SIMULATED_PARAMS, whole matrices for Muon. */
function simulatedParams(input: PredictionInput, notes: string[]): number {
  let n = input.params ?? 10_000;
  if (n > MAX_SIMULATED_PARAMS) {
    notes.push(`simulating ${MAX_SIMULATED_PARAMS} of the ${n} coordinates: per-coordinate statistics do not depend on N`);
    n = MAX_SIMULATED_PARAMS;
  }
  if (input.optimizer === 'muon') {
    if (input.shape === null) throw new UsageError('--shape: Muon needs the matrix shape MxN');
    const size = input.shape[0] * input.shape[1];
    n = Math.max(1, Math.round(n / size)) * size;
  }
  return Math.max(1, Math.floor(n));
}

/**
 * A GPU run through gpu.js, or why there is none. In Node gpu.js reaches a GPU only through
 * headless-gl (the optional `gl` package); its CPU fallback is not a GPU, so it does not count.
 * gpu.js is loaded at run time, not bundled: it is only needed when a GPU is asked for.
 */
function openNodeGpu(spec: SimulationSpec): SimulationRun | string {
  const problem = gpuSpecProblem(spec);
  if (problem) return problem;
  let gpuJs: typeof import('gpu.js');
  try {
    gpuJs = createRequire(__filename)('gpu.js') as typeof import('gpu.js');
  } catch {
    return 'gpu.js is not installed next to the CLI';
  }
  if (!gpuJs.GPU.isHeadlessGLSupported) {
    return 'no GPU context: in Node, gpu.js needs headless-gl (the optional `gl` package), which is missing or cannot create a context here';
  }
  const gpu: GPU = new gpuJs.GPU({ mode: 'headlessgl' });
  return createGpuRun(gpu, spec);
}

/** The run on the chosen backend; a reason instead when `gpu` was asked for and none exists. */
async function openRun(spec: SimulationSpec, choice: BackendChoice): Promise<SimulationRun | string> {
  if (choice !== 'cpu') {
    // `auto` falls back to the CPU quietly: the result's `backend` says which engine ran.
    const gpu = openNodeGpu(spec);
    if (typeof gpu !== 'string' || choice === 'gpu') return gpu;
  }
  const script = join(__dirname, 'sim-worker.js');
  // Threads pay off once there is work to split: two RNG blocks per step and ~10⁷ coordinate-steps.
  const work = spec.params * spec.seeds;
  if (work >= 2 * NORMAL_BLOCK && work * spec.steps >= 1e7 && workerScriptExists(script)) {
    return createWorkerRun(spec, { script });
  }
  return createCpuRun(spec);
}

/** The one object `optlens simulate --json` prints. */
export interface SimulateJson extends SimulationResult {
  spec: SimulationSpec;
  theory: TheoryComparison;
  notes: string[];
  interrupted: boolean;
}

const fmt = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : formatSignificant(v));
const pct = (v: number | null) => (v === null ? '' : `${v >= 0 ? '+' : ''}${(100 * v).toFixed(2)}%`);

export function formatSimulation(out: SimulateJson): string {
  const { theory: th } = out;
  const s = out.spec;
  const lines = [
    `OptLens simulation: ${s.optimizer.optimizer}, ${s.params} coordinates × ${s.seeds} seed(s), ${out.stepsDone}/${s.steps} steps, backend ${out.backend}`,
    '',
    `  ${''.padEnd(22)}${'simulated'.padEnd(22)}${'predicted'.padEnd(12)}gap`,
    `  ${'update RMS'.padEnd(22)}${`${fmt(out.updateRms)} ± ${fmt(out.stderr.updateRms)}`.padEnd(22)}${fmt(th.updateRms).padEnd(12)}${pct(th.gap.updateRms)}`,
    `  ${'weight RMS'.padEnd(22)}${`${fmt(out.weightRms)} ± ${fmt(out.stderr.weightRms)}`.padEnd(22)}${fmt(th.weightRms).padEnd(12)}${pct(th.gap.weightRms)}`,
  ];
  if (th.arcsineWeightRms !== null) lines.push(`  ${'  arcsine law §2.5'.padEnd(44)}${fmt(th.arcsineWeightRms).padEnd(12)}${pct(relativeGap(out.weightRms, th.arcsineWeightRms))}`);
  if (th.meanFieldWeightRms !== null) lines.push(`  ${"  seed's mean field".padEnd(44)}${fmt(th.meanFieldWeightRms).padEnd(12)}${pct(relativeGap(out.weightRms, th.meanFieldWeightRms))}`);
  lines.push('', '  trajectory (step, update RMS, weight RMS):');
  out.trajectory.step.forEach((step, k) => {
    lines.push(`    ${String(step).padStart(9)}  ${fmt(out.trajectory.updateRms[k] ?? null).padEnd(10)}  ${fmt(out.trajectory.weightRms[k] ?? null)}`);
  });
  lines.push('', `  ${fmt(out.elementStepsPerSecond)} coordinate-steps per second`);
  const notes = [...out.notes, ...th.prediction.notes.map((n) => noteText(n, 'cli'))];
  if (notes.length > 0) lines.push('', 'notes:', ...notes.map((n) => `  - ${n}`));
  return lines.join('\n') + '\n';
}

/** A one-line progress bar on stderr, redrawn in place. */
export function progressLine(p: SimulationProgress, unit = 'step', width = 30): string {
  const frac = p.totalSteps > 0 ? p.stepsDone / p.totalSteps : 1;
  const filled = Math.round(frac * width);
  return `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(100 * frac).toFixed(0).padStart(3)}%  ${unit} ${p.stepsDone}/${p.totalSteps}`;
}

/** The one object `optlens simulate --surge --json` prints. */
export interface SurgeJson extends SurgeComparison {
  spec: ReturnType<typeof surgeSpecOf>;
  interrupted: boolean;
}

export function formatSurge(out: SurgeJson, input: PredictionInput): string {
  const assumed = input.gradientScaleSpread === undefined ? ' (assumed; --gradient-scale-spread sets it)' : '';
  const spread = out.spread > 0 ? `, coordinate-size spread ${out.spread}${assumed}` : '';
  const peakText = (peak: number | null, none: string) => (peak === null ? none : fmt(peak));
  const lines = [
    `OptLens Surge simulation: ${input.optimizer}, B_simple ${fmt(input.noiseScale)}, ρ ${input.hessianAlignment}${spread}; ` +
      `noisy quadratic d=${out.spec.problem.dim} × ${out.spec.replicas} replicas, backend ${out.backend}`,
    '',
    `  η* relative to the formula's maximum; the simulation is scaled by its fitted factor ${fmt(out.scale)} ± ` +
      `${formatSignificant(out.scaleStderr, 2)} (its error is in every ±, science.md §7.5)`,
    `  ${'batch'.padStart(10)}  ${'simulated'.padEnd(22)}  ${'§3.2'.padEnd(8)}  verdict`,
    ...out.rows.map((r) => `  ${fmt(r.batchSize).padStart(10)}  ${`${fmt(r.simulated)} ± ${formatSignificant(r.simulatedStderr, 2)}`.padEnd(22)}  ` +
      `${fmt(r.predicted).padEnd(8)}  ${agreementText(r.agreement)}`),
    '',
    `  peak batch: simulated ${peakText(out.simulatedPeak, 'none on the grid')}` +
      (out.simulatedPeak !== null ? ` ± ${formatSignificant(out.simulatedPeakStderr, 2)}` : '') +
      `, predicted ${peakText(out.predictedPeak, 'none (η* keeps rising)')}` +
      (out.predictedPeakOnGrid !== null ? ` (${fmt(out.predictedPeakOnGrid)} by the same fit on this grid)` : '') +
      (out.simulatedPeak !== null && out.predictedPeakOnGrid !== null ? `, gap ${pct(relativeGap(out.simulatedPeak, out.predictedPeakOnGrid))}` : ''),
  ];
  if (out.interrupted) lines.push('', `  interrupted after ${out.rows.length} of ${out.spec.batchSizes.length} batch sizes`);
  return lines.join('\n') + '\n';
}

async function runSurgeCommand(input: PredictionInput, json: boolean, seed: number, io: CliIO): Promise<number> {
  if (input.noiseScale === null) throw new UsageError('--surge: needs --noise-scale (B_simple, science.md §4)');
  if (input.optimizer === 'muon') return runMuonSurge(input, json, seed, io);
  const spec = surgeSpecOf(input, { seed });
  if (!(input.hessianAlignment >= 0 && input.hessianAlignment < spec.problem.dim - 1)) {
    throw new UsageError(`--hessian-alignment: the Surge simulation has ${spec.problem.dim} coordinates, so ρ must be in [0, ${spec.problem.dim - 1}) (got ${input.hessianAlignment})`);
  }
  const problem = surgeProblemOf(spec);
  if (problem) throw new UsageError(`--surge: ${problem}`);
  const run = createSurgeRun(spec);
  for (;;) {
    if (io.signal.aborted) break;
    const p = await run.advance(1);
    if (io.isTTY && !json) io.err(progressLine(p, 'batch size'));
    if (p.done) break;
  }
  if (io.isTTY && !json) io.err('\n');
  const result = run.result();
  const out: SurgeJson = { ...compareSurge(input, spec, result), spec, interrupted: !result.complete };
  io.out(json ? JSON.stringify(out) + '\n' : formatSurge(out, input));
  return out.interrupted ? 130 : 0;
}

export const simulateCommand: Command = async (args, io: CliIO) => {
  const { input, extra, json, help } = parsePredictionFlags(args, SIM_OPTIONS);
  if (help) {
    io.out(USAGE + predictionFlagsHelp(['params', 'steps']));
    return 0;
  }
  const backend = extra.backend ?? 'auto';
  if (backend !== 'auto' && backend !== 'cpu' && backend !== 'gpu') {
    throw new UsageError(`--backend: unknown value '${backend}' (expected one of auto, cpu, gpu)`);
  }
  const seed = integerFlag('seed', extra.seed, 0, 0, 0xffffffff);
  if (extra.surge === true) return runSurgeCommand(input, json, seed, io);
  const notes: string[] = [];
  const steps = input.steps ?? 10_000;
  if (input.steps === null) notes.push('--steps not given: simulated 10000 steps');
  const spec = simulationSpecOf({ ...input, steps }, {
    params: simulatedParams(input, notes),
    steps,
    seeds: integerFlag('seeds', extra.seeds, 1, 1, 1_000_000),
    record: integerFlag('record', extra.record, 20, 1, 100_000),
    seed,
  });
  const problem = specProblem(spec);
  if (problem) throw new UsageError(problem);
  const run = await openRun(spec, backend);
  if (typeof run === 'string') {
    io.err(`optlens simulate: --backend gpu: ${run}\n`);
    return 2;
  }
  let result: SimulationResult;
  try {
    result = await driveRun(run, {
      signal: io.signal,
      onProgress: io.isTTY && !json ? (p) => io.err(progressLine(p)) : undefined,
    });
  } finally {
    run.dispose();
  }
  if (io.isTTY && !json) io.err('\n');
  const interrupted = !result.complete;
  if (interrupted) notes.push(`interrupted at step ${result.stepsDone} of ${spec.steps}: partial result`);
  const theory = compareWithTheory({ ...input, steps }, result);
  const out: SimulateJson = { ...result, spec, theory, notes, interrupted };
  io.out(json ? JSON.stringify(out) + '\n' : formatSimulation(out));
  return interrupted ? 130 : 0;
};
