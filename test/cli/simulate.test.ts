import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../cli/io';
import { simulateCommand, type SimulateJson, type SurgeJson } from '../../cli/simulate';
import type { MuonSurgeJson } from '../../cli/surge-muon';

function io(options: { isTTY?: boolean; aborted?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  if (options.aborted) controller.abort();
  const cli: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: options.isTTY ?? false,
    signal: controller.signal };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

const SMALL = ['--params', '2000', '--steps', '300', '--record', '3'];

describe('optlens simulate', () => {
  it('--json prints one object with the simulation, its errors and the theory beside it', async () => {
    const t = io();
    const code = await simulateCommand(['--optimizer', 'adamw', '--beta2', '0.95', '--weight-decay', '1', '--lr', '1e-2', ...SMALL, '--json'], t.cli);
    expect(code).toBe(0);
    const json = JSON.parse(t.out()) as SimulateJson;
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['updateRms', 'weightRms', 'trajectory', 'stderr', 'backend', 'elementStepsPerSecond', 'theory']));
    expect(json.trajectory.step).toEqual([100, 200, 300]);
    expect(json.trajectory.updateRms).toHaveLength(3);
    expect(json.backend).toMatch(/^cpu/);
    expect(json.stderr.weightRms).toBeGreaterThan(0);
    expect(json.theory.updateRms).toBeCloseTo(Math.sqrt(0.1 / 1.9), 10);
    expect(json.theory.gap.updateRms).toBeCloseTo(json.updateRms / json.theory.updateRms! - 1, 12);
    expect(Math.abs(json.theory.gap.weightRms!)).toBeLessThan(0.1);
    expect(t.out().trim().split('\n')).toHaveLength(1);
  });

  it('shows the arcsine-law and mean-field weight RMS beside a SignSGDM simulation', async () => {
    const t = io();
    expect(await simulateCommand(['--optimizer', 'signsgdm', '--lr', '1e-3', '--weight-decay', '1', ...SMALL], t.cli)).toBe(0);
    expect(t.out()).toMatch(/arcsine law §2\.5/);
    expect(t.out()).toMatch(/seed's mean field/);
    const j = io();
    await simulateCommand(['--optimizer', 'signsgdm', '--lr', '1e-3', '--weight-decay', '1', ...SMALL, '--json'], j.cli);
    const json = JSON.parse(j.out()) as SimulateJson;
    expect(json.theory.arcsineWeightRms).toBeGreaterThan(0);
    expect(json.theory.meanFieldWeightRms).toBeGreaterThan(json.theory.arcsineWeightRms!);
  });

  it('draws a progress bar on a terminal', async () => {
    const t = io({ isTTY: true });
    await simulateCommand(SMALL, t.cli);
    expect(t.err()).toMatch(/\r\[#+\s*\] 100%/);
  });

  it('stops when interrupted and exits 130 with a partial result', async () => {
    const t = io({ aborted: true });
    expect(await simulateCommand([...SMALL, '--json'], t.cli)).toBe(130);
    const json = JSON.parse(t.out()) as SimulateJson;
    expect(json.interrupted).toBe(true);
    expect(json.complete).toBe(false);
  });

  it('--backend gpu without a GPU context says so and exits 2', async () => {
    const { GPU } = createRequire(__filename)('gpu.js') as typeof import('gpu.js');
    const t = io();
    const code = await simulateCommand([...SMALL, '--backend', 'gpu'], t.cli);
    if (GPU.isHeadlessGLSupported) {
      expect(code).toBe(0);
    } else {
      expect(code).toBe(2);
      expect(t.err()).toMatch(/--backend gpu: .*(no GPU context|not installed)/);
    }
  });

  it('rejects bad values with a usage error naming the flag', async () => {
    for (const [args, flag] of [
      [['--seeds', '0'], '--seeds'],
      [['--record', 'x'], '--record'],
      [['--backend', 'tpu'], '--backend'],
      [['--seed', '-3'], '--seed'],
      [['--surge'], '--surge'],
      [['--surge', '--noise-scale', '1000', '--hessian-alignment', '1e12'], '--hessian-alignment'],
    ] as const) {
      await expect(simulateCommand([...args], io().cli)).rejects.toThrow(UsageError);
      await expect(simulateCommand([...args], io().cli)).rejects.toThrow(flag);
    }
  });

  it('--surge prints η*(B) beside §3.2 with both peaks', async () => {
    const t = io();
    const code = await simulateCommand(['--surge', '--optimizer', 'adamw', '--beta2', '0.95', '--noise-scale', '1000', '--json'], t.cli);
    expect(code).toBe(0);
    const json = JSON.parse(t.out()) as SurgeJson;
    expect(json.rows.length).toBe(json.spec.batchSizes.length);
    expect(json.predictedPeak).toBeCloseTo(1000 / 17, 6);
    // β1 = 0.9: the simulated curve peaks too, within §3.6's few percent (grid of 6 per decade).
    expect(json.simulatedPeak).not.toBeNull();
    expect(Math.abs(Math.log(json.simulatedPeak! / json.predictedPeak!))).toBeLessThan(Math.log(10) / 6);
    // Every point carries its verdict, and both curves share one reference: the formula's maximum is 1.
    expect(json.rows.every((r) => ['agrees', 'model-error', 'inconclusive', 'disagrees'].includes(r.agreement.verdict))).toBe(true);
    expect(Math.max(...json.rows.map((r) => r.predicted))).toBeLessThanOrEqual(1);
    expect(json.scaleStderr).toBeGreaterThan(0);
  });

  it('--surge --hessian-alignment beyond what the simulation can hold is a usage error, not a stack trace', async () => {
    const t = io();
    await expect(simulateCommand(['--surge', '--noise-scale', '1000', '--hessian-alignment', '1e12'], t.cli))
      .rejects.toThrow(/--hessian-alignment: .*\[0, 255\) \(got 1000000000000\)/);
  });
});

describe('optlens simulate --surge for Muon (science.md §3.5)', () => {
  it('simulates Muon and finds no peak: η* still rising at the largest batch, each point judged', async () => {
    const t = io();
    const args = ['--surge', '--optimizer', 'muon', '--noise-scale', '1000', '--shape', '8x16', '--json'];
    const code = await simulateCommand(args, t.cli);
    expect(code).toBe(0);
    const json = JSON.parse(t.out()) as MuonSurgeJson;
    expect(json.rows.length).toBe(json.spec.batchSizes.length);
    expect(json.simulatedPeak).toBeNull();
    expect(json.predictedPeak).toBeNull();
    // Rising: the smallest batch's η* is well below the largest's.
    expect(json.rows[0].simulated).toBeLessThan(0.6 * json.rows[json.rows.length - 1].simulated);
    expect(json.rows.every((r) => r.agreement.verdict !== 'disagrees')).toBe(true);
  });
});
