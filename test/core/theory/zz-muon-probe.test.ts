import { it } from 'vitest';
import { predict } from '../../../core/theory/predict';
import { inputOf, simulate } from '../theory-vs-sim/harness';
it('muon', async () => {
  for (const [shape, mode] of [[[64, 64], 'original'], [[128, 32], 'original'], [[32, 128], 'match_rms_adamw'], [[64, 256], 'match_rms_adamw']] as const) {
    for (const momentum of [0, 0.95]) {
      const input = inputOf({ optimizer: 'muon', shape: [shape[0], shape[1]], muonAdjustLr: mode, weightDecay: 0, lr: 0.01, momentum, nesterov: true });
      const r = await simulate(input, { params: shape[0] * shape[1] * 8, steps: 60 });
      console.log(shape, mode, momentum, r.updateRms.toFixed(5), r.stderr.updateRms.toExponential(2), predict(input).updateRms!.toFixed(5), (r.updateRms / predict(input).updateRms! - 1).toFixed(4));
    }
  }
});
