/**
 * Muon's float64 reference (core/sim/muon.ts) fed the GPU's own normals, against the GPU run: they
 * differ only by float32 arithmetic (momentum, Newton–Schulz, the θ update). Shared by the Node and
 * browser tests.
 */
import type { GPU } from 'gpu.js';
import { createGpuStepper } from '../../../core/sim/gpu/gpu-run';
import { createGpuMuonRun } from '../../../core/sim/gpu/muon-run';
import { STATE_WIDTH } from '../../../core/sim/gpu/update-kernel';
import { createMuonState, muonStep } from '../../../core/sim/muon';
import { fillNormals, STREAM } from '../../../core/sim/rng';
import type { SimulationSpec } from '../../../core/sim/types';
import { lrAt } from '../../../core/theory/schedule';
import { gpuNormalsOf } from './same-stream';

export interface MuonComparison {
  /** max over coordinates of |θ_gpu − θ_ref| / budget (see `compareMuonSameStream`). */
  worstRatio: number;
  /** max |θ_gpu − θ_ref| / RMS(θ_ref), for scale. */
  worstRelative: number;
}

/**
 * Float32 error budget per coordinate, summed over steps: the θ update rounds (2·2^-24·|θ|), and
 * O = NewtonSchulz5(update) carries float32 error: each of the 15 products sums ≤ max(m, n) terms
 * (relative error ≤ max(m,n)·2^-24 each), and the quintic can amplify an error by at most
 * |p'| ≤ a = 3.4445 per iteration (3.4445^5 ≈ 490 over five), so |ΔO| ≤ 490·3·max(m,n)·2^-24·max|O|.
 * The budget adds lr·ratio times that each step.
 */
export async function compareMuonSameStream(gpu: GPU, spec: SimulationSpec): Promise<MuonComparison> {
  const shape = spec.optimizer.shape!;
  const total = spec.params * spec.seeds;
  // θ0 as both simulators draw it, rounded to float32 as the GPU holds it.
  const theta = new Float64Array(total);
  for (let r = 0; r < spec.seeds; r++) fillNormals(
    theta, r * spec.params, 0, spec.params, spec.seed, STREAM.theta0, 0, r);
  for (let i = 0; i < total; i++) theta[i] = Math.fround((theta[i]) * spec.theta0Rms);
  const state = createMuonState(theta, shape);
  const normals = gpuNormalsOf(gpu, spec);
  const z = new Float64Array(total);
  const before = new Float64Array(total);
  const budget = new Float64Array(total).fill(1e-30);
  const oError = 490 * 3 * Math.max(shape[0], shape[1]) * 2 ** -24;
  for (let t = 1; t <= spec.steps; t++) {
    z.set(normals.next());
    before.set(theta);
    const lr = lrAt(spec.schedule, t);
    muonStep(spec.optimizer, shape, lr, spec.schedule.peakLr, state, z, 0, 0, total, spec.gradMean, spec.gradStd, null);
    // lr·ratio·max|O| is the largest step of the update this step (decay aside, ≤ the largest move).
    let largest = 0;
    for (let i = 0; i < total; i++) largest = Math.max(largest, Math.abs((theta[i]) - (before[i])));
    for (let i = 0; i < total; i++) {
      budget[i] = (budget[i]) + 2 * 2 ** -24 * Math.abs(theta[i]) + oError * largest;
    }
  }
  normals.dispose();
  const stepper = createGpuStepper(gpu, spec, { allowMuon: true });
  const run = createGpuMuonRun(gpu, spec, stepper);
  await run.advance(spec.steps);
  let worstRatio = 0;
  let worstAbs = 0;
  let sumSq = 0;
  for (let i = 0; i < total; i++) {
    const diff = Math.abs((stepper.state[i * STATE_WIDTH]) - (theta[i]));
    worstRatio = Math.max(worstRatio, diff / (budget[i]));
    worstAbs = Math.max(worstAbs, diff);
    sumSq += (theta[i]) ** 2;
  }
  run.dispose();
  return { worstRatio, worstRelative: worstAbs / Math.sqrt(sumSq / total) };
}
