/**
 * Vision trainers whose hyperparameters sit outside an optimizer call: Open-Sora's `optim = dict(cls=...)` over
 * ColossalAI (open-sora.ts) and SAM 2's fvcore param schedulers per option (sam2.ts). Made-up files in their style.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const openSora = [
  'bucket_config = {"480px": {1: (1.0, 24)}}',
  'grad_ckpt_settings = (4, 50)',
  'lr = 5e-5',
  'optim = dict(',
  '    cls="HybridAdam",',
  '    lr=lr,',
  '    eps=1e-12,',
  '    weight_decay=0.01,',
  '    adamw_mode=True,',
  ')',
  'warmup_steps = 500',
  'update_warmup_steps = True',
  'accumulation_steps = 2',
  't5 = dict(type="text_embedder", max_length=300)',
  'plugin = "zero2"',
  'grad_checkpoint = True',
].join('\n');

test('Open-Sora: optim.cls names the optimizer, HybridAdam\'s own betas hold, the text limit is no length', () => {
  const x = extract(openSora, 'stage1.py');
  expect(x.ecosystem).toBe('open-sora');
  const [opt] = x.optimizers;
  const hp = opt?.hyperparameters;
  expect([opt?.name, opt?.line]).toEqual(['HybridAdam', 5]);
  expect([hp?.lr?.value, hp?.lr?.line, hp?.eps?.value, hp?.weightDecay?.line]).toEqual([5e-5, 3, 1e-12, 8]);
  expect([hp?.warmupSteps?.value, hp?.gradAccum?.value, hp?.gradAccum?.line]).toEqual([500, 2, 13]);
  expect([hp?.beta2?.value, hp?.beta2?.line]).toEqual([0.999, null]);
  expect(hp?.seqLen?.line ?? null).toBeNull();
});

const sam2 = [
  'scratch:',
  '  train_batch_size: 2',
  '  base_lr: 8.0e-6',
  'trainer:',
  '  _target_: training.trainer.Trainer',
  '  data:',
  '    train:',
  '      phases_per_epoch: 1',
  '      batch_sizes:',
  '        - ${scratch.train_batch_size}',
  '  optim:',
  '    optimizer:',
  '      _target_: torch.optim.AdamW',
  '    options:',
  '      lr:',
  '        - scheduler:',
  '            _target_: fvcore.common.param_scheduler.CosineParamScheduler',
  '            start_value: ${scratch.base_lr}',
  '            end_value: 1.0e-7',
  '      weight_decay:',
  '        - scheduler:',
  '            _target_: fvcore.common.param_scheduler.ConstantParamScheduler',
  '            value: 0.05',
  '        - scheduler:',
  '            _target_: fvcore.common.param_scheduler.ConstantParamScheduler',
  '            value: 0.0',
  '          param_names:',
  '            - \'*bias*\'',
].join('\n');

test('SAM 2: the default group\'s schedulers give the lr peak and λ, batch_sizes the batch per GPU', () => {
  const x = extract(sam2, 'finetune.yaml');
  expect(x.ecosystem).toBe('sam2');
  const [opt] = x.optimizers;
  const hp = opt?.hyperparameters;
  expect([opt?.name, opt?.line]).toEqual(['torch.optim.AdamW', 13]);
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([8e-6, 3]);
  expect([hp?.weightDecay?.value, hp?.weightDecay?.line]).toEqual([0.05, 23]);
  expect([hp?.microBatchSize?.value, hp?.microBatchSize?.line]).toEqual([2, 2]);
  expect(hp?.schedule?.value).toBe('fvcore.common.param_scheduler.CosineParamScheduler');
});
