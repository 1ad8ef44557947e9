/**
 * stable-audio-tools model configs (server/extract/ecosystems/stable-audio-tools.ts): one optimizer per trained model
 * in training.optimizer_configs, each with its own lr; an autoencoder's warmup_steps (when the adversarial loss
 * starts) is no learning-rate warmup. On a small text written for the test.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const CONFIG = [
  '{',
  '  "model_type": "autoencoder",',
  '  "sample_rate": 48000,',
  '  "audio_channels": 1,',
  '  "model": {"io_channels": 1},',
  '  "training": {',
  '    "learning_rate": 1e-4,',
  '    "warmup_steps": 5000,',
  '    "optimizer_configs": {',
  '      "autoencoder": {"optimizer": {"type": "AdamW", "config": {"lr": 2e-4, "betas": [0.8, 0.99]}}},',
  '      "discriminator": {"optimizer": {"type": "Adam", "config": {"lr": 4e-4}}}',
  '    },',
  '    "loss_configs": {"discriminator": {"type": "encodec"}}',
  '  }',
  '}',
].join('\n') + '\n';

describe('stable-audio-tools', () => {
  test("each model's optimizer block, its own lr; warmup_steps is the adversarial loss's start", () => {
    const x = extract(CONFIG, 'vae.json');
    expect(x.ecosystem).toBe('stable-audio-tools');
    expect(x.optimizers.map((o) => [o.name, o.line, o.hyperparameters.lr?.line, o.hyperparameters.lr?.value]))
      .toEqual([['AdamW', 10, 10, 2e-4], ['Adam', 11, 11, 4e-4]]);
    expect(x.optimizers[0]?.hyperparameters.beta1).toMatchObject({ value: 0.8, line: 10 });
    expect(x.optimizers.map((o) => o.hyperparameters.warmupSteps?.source === 'written')).toEqual([false, false]);
  });

  test('without optimizer blocks, training.learning_rate is the lr', () => {
    const x = extract(CONFIG.replace(/ {4}"optimizer_configs": \{\n.*\n.*\n {4}\},\n/, ''), 'vae.json');
    expect(x.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 1e-4, line: 7, source: 'written' });
  });
});
