/** Tables for ecosystems the third round of the dev set brought in: ai-toolkit job configs and DINOv2 configs. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

describe('ai-toolkit', () => {
  const job = [
    'job: extension',
    'config:',
    '  name: "my_lora"',
    '  process:',
    '    - type: "sd_trainer"',
    '      training_folder: "output"',
    '      train:',
    '        batch_size: 2',
    '        steps: 3000',
    '        gradient_accumulation: 4',
    '        noise_scheduler: "flowmatch"',
    '        optimizer: "adamw8bit"',
    '        lr: 1e-4',
    '        optimizer_params:',
    '          weight_decay: 1e-4',
    '        ema_config:',
    '          ema_decay: 0.99',
    '',
  ].join('\n');

  test('the train block: optimizer built with eps 1e-6, its optimizer_params, both accumulation spellings', () => {
    const x = extract(job, 'train_lora.yaml');
    expect(x.ecosystem).toBe('ai-toolkit');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw8bit', kind: 'adamw', line: 12 });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 13 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 1e-4, line: 15 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-6, source: 'default' });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 10 });
    expect(value(x, 'steps')).toMatchObject({ value: 3000, line: 9 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'constant', source: 'default' });
    // The EMA of the weights is no β.
    expect(Object.values(x.optimizers[0]?.hyperparameters ?? {}).some((v) => v?.raw === '0.99')).toBe(false);
    // ai-toolkit's loader reads 1e-4 as a float: a hint at most, never a warning.
    expect(findings(x, 'pyyaml-exponent-string').every((f) => f.severity !== 'warning')).toBe(true);
  });
});

describe('DINOv2', () => {
  const cfg = [
    'train:',
    '  batch_size_per_gpu: 32',
    '  OFFICIAL_EPOCH_LENGTH: 1250',
    'teacher:',
    '  momentum_teacher: 0.994',
    'optim:',
    '  epochs: 500',
    '  weight_decay: 0.04',
    '  base_lr: 2.0e-04',
    '  lr: 0.',
    '  warmup_epochs: 80',
    '  scaling_rule: sqrt_wrt_1024',
    '  adamw_beta2: 0.95',
    '',
  ].join('\n');

  test('base_lr is the lr (optim.lr is a placeholder); epochs count epochs; the EMA teacher is no momentum', () => {
    const x = extract(cfg, 'vitb14.yaml');
    expect(x.ecosystem).toBe('dinov2');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw' });
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, line: 9, source: 'written' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 13 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, source: 'default' });
    expect(value(x, 'steps')).toMatchObject({ value: 500, unit: 'epochs', line: 7 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 80, unit: 'epochs', line: 11 });
    expect(value(x, 'momentum')?.line ?? null).not.toBe(5);
    expect(findings(x, 'not-a-hyperparameter').some((f) => f.message.includes('optim.lr'))).toBe(true);
  });

  test('a run file that overrides the default config gets the default config\'s values, said so', () => {
    const x = extract('train:\n  batch_size_per_gpu: 64\nstudent:\n  block_chunks: 4\n', 'vitl16_short.yaml');
    expect(x.ecosystem).toBe('dinov2');
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.04, source: 'default' });
    expect(value(x, 'weightDecay')?.defaultFrom).toMatch(/ssl_default_config/);
  });
});

describe('RL agents', () => {
  test('rollout length and environment steps are not the run length; optax calls stay optax', () => {
    const text = [
      'import optax',
      'from dataclasses import dataclass',
      '@dataclass',
      'class Args:',
      '    env_id: str = "Hopper-v4"',
      '    total_timesteps: int = 1000000',
      '    learning_rate: float = 3e-4',
      '    num_steps: int = 2048',
      '    gae_lambda: float = 0.95',
      '    ent_coef: float = 0.0',
      '    batch_size: int = 64',
      'args = Args()',
      'tx = optax.adam(learning_rate=args.learning_rate)',
      '',
    ].join('\n');
    const x = extract(text, 'ppo_continuous_action_jax.py');
    expect(x.ecosystem).toBe('rl-agents');
    expect(x.optimizers[0]).toMatchObject({ name: 'optax.adam', line: 13 });
    expect(value(x, 'beta2')?.defaultFrom).toMatch(/optax/);
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 7 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 11 });
    expect(value(x, 'steps')?.line ?? null).not.toBe(8);
    expect(value(x, 'steps')?.line ?? null).not.toBe(6);
  });
});

describe('ESPnet', () => {
  test('optim + optim_conf, warmuplr with its warmup, accum_grad; batch_bins is no batch of samples', () => {
    const text = [
      'batch_type: numel',
      'batch_bins: 16000000',
      'accum_grad: 4',
      'max_epoch: 35',
      'keep_nbest_models: 10',
      'optim: adam',
      'optim_conf:',
      '    lr: 0.002',
      '    weight_decay: 0.000001',
      'scheduler: warmuplr',
      'scheduler_conf:',
      '    warmup_steps: 25000',
      '',
    ].join('\n');
    const x = extract(text, 'conf/train_asr_conformer.yaml');
    expect(x.ecosystem).toBe('espnet');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adam', line: 6 });
    expect(value(x, 'lr')).toMatchObject({ value: 0.002, line: 8 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 1e-6, line: 9 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 3 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 25000, line: 12 });
    expect(x.scheduleKinds[0]).toBe('inverse-sqrt');
    expect(value(x, 'globalBatchSize')?.line ?? null).not.toBe(2);
    expect(value(x, 'microBatchSize')?.line ?? null).not.toBe(2);
  });

  test('piecewiselinearwarmuplr warms up to the last step of warmup_steps_list, in block or flow style', () => {
    const text = (steps: string) => ['batch_bins: 100', 'keep_nbest_models: 3', 'optim: adamw', 'optim_conf:',
      '    lr: 0.001', 'scheduler: piecewiselinearwarmuplr', 'scheduler_conf:', steps,
      '    warmup_lr_list: [0.0, 1.0e-04, 1.0e-03]', ''].join('\n');
    const flow = extract(text('    warmup_steps_list: [0, 5000, 20000]'), 'conf/train.yaml');
    expect(value(flow, 'warmupSteps')).toMatchObject({ value: 20000, line: 8, key: 'scheduler_conf.warmup_steps_list[2]' });
    expect(flow.scheduleKinds[0]).toBe('inverse-sqrt');
    const block = extract(text('    warmup_steps_list:\n    - 0\n    - 8000'), 'conf/train.yaml');
    expect(value(block, 'warmupSteps')).toMatchObject({ value: 8000, line: 10 });
  });
});

describe('Ultralytics', () => {
  const cfg = (optimizer: string): string => [
    'epochs: 100', 'batch: 16', `optimizer: ${optimizer}`, 'lr0: 0.01', 'lrf: 0.01', 'momentum: 0.937',
    'weight_decay: 0.0005', 'warmup_epochs: 3.0', 'warmup_bias_lr: 0.1', '',
  ].join('\n');

  test('a named Adam-family optimizer: lr0 is the lr and momentum is β1; warmup_bias_lr is no lr of its own', () => {
    const x = extract(cfg('AdamW'), 'hyp.yaml');
    expect(x.ecosystem).toBe('ultralytics');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 0.01, line: 4 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.937, line: 6 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 3, unit: 'epochs', line: 8 });
  });

  test('optimizer: auto ignores lr0 and momentum: neither is shown as what the run uses', () => {
    const x = extract(cfg('auto'), 'default.yaml');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')?.line ?? null).not.toBe(4);
    expect(value(x, 'momentum')?.line ?? null).not.toBe(6);
    expect(value(x, 'beta1')?.line ?? null).not.toBe(6);
  });
});
