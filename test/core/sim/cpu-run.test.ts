import { describe, expect, it } from 'vitest';
import { mergeAccumulators } from '../../../core/sim/accumulate';
import { createCpuRun, splitShards } from '../../../core/sim/cpu-run';
import { driveRun } from '../../../core/sim/drive';
import { NORMAL_BLOCK } from '../../../core/sim/rng';
import { createSimKernels } from '../../../core/sim/wasm-kernels';
import { recordSteps, type SimulationSpec } from '../../../core/sim/types';
import { specProblem } from '../../../core/sim/validate';
import { spec } from './spec-fixtures';

async function runInChunks(s: SimulationSpec, chunks: number[]) {
  const run = createCpuRun(s);
  for (const c of chunks) await run.advance(c);
  return run.result();
}

describe('CPU simulator', () => {
  it('gives bit-identical results whatever the chunking', async () => {
    const s = spec();
    const whole = await runInChunks(s, [s.steps]);
    const pieces = await runInChunks(s, [1, 2, 7, 13, 40]);
    expect(pieces.trajectory).toEqual(whole.trajectory);
    expect(pieces.complete).toBe(true);
  });

  it.each(['adamw', 'adam', 'sgd', 'signsgd', 'signsgdm', 'lion'] as const)(
    '%s: merging shards (replicas or coordinate blocks) reproduces the whole run',
    async (optimizer) => {
      const s = spec({ params: 3 * NORMAL_BLOCK + 17, seeds: 3 }, { optimizer, momentum: 0.9, weightDecaySemantics: optimizer === 'adam' || optimizer === 'sgd' ? 'coupled-l2' : 'lr' });
      const whole = createCpuRun(s);
      await whole.advance(s.steps);
      for (const parts of [3, 2]) {
        // 3 parts split the 3 replicas; 2 parts split coordinates at RNG-block boundaries.
        const shards = splitShards(parts === 3 ? s : { ...s, seeds: 1 }, parts, NORMAL_BLOCK);
        const target = parts === 3 ? s : { ...s, seeds: 1 };
        const reference = parts === 3 ? whole : createCpuRun(target);
        if (parts === 2) await reference.advance(s.steps);
        const runs = shards.map((sh) => createCpuRun(target, sh));
        for (const r of runs) await r.advance(s.steps);
        const merged = mergeAccumulators(runs.map((r) => r.accumulators()));
        const ref = reference.accumulators();
        expect(merged.units).toBe(ref.units);
        // Sums in a different order: equal to rounding.
        for (const key of ['u2', 'u4', 'w2', 'w4'] as const) {
          merged[key].forEach((x, k) => expect(Math.abs(x - ref[key][k])).toBeLessThanOrEqual(
            1e-12 * Math.abs(ref[key][k])));
        }
      }
    },
  );

  it.each(['adamw', 'adam', 'sgd', 'lion'] as const)('%s: the WebAssembly loops give bit-identical results to the JS loops', async (optimizer) => {
    expect(createSimKernels(1024)).not.toBeNull();
    const s = spec(
      { params: 2 * NORMAL_BLOCK + 7, seeds: 2, steps: 60, record: 4, schedule: { kind: 'cosine', peakLr: 1e-2, steps: 60, warmupSteps: 5 } },
      { optimizer, weightDecaySemantics: optimizer === 'adam' ? 'coupled-l2' : 'lr', eps: 1e-3 },
    );
    const fast = createCpuRun(s);
    const plain = createCpuRun(s, undefined, 'cpu', { wasm: false });
    await fast.advance(s.steps);
    await plain.advance(s.steps);
    expect(fast.result().trajectory).toEqual(plain.result().trajectory);
  });

  it('records the requested steps, ending at T', async () => {
    expect(recordSteps(100, 4)).toEqual([25, 50, 75, 100]);
    expect(recordSteps(3, 10)).toEqual([1, 2, 3]);
    const r = await runInChunks(spec({ steps: 30, record: 3 }), [30]);
    expect(r.trajectory.step).toEqual([10, 20, 30]);
    expect(r.stepsDone).toBe(30);
  });

  it('reports a partial trajectory for an unfinished run', async () => {
    const r = await runInChunks(spec({ steps: 40, record: 4 }), [25]);
    expect(r.trajectory.step).toEqual([10, 20]);
    expect(r.complete).toBe(false);
    expect(r.weightRms).toBe(r.trajectory.weightRms[1]);
  });

  it('draws θ0 with the requested RMS (step 1 barely moves it at a tiny lr)', async () => {
    const s = spec({ params: 20_000, seeds: 1, steps: 1, record: 1, theta0Rms: 0.5, schedule: { kind: 'constant', peakLr: 1e-12, steps: 1, warmupSteps: 0 } });
    const r = await runInChunks(s, [1]);
    // RMS of 20000 N(0, 0.25) draws: relative standard error 1/√(2n) = 0.5%.
    expect(Math.abs(r.weightRms / 0.5 - 1)).toBeLessThan(4 * Math.sqrt(1 / (2 * 20_000)));
    expect(r.stderr.weightRms).toBeGreaterThan(0);
  });

  it("Adam's first bias-corrected update is ±1 per coordinate (ε negligible)", async () => {
    const r = await runInChunks(spec({ steps: 1, record: 1, gradMean: 0 }, { eps: 1e-12 }), [1]);
    expect(r.updateRms).toBeCloseTo(1, 9);
  });

  it('rejects bad specs with a message naming the field', () => {
    expect(specProblem(spec({ params: 0 }))).toMatch(/params/);
    expect(specProblem(spec({ steps: 2.5 }))).toMatch(/steps/);
    expect(specProblem(spec({}, { beta1: 1 }))).toMatch(/beta1/);
    expect(specProblem(spec({ gradStd: Number.NaN }))).toMatch(/gradStd/);
    expect(specProblem(spec({ params: 100 }, { optimizer: 'muon', shape: [8, 8] }))).toMatch(/multiple/);
    expect(specProblem(spec({ seed: -1 }))).toMatch(/seed/);
    expect(() => createCpuRun(spec({ params: 0 }))).toThrow(RangeError);
    expect(specProblem(spec())).toBeNull();
  });

  it('stops at the next chunk when the signal is aborted', async () => {
    const controller = new AbortController();
    const run = createCpuRun(spec({ steps: 1_000_000, params: 200, seeds: 1 }));
    let calls = 0;
    const result = await driveRun(run, {
      signal: controller.signal,
      onProgress: () => {
        if (++calls === 2) controller.abort();
      },
    });
    expect(calls).toBe(2);
    expect(result.complete).toBe(false);
    expect(result.stepsDone).toBeGreaterThan(0);
  });
});
