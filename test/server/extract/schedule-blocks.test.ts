/**
 * Which schedule blocks hold the learning rate, and which schedule names make a warmup unused, on made-up configs:
 * only a learning-rate schedule's peak is the rate (a token-dropping or noise schedule ramps another quantity), and a
 * decay style of `constant` still runs the warmup written beside it (Megatron's scheduler warms up, then holds).
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('a schedule of another quantity (kept tokens, noise) holds no learning rate in its `max_value`', () => {
  const drop = JSON.stringify({
    train_micro_batch_size_per_gpu: 8,
    data_efficiency: {
      layer_token_drop: { kept_tokens_schedule: { min_value: 64, max_value: 2048, schedule_type: 'linear' } },
    },
  }, null, 2);
  expect(value(extract(drop, 'run_config.json'), 'lr')).toBeUndefined();
  const noise = ['model:', '  linear_noise_schedule:', '    peak_value: 0.02', '    steps: 1000', ''].join('\n');
  expect(value(extract(noise, 'model.yaml'), 'lr')).toBeUndefined();
});

test("a learning-rate schedule's block, named for its shape, still gives the peak rate", () => {
  const text = ['optimizer:', '  name: adamw', 'cosine_schedule:', '  init_value: 0.0', '  peak_value: 5.0e-4',
    '  warmup_steps: 200', ''].join('\n');
  expect(value(extract(text, 'train.yaml'), 'lr')).toMatchObject({ value: 5e-4, line: 5 });
});

test('a warmup beside a constant decay style is read: the warmup runs before the rate is held', () => {
  const text = ['python3 -m trainer.main \\', '    model.optim.lr=2e-6 \\', '    model.optim.lr_warmup_steps=25 \\',
    "    model.optim.lr_decay_style='constant' \\", '    model.optim.weight_decay=0.05', ''].join('\n');
  expect(value(extract(text, 'launch.sh'), 'warmupSteps')).toMatchObject({ value: 25, line: 3 });
});

test('a warmup beside a schedule named constant is still never used', () => {
  const text = ['optim:', '  name: adam', '  lr: 0.001', 'scheduler: constant', 'scheduler_conf:', '  warmup_steps: 400',
    ''].join('\n');
  expect(value(extract(text, 'train.yaml'), 'warmupSteps')?.line).not.toBe(6);
});
