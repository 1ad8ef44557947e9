/** The NeMo-RL table: the DTensor optimizer (a torch class and its kwargs) or the enabled Megatron-Core one. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

const config = (dtensor: boolean): string => [
  'grpo:',
  '  max_num_steps: 1000',
  'policy:',
  '  train_global_batch_size: 512',
  '  train_micro_batch_size: 4',
  '  max_total_sequence_length: 512',
  '  dtensor_cfg:',
  `    enabled: ${String(dtensor)}`,
  '  megatron_cfg:',
  `    enabled: ${String(!dtensor)}`,
  '    optimizer:',
  '      optimizer: "adam"',
  '      lr: 2.0e-6',
  '      min_lr: 2.0e-7',
  '      adam_beta2: 0.95',
  '    scheduler:',
  '      lr_warmup_iters: 13',
  '      lr_decay_style: "constant"',
  `  optimizer:${dtensor ? '' : ' null'}`,
  ...(dtensor ? [
    '    name: "torch.optim.AdamW"',
    '    kwargs:',
    '      lr: 5.0e-6',
    '      weight_decay: 0.01',
    '      betas: [0.9, 0.999]',
    '      eps: 1e-8',
  ] : []),
  '',
].join('\n');

test('DTensor backend: the torch class and its kwargs; the disabled Megatron block is not read', () => {
  const x = extract(config(true), 'grpo_math_1B.yaml');
  expect(x.ecosystem).toBe('nemo-rl');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.AdamW', kind: 'adamw', line: 20 });
  expect(value(x, 'lr')).toMatchObject({ value: 5e-6, line: 22 });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-8, line: 25 });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512, line: 4 });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 4, line: 5 });
  expect(value(x, 'steps')).toMatchObject({ value: 1000, line: 2 });
  expect(value(x, 'warmupSteps')?.line).not.toBe(17);
  // OmegaConf reads `1e-8` as a float: a hint, not an error.
  expect(findings(x, 'pyyaml-exponent-string').map((f) => f.severity)).toEqual(['hint']);
});

test("Megatron backend: Megatron-Core's Adam (decoupled) with OptimizerConfig's defaults and its scheduler", () => {
  const x = extract(config(false), 'grpo_megatron.yaml');
  expect(x.ecosystem).toBe('nemo-rl');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adamw', line: 12, weightDecaySemantics: 'lr' });
  expect(value(x, 'lr')).toMatchObject({ value: 2e-6, line: 13 });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 15 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.01, source: 'default' });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 13, line: 17 });
  expect(value(x, 'schedule')).toMatchObject({ value: 'constant', line: 18 });
});

test("a Transformer Engine FusedAdam class path is AdamW (adam_w_mode=True) with TE's defaults", () => {
  const text = [
    'policy:',
    '  train_global_batch_size: 64',
    '  dtensor_cfg:',
    '    enabled: true',
    '  optimizer:',
    '    name: transformer_engine.pytorch.optimizers.fused_adam.FusedAdam',
    '    kwargs:',
    '      lr: 1.0e-6',
    '      weight_decay: 0.1',
    '',
  ].join('\n');
  const x = extract(text, 'grpo.yaml');
  expect(x.ecosystem).toBe('nemo-rl');
  expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', line: 6, weightDecaySemantics: 'lr' });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
  const l2 = extract(text + '      adam_w_mode: false\n', 'grpo.yaml');
  expect(l2.optimizers[0]).toMatchObject({ kind: 'adam', weightDecaySemantics: 'coupled-l2' });
});

test('a recipe that names no optimizer gets none guessed', () => {
  const x = extract('defaults: ../../grpo_math_1B.yaml\ngrpo:\n  max_num_steps: 30\npolicy:\n  ' +
    'train_global_batch_size: 16\n  dtensor_cfg:\n    enabled: true\n', 'recipe.yaml');
  expect(x.ecosystem).toBe('nemo-rl');
  expect(x.optimizers[0]).toMatchObject({ name: 'not named in this file', kind: null });
});

test("a scheduler list's rising LinearLR is the warmup; the segment after it is the schedule", () => {
  const text = [
    'policy:',
    '  optimizer:',
    '    name: torch.optim.AdamW',
    '    kwargs:',
    '      lr: 5.0e-07',
    '  scheduler:',
    '  - name: torch.optim.lr_scheduler.LinearLR',
    '    kwargs:',
    '      start_factor: 1.0e-06',
    '      total_iters: 211',
    '  - name: torch.optim.lr_scheduler.CosineAnnealingLR',
    '    kwargs:',
    '      T_max: 1899',
    '  - milestones: [211]',
    '',
  ].join('\n');
  const x = extract(text, 'dpo.yaml');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 211, line: 10 });
  expect(value(x, 'schedule')).toMatchObject({ value: 'torch.optim.lr_scheduler.CosineAnnealingLR', line: 11 });
  // A lone rising LinearLR is still the schedule the file names.
  const alone = extract(text.split('\n').slice(0, 10).join('\n') + '\n', 'dpo.yaml');
  expect(value(alone, 'schedule')).toMatchObject({ value: 'torch.optim.lr_scheduler.LinearLR', line: 7 });
});
