import { it } from 'vitest';
import { GPU } from 'gpu.js';
import { createGpuStepper } from '../../../core/sim/gpu/gpu-run';
import { ADAMW, makeSpec } from './same-stream';
it('debug', () => {
  const gpu = new GPU();
  const plain = { ...ADAMW, optimizer: 'sgd' as const, weightDecaySemantics: 'none' as const };
  for (const params of [64, 64, 1024]) {
    const spec = makeSpec(plain, { params, seeds: 2, steps: 3, gradMean: 0, theta0Rms: 0, lr: 1, schedule: { kind: 'constant', peakLr: 1, steps: 3, warmupSteps: 0 } });
    const s = createGpuStepper(gpu, spec);
    s.step(1);
    console.log(params, Array.from(s.state.slice(0, 8)));
    s.dispose();
  }
});
