/**
 * `optlens simulate --surge` for Muon: η*(B) by the Muon Surge Monte Carlo (core/sim/surge-muon.ts) beside the
 * mean field of science.md §3.5, η* ≈ η_max/√(1 + k·B_simple/B), which has no peak. Points are normalised as for
 * every other optimizer (core/sim/surge-compare.ts `normaliseSurge`) and judged by core's agreement rule.
 */
import { formatSignificant } from '../core/format-number';
import type { PredictionInput } from '../core/prediction';
import { agreementText } from '../core/sim/agreement';
import { geometricGrid } from '../core/sim/surge';
import { normaliseSurge, peakOfCurve, type SurgeRow } from '../core/sim/surge-compare';
import { muonSurgeSweep, type MuonSurgeSpec } from '../core/sim/surge-muon';
import type { SurgeResult } from '../core/sim/types';
import { surgeModelOf } from '../core/theory/optimizer-model';
import { etaStarUnscaled } from '../core/theory/surge';
import type { CliIO } from './io';

/** Newton–Schulz costs O(m·n·min(m, n)) a step: past 32×32 the sweep takes minutes, and η*'s shape does not need it. */
const DEFAULT_SHAPE: [number, number] = [32, 32];
/** science.md §3.5: the mean field is within 1.7% of the Monte Carlo; 3% stated. */
const MODEL_TOLERANCE = 0.03;

export interface MuonSurgeJson {
  optimizer: 'muon';
  spec: MuonSurgeSpec;
  rows: SurgeRow[];
  /** Peak of the simulated curve (null: η* still rising at the largest batch, as §3.5 predicts). */
  simulatedPeak: number | null;
  predictedPeak: null;
  scale: number;
  scaleStderr: number;
  modelTolerance: number;
  notes: string[];
  interrupted: boolean;
}

export async function runMuonSurge(input: PredictionInput, json: boolean, seed: number, io: CliIO): Promise<number> {
  const s = input.noiseScale ?? 1;
  const notes: string[] = [];
  const shape = input.shape ?? DEFAULT_SHAPE;
  if (input.shape === null) notes.push(`matrix shape not given: simulated ${shape[0]}×${shape[1]} (--shape MxN)`);
  const spec: MuonSurgeSpec = {
    shape, momentum: input.momentum, nesterov: input.nesterov, bSimple: s,
    batchSizes: geometricGrid(s / 1000, 100 * s, 2),
    warmupSteps: Math.min(2000, Math.ceil(3 / (1 - input.momentum))), rounds: 100, replicas: 4, seed,
  };
  const points: SurgeResult['points'] = [];
  for (const batch of spec.batchSizes) {
    if (io.signal.aborted) break;
    const [p] = muonSurgeSweep({ ...spec, batchSizes: [batch], seed: seed + points.length * 7919 });
    if (p) points.push({ ...p, lossDecrease: [], lossDecreaseStderr: [] });
    if (io.isTTY && !json) io.err(`\r  batch size ${points.length}/${spec.batchSizes.length}`);
  }
  if (io.isTTY && !json) io.err('\n');
  const model = surgeModelOf(input);
  const result: SurgeResult = { points, backend: 'cpu', complete: points.length === spec.batchSizes.length };
  // The mean field's maximum is at B → ∞ (x = 0), where η* = 1 in its units.
  const formula = (b: number) => etaStarUnscaled(model, s / b);
  const normalised = normaliseSurge(result, formula, etaStarUnscaled(model, 0), MODEL_TOLERANCE);
  const out: MuonSurgeJson = {
    optimizer: 'muon', spec, rows: normalised.rows, simulatedPeak: peakOfCurve(points.map((p) => p.batchSize), points.map((p) => p.bestLr)),
    predictedPeak: null, scale: normalised.scale, scaleStderr: normalised.scaleStderr, modelTolerance: MODEL_TOLERANCE,
    notes,
    interrupted: !result.complete,
  };
  io.out(json ? JSON.stringify(out) + '\n' : formatMuonSurge(out));
  return out.interrupted ? 130 : 0;
}

export function formatMuonSurge(out: MuonSurgeJson): string {
  const f = (v: number) => (Number.isFinite(v) ? formatSignificant(v) : '—');
  const { spec } = out;
  const lines = [
    `OptLens Surge simulation: muon (μ ${spec.momentum}${spec.nesterov ? ', Nesterov' : ''}), B_simple ${f(spec.bSimple)}; ` +
      `one ${spec.shape[0]}×${spec.shape[1]} matrix × ${spec.replicas} replicas, backend cpu`,
    '',
    '  η* relative to the formula\'s maximum (B → ∞): §3.5\'s η_max/√(1 + k·B_simple/B) has no peak',
    `  ${'batch'.padStart(10)}  ${'simulated'.padEnd(22)}  ${'§3.5'.padEnd(8)}  verdict`,
    ...out.rows.map((r) => `  ${f(r.batchSize).padStart(10)}  ${`${f(r.simulated)} ± ${formatSignificant(r.simulatedStderr, 2)}`.padEnd(22)}  ` +
      `${f(r.predicted).padEnd(8)}  ${agreementText(r.agreement)}`),
    '',
    `  peak batch: simulated ${out.simulatedPeak === null ? 'none (η* still rising at the largest batch)' : f(out.simulatedPeak)}, predicted none`,
  ];
  if (out.notes.length > 0) lines.push('', 'notes:', ...out.notes.map((n) => `  - ${n}`));
  if (out.interrupted) lines.push('', `  interrupted after ${out.rows.length} of ${spec.batchSizes.length} batch sizes`);
  return lines.join('\n') + '\n';
}
