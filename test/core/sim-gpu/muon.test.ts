/** Muon on the GPU (momentum kernel + Newton–Schulz kernels) against the float64 reference. */
import { afterAll, describe, expect, it } from 'vitest';
import { GPU } from 'gpu.js';
import { createCpuRun } from '../../../core/sim/cpu-run';
import { driveRun } from '../../../core/sim/drive';
import { createGpuRun, gpuSpecProblem } from '../../../core/sim/gpu/gpu-run';
import type { OptimizerSettings } from '../../../core/sim/types';
import { compareMuonSameStream } from './muon-same-stream';
import { ADAMW, makeSpec } from './same-stream';

const gpu = new GPU();
afterAll(() => gpu.destroy());

const muon = (shape: [number, number], extra: Partial<OptimizerSettings> = {}): OptimizerSettings => ({
  ...ADAMW,
  optimizer: 'muon',
  momentum: 0.95,
  nesterov: true,
  shape,
  ...extra,
});

describe('Muon on the GPU', () => {
  it('is opt-in: by default the CPU simulator runs it, with a reason', () => {
    const spec = makeSpec(muon([8, 16]), { params: 128 });
    expect(gpuSpecProblem(spec)).toMatch(/Muon runs on the CPU simulator/);
    expect(() => createGpuRun(gpu, spec)).toThrow(RangeError);
    expect(gpuSpecProblem(spec, { allowMuon: true })).toBeNull();
  });

  it.each([
    ['wide 8×24, Nesterov, original ratio', muon([8, 24])],
    ['tall 24×8 (transposed), no Nesterov, match_rms_adamw', muon([24, 8], { nesterov: false, muonAdjustLr: 'match_rms_adamw' })],
  ])('%s: matches the float64 reference on the same normals within float32 error', async (_, optimizer) => {
    const cmp = await compareMuonSameStream(
      gpu, makeSpec(optimizer, { params: 192 * 4, seeds: 2, steps: 30, lr: 0.02 }));
    expect(cmp.worstRatio).toBeLessThanOrEqual(1);
  });

  it('agrees with the CPU simulator on update and weight RMS within sampling error (units: matrices)', async () => {
    const spec = makeSpec(muon([8, 16]), { params: 128 * 64, seeds: 1, steps: 60, record: 3, lr: 0.02 });
    const [g, c] = await Promise.all(
      [driveRun(createGpuRun(gpu, spec, { allowMuon: true })), driveRun(createCpuRun(spec))]);
    g.trajectory.step.forEach((step, k) => {
      expect(step).toBe(c.trajectory.step[k]);
      for (const [name, se] of [['updateRms', 'updateRmsStderr'], ['weightRms', 'weightRmsStderr']] as const) {
        const combined = Math.hypot(g.trajectory[se][k], c.trajectory[se][k]);
        expect(Math.abs((g.trajectory[name][k]) - (c.trajectory[name][k]))).toBeLessThanOrEqual(
          4.5 * combined + 1e-4 * (c.trajectory[name][k]));
      }
    });
  });
});
