/**
 * The GPU simulator under Node. Node has no WebGL here (no `gl` package), so gpu.js's automatic
 * choice is its WebAssembly backend (float32 arithmetic, the same transpiled kernel source); the
 * WebGL2 path the webview uses is tested in headless Chromium (test/e2e/gpu/).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { GPU } from 'gpu.js';
import { createCpuRun } from '../../../core/sim/cpu-run';
import { driveRun } from '../../../core/sim/drive';
import { createGpuRun, createGpuStepper, gpuSpecProblem, MAX_CHUNK_STEPS } from '../../../core/sim/gpu/gpu-run';
import { STATE_WIDTH } from '../../../core/sim/gpu/update-kernel';
import { gpuNormal, philox24Key } from '../../../core/sim/gpu/philox24';
import { KS_CRITICAL_0_001, normalSampleZScores } from './normal-checks';
import { philoxWordMismatches } from './philox-words';
import { ADAMW, compareSameStream, KERNEL_CASES, makeSpec } from './same-stream';

const gpu = new GPU();
afterAll(() => gpu.destroy());

describe('the backend Node offers', () => {
  it('is a gpu.js backend that is not the eval-based cpu one', () => {
    const stepper = createGpuStepper(gpu, makeSpec(ADAMW, { params: 4, seeds: 1, steps: 1 }));
    expect(stepper.backend).toMatch(/^gpu:(webasm|headlessgl|webgl2?)$/);
    stepper.dispose();
  });
});

describe('random numbers inside the kernel', () => {
  it('are the mirror\'s Philox words exactly (float-exact arithmetic holds on this backend)', () => {
    expect(philoxWordMismatches(gpu, 65536, 0, philox24Key(1))).toBe(0);
    expect(philoxWordMismatches(gpu, 4096, 16777215, 16777215)).toBe(0);
  });

  // SGD without momentum or decay, lr 1, θ0 = 0: the stored update u of step t is the gradient
  // itself, μ + σ·z with μ = 0, σ = 1, so u is the kernel's normal for (coordinate, t).
  const plain = { ...ADAMW, optimizer: 'sgd' as const, weightDecaySemantics: 'none' as const };
  const spec = makeSpec(plain, { params: 32768, seeds: 2, steps: 2, gradMean: 0, theta0Rms: 0, lr: 1, schedule: { kind: 'constant', peakLr: 1, steps: 2, warmupSteps: 0 } });
  const stepper = createGpuStepper(gpu, spec);
  const key = philox24Key(spec.seed);
  const draws: Float64Array[] = [];
  for (let t = 1; t <= 2; t++) {
    stepper.step(1);
    draws.push(Float64Array.from({ length: 65536 }, (_, i) => stepper.state[i * STATE_WIDTH + 3]));
  }
  stepper.dispose();

  it('are the mirror generator\'s normals, to float32 rounding of log/sqrt/cos', () => {
    // The words are exact (above); Box–Muller in float32 with correctly rounded log/sqrt/cos (as
    // WebAssembly's f32 calls to JavaScript's Math are) is good to ~1e-6 relative, so
    // 1e-5·(1 + |z|) separates rounding from a wrong word (which would give an unrelated z).
    let worst = 0;
    draws.forEach((sample, t) => {
      sample.forEach((z, i) => {
        worst = Math.max(worst, Math.abs(z - gpuNormal(i, t + 1, key)) / (1 + Math.abs(z)));
      });
    });
    expect(worst).toBeLessThan(1e-5);
  });

  it('have the moments of N(0,1) and pass Kolmogorov–Smirnov at the 0.1% level', () => {
    for (const sample of draws) {
      const z = normalSampleZScores(sample);
      for (const score of [z.mean, z.variance, z.third, z.fourth]) expect(Math.abs(score)).toBeLessThan(4.5);
      expect(z.ksSqrtN).toBeLessThan(KS_CRITICAL_0_001);
    }
  });
});

describe('chunks', () => {
  it('run every step of a chunk longer than gpu.js\'s default 1000-iteration loop cap', () => {
    // SGD, constant lr, no decay: θ_T = θ0 − lr·Σ_t g_t exactly, so a truncated loop (1000 of 2500
    // steps) would be off by ~lr·√1500 ≈ 0.4, while float32 rounding of 2500 additions to |θ| ≤ 1
    // stays below 2500·2^-24 ≈ 1.5e-4.
    expect(MAX_CHUNK_STEPS).toBeGreaterThan(2500);
    const plain = { ...ADAMW, optimizer: 'sgd' as const, weightDecaySemantics: 'none' as const };
    const steps = 2500;
    const spec = makeSpec(plain, { params: 64, seeds: 1, steps, lr: 0.01, theta0Rms: 0, schedule: { kind: 'constant', peakLr: 0.01, steps, warmupSteps: 0 } });
    const stepper = createGpuStepper(gpu, spec);
    stepper.step(steps);
    const key = philox24Key(spec.seed);
    for (let i = 0; i < 64; i++) {
      let theta = 0;
      for (let t = 1; t <= steps; t++) theta -= 0.01 * (spec.gradMean + gpuNormal(i, t, key));
      expect(Math.abs((stepper.state[i * STATE_WIDTH]) - theta)).toBeLessThan(2e-4);
    }
    stepper.dispose();
  });

  it('give the same state whatever the chunking', () => {
    // Chunks of odd lengths start on the second step of a Box–Muller pair (steps 2, 4, 9, 12 here),
    // the case where a chunk must redraw the pair its first step shares with the previous chunk.
    const spec = makeSpec(ADAMW, { params: 128, seeds: 2, steps: 37 });
    const whole = createGpuStepper(gpu, spec);
    whole.step(37);
    const pieces = createGpuStepper(gpu, spec);
    for (const n of [1, 2, 5, 3, 26]) pieces.step(n);
    expect(Array.from(pieces.state)).toEqual(Array.from(whole.state));
    whole.dispose();
    pieces.dispose();
  });

  it('end at every recorded step and complete the run, however `advance` is called', async () => {
    const spec = makeSpec(ADAMW, { params: 64, seeds: 1, steps: 50, record: 5 });
    const run = createGpuRun(gpu, spec);
    const progress = [await run.advance(7), await run.advance(0), await run.advance(100)];
    expect(progress.map((p) => p.stepsDone)).toEqual([7, 7, 50]);
    const result = run.result();
    expect(result.trajectory.step).toEqual([10, 20, 30, 40, 50]);
    expect(result.complete).toBe(true);
    expect(result.backend).toMatch(/^gpu:/);
    run.dispose();
    await expect(run.advance(1)).rejects.toThrow(/disposed/);
  });
});

describe('update rules against the float64 reference on the same random numbers', () => {
  it.each(Object.entries(KERNEL_CASES))('%s stays within the float32 error budget', (_, optimizer) => {
    const sign = ['signsgd', 'signsgdm', 'lion'].includes(optimizer.optimizer);
    const cmp = compareSameStream(gpu, makeSpec(optimizer, { steps: 120, params: 256, seeds: 2 }), 50);
    if (sign) {
      // A sign whose argument lies within rounding of 0 can come out the other way (probability
      // ~1e-6 per coordinate-step, ~0.5 expected here); allow 3 such coordinates of 512.
      expect(cmp.overBudget).toBeLessThanOrEqual(3);
    } else {
      expect(cmp.worstRatio).toBeLessThanOrEqual(1);
    }
  });
});

describe('agreement with the CPU simulator (independent random numbers)', () => {
  it.each(Object.entries(KERNEL_CASES))('%s: update and weight RMS within sampling error', async (_, optimizer) => {
    const spec = makeSpec(optimizer, { steps: 300, params: 2048, seeds: 2, record: 3 });
    const [gpuResult, cpuResult] = await Promise.all([driveRun(createGpuRun(gpu, spec)), driveRun(createCpuRun(spec))]);
    gpuResult.trajectory.step.forEach((step, k) => {
      expect(step).toBe(cpuResult.trajectory.step[k]);
      for (const [name, se] of [['updateRms', 'updateRmsStderr'], ['weightRms', 'weightRmsStderr']] as const) {
        const a = gpuResult.trajectory[name][k];
        const b = cpuResult.trajectory[name][k];
        // Two independent estimates: difference within 4.5 combined standard errors, plus float32 (1e-5 relative).
        const combined = Math.hypot(gpuResult.trajectory[se][k], cpuResult.trajectory[se][k]);
        expect(Math.abs(a - b)).toBeLessThanOrEqual(4.5 * combined + 1e-5 * Math.abs(b));
      }
    });
  });
});

describe('what the GPU backend refuses', () => {
  it('refuses more coordinates than the 24-bit counter holds', () => {
    expect(gpuSpecProblem(makeSpec(ADAMW, { params: 1 << 23, seeds: 4 }))).toMatch(/2\^24/);
  });
});
