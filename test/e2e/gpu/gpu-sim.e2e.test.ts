/**
 * The GPU simulator on the webview's path: gpu.js's browser build with WebGL2 (SwiftShader in
 * headless Chromium), the kernels bundled and minified as in production, a CSP without
 * 'unsafe-eval'. Checks run in the page (test/e2e/gpu/page.ts); the assertions are here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuRun } from '../../../core/sim/cpu-run';
import { driveRun } from '../../../core/sim/drive';
import type { SimulationSpec } from '../../../core/sim/types';
import { KS_CRITICAL_0_001 } from '../../core/sim-gpu/normal-checks';
import { ADAMW, KERNEL_CASES } from '../../core/sim-gpu/same-stream';
import { openGpuPage, type GpuPage } from './harness';

let gpuPage: GpuPage;
beforeAll(async () => {
  gpuPage = await openGpuPage();
});
afterAll(async () => {
  await gpuPage?.close();
});

describe('gpu.js in Chromium under the webview CSP', () => {
  it('has WebGL2 and runs the kernels on it, without eval or CSP violations', async () => {
    expect(await gpuPage.call('webgl2')).toBe(true);
    const rng = await gpuPage.call('rngCheck', 256);
    expect(rng.backend).toBe('gpu:webgl2');
    expect(gpuPage.errors).toEqual([]);
  });
});

describe('random numbers on WebGL2', () => {
  it('are the mirror\'s Philox words exactly: float32 arithmetic on integers below 2^24 is exact', async () => {
    expect(await gpuPage.call('philoxWordMismatches', 65536, 0, 1)).toBe(0);
    expect(await gpuPage.call('philoxWordMismatches', 4096, 16777215, 16777215)).toBe(0);
  });

  it('give normals with the moments of N(0,1) that pass Kolmogorov–Smirnov at the 0.1% level', async () => {
    const rng = await gpuPage.call('rngCheck', 65536);
    // The words are exact (above), so the gap is the GPU's log/cos: GLSL ES 3.00 leaves the
    // precision of built-in functions to the implementation, and SwiftShader's log is good to
    // ~4e-4 relative (measured: the largest gaps, ~1.5e-4·(1+|z|), sit in the tails where
    // ln u1 ≈ −8). A wrong word gives an unrelated z, a gap of order 1.
    expect(rng.worstMirrorGap).toBeLessThan(1e-3);
    for (const z of rng.scores) {
      for (const score of [z.mean, z.variance, z.third, z.fourth]) expect(Math.abs(score)).toBeLessThan(4.5);
      expect(z.ksSqrtN).toBeLessThan(KS_CRITICAL_0_001);
    }
  });
});

describe('kernel loops', () => {
  it('run all 2500 steps of one chunk (loopMaxIterations is set above gpu.js\'s default 1000)', async () => {
    // θ_T = −lr·Σ_t (μ + z_t), lr = 0.01, μ = 0.1. Against the mirror's float64 sum the GPU differs by
    // its normals' error, ≤ 1e-3·(1+|z|) per draw (test above), so by ≤ lr·Σ 1e-3·(1+|z_t|) ≈
    // 0.01·1e-3·2500·1.8 = 0.045 at worst, plus ≤ 2500 float32 roundings of |θ| ≤ 5 (7e-4).
    // A loop cut at 1000 steps misses lr·1500·μ = 1.5 of drift (± 0.4 of noise).
    const { gpu, mirror } = await gpuPage.call('longChunk');
    gpu.forEach((theta, i) => expect(Math.abs(theta - (mirror[i]))).toBeLessThan(0.046));
  });
});

describe('update rules against the float64 reference on the GPU\'s own normals', () => {
  it('every optimizer stays within the float32 error budget', async () => {
    const results = await gpuPage.call('sameStream');
    expect(Object.keys(results).sort()).toEqual(Object.keys(KERNEL_CASES).sort());
    for (const [name, cmp] of Object.entries(results)) {
      const optimizer = KERNEL_CASES[name].optimizer;
      if (['signsgd', 'signsgdm', 'lion'].includes(optimizer)) {
        // A sign whose argument is within rounding of 0 can flip (~1e-6 per coordinate-step).
        expect(cmp.overBudget, name).toBeLessThanOrEqual(3);
      } else {
        expect(cmp.worstRatio, name).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('Muon on WebGL2 (momentum kernel, then Newton–Schulz kernels over the batch of matrices)', () => {
  it('matches the float64 reference on the same normals within float32 error, wide and tall', async () => {
    for (const cmp of await gpuPage.call('muonSameStream')) expect(cmp.worstRatio).toBeLessThanOrEqual(1);
  });
});

describe('the blog case (science.md §2.2): AdamW β1 0.9, β2 0.95, η 1e-3, λ 0.1', () => {
  // τ = 1/(ηλ) = 1e4 steps; T = 4τ leaves e^{-8} of θ0 (θ0 RMS 0.1, the seed script's), and
  // N = 4096 coordinates give the RMS a relative standard error of 1/√(2N) ≈ 1.1%: the most
  // SwiftShader on two cores runs in about a minute. (The issue's N = 1e4, T = 1e5 is `optlens simulate`'s job.)
  const steps = 40_000;
  const spec: SimulationSpec = {
    optimizer: ADAMW,
    schedule: { kind: 'constant', peakLr: 1e-3, steps, warmupSteps: 0 },
    params: 4096,
    steps,
    seeds: 1,
    record: 4,
    gradMean: 0,
    gradStd: 1,
    theta0Rms: 0.1,
    seed: 7,
  };

  it('reaches weight RMS ≈ 0.070 on the GPU, agreeing with the CPU simulator', async () => {
    const [gpu, cpu] = await Promise.all([gpuPage.call('simulate', spec), driveRun(createCpuRun(spec))]);
    expect(gpu.backend).toBe('gpu:webgl2');
    expect(gpu.complete).toBe(true);
    // Two independent Monte Carlo estimates: within 4.5 combined standard errors.
    const se = Math.hypot(gpu.stderr.weightRms, cpu.stderr.weightRms);
    expect(Math.abs(gpu.weightRms - cpu.weightRms)).toBeLessThan(4.5 * se);
    // √(η/2λ) = 0.0707; science.md §6: AdamW's Monte Carlo sits within ~2% of it (0.0699).
    const formula = Math.sqrt(1e-3 / (2 * 0.1));
    expect(Math.abs(gpu.weightRms - formula)).toBeLessThan(0.02 * formula + 4.5 * gpu.stderr.weightRms);
    // Update RMS √((1−β1)/(1+β1)) = 0.229 (§1.1, within ~3% for β2 ≥ 0.95).
    expect(Math.abs(gpu.updateRms - Math.sqrt(0.1 / 1.9))).toBeLessThan(0.03 * 0.229 + 4.5 * gpu.stderr.updateRms);
  });
});
