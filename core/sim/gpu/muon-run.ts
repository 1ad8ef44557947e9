/**
 * Muon on the GPU (core/sim/muon.ts's rules, torch.optim.Muon): each step, the element-wise kernel
 * advances the momentum buffer and forms the update (one thread per coordinate, gradients from the
 * same in-kernel generator), JavaScript divides each matrix by its Frobenius norm (transposing so
 * rows ≤ columns), the Newton–Schulz kernels orthogonalise the whole batch of matrices, and
 * JavaScript applies θ ← θ·keep − lr·ratio·O and records. The per-step JavaScript work is O(m·n)
 * per matrix against O(min(m,n)·m·n) on the GPU.
 */
import type { GPU } from 'gpu.js';
import { lrAt } from '../../theory/schedule';
import { decayPerStep } from '../../theory/weight-decay';
import { buildResult, emptyAccumulators } from '../accumulate';
import { muonLrScale } from '../../theory/muon';
import { recordSteps, type SimulationProgress, type SimulationRun, type SimulationSpec } from '../types';
import type { GpuStepper } from './gpu-run';
import { createNewtonSchulz } from './newton-schulz';
import { STATE_WIDTH } from './update-kernel';

const NS_EPS = 1e-7;

/** A Muon run over `stepper` (built for the same spec, which advances the momentum one step per call). */
export function createGpuMuonRun(gpu: GPU, spec: SimulationSpec, stepper: GpuStepper): SimulationRun {
  const opt = spec.optimizer;
  const shape = opt.shape;
  if (!shape) throw new RangeError('muon needs a matrix shape m×n');
  const [m, n] = shape;
  const size = m * n;
  const transposed = m > n;
  const rows = Math.min(m, n);
  const cols = Math.max(m, n);
  const matrices = (spec.params * spec.seeds) / size;
  const ratio = muonLrScale(shape, opt.muonAdjustLr);
  const ns = createNewtonSchulz(gpu, matrices, rows, cols);
  const x = new Float32Array(matrices * size);
  const { state, backend } = stepper;
  const recorded = recordSteps(spec.steps, spec.record);
  const acc = emptyAccumulators(recorded.length, matrices);
  let nextRecord = 0;
  let elapsedMs = 0;

  /** X = update / ‖update‖_F per matrix, as r×c. */
  function loadNormalised(): void {
    for (let q = 0; q < matrices; q++) {
      const base = q * size;
      let norm = 0;
      for (let k = 0; k < size; k++) norm += (state[(base + k) * STATE_WIDTH + 3]) ** 2;
      const scale = 1 / Math.max(Math.sqrt(norm), NS_EPS);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const value = (state[(base + i * n + j) * STATE_WIDTH + 3]) * scale;
          x[base + (transposed ? j * m + i : i * n + j)] = value;
        }
      }
    }
  }

  /** θ ← θ·keep − lr·ratio·O; at a recorded step, one unit per matrix (as the CPU simulator). */
  function applyUpdate(t: number, record: number | null): void {
    const lr = lrAt(spec.schedule, t);
    const keep = 1 - decayPerStep(opt.weightDecaySemantics, lr, spec.schedule.peakLr, opt.weightDecay);
    for (let q = 0; q < matrices; q++) {
      const base = q * size;
      let u2 = 0;
      let w2 = 0;
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          const o = x[base + (transposed ? j * m + i : i * n + j)];
          const at = (base + i * n + j) * STATE_WIDTH;
          const next = (state[at]) * keep - lr * ratio * o;
          state[at] = next;
          u2 += o * o;
          w2 += next * next;
        }
      }
      if (record !== null) {
        const uMs = (ratio * ratio * u2) / size;
        const wMs = w2 / size;
        acc.u2[record] += uMs;
        acc.u4[record] += uMs * uMs;
        acc.w2[record] += wMs;
        acc.w4[record] += wMs * wMs;
      }
    }
  }

  return {
    spec,
    backend,
    async advance(maxSteps: number): Promise<SimulationProgress> {
      if (stepper.disposed) throw new Error('simulation run was disposed');
      const started = globalThis.performance.now();
      const end = Math.min(spec.steps, stepper.stepsDone + Math.max(0, Math.floor(maxSteps)));
      while (stepper.stepsDone < end) {
        stepper.step(1);
        loadNormalised();
        ns.run(x);
        const t = stepper.stepsDone;
        const record = recorded[nextRecord] === t ? nextRecord++ : null;
        applyUpdate(t, record);
      }
      elapsedMs += globalThis.performance.now() - started;
      return { stepsDone: stepper.stepsDone, totalSteps: spec.steps, done: stepper.stepsDone >= spec.steps };
    },
    result: () => buildResult(spec, acc, stepper.stepsDone, backend, elapsedMs),
    dispose() {
      ns.dispose();
      stepper.dispose();
    },
  };
}
