/**
 * Tables and spellings the eighth round of the dev set brought in (made-up files): rl_games PPO YAML with a central
 * value network, audiocraft solver YAML, Modalities component YAML, the `accum_grad_batches` and `lr_rampup_steps`
 * spellings, a YAML setting's trailing comment read as its help text, and SpeechBrain's run scheduler before a part's.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('rl_games', () => {
  const ppo = [
    'params:',
    '  algo:',
    '    name: a2c_continuous',
    '  network:',
    '    mlp:',
    '      units: [256, 128]',
    '  config:',
    '    learning_rate: 3e-4',
    '    lr_schedule: linear',
    '    kl_threshold: 0.008',
    '    e_clip: 0.2',
    '    horizon_length: 16',
    '    minibatch_size: 8192',
    '    mini_epochs: 4',
    '    max_epochs: 1500',
    '    central_value_config:',
    '      learning_rate: 1e-3',
    '      minibatch_size: 4096',
    '',
  ].join('\n');

  test("the agent's Adam and the central value network's own Adam, each with its lr and minibatch", () => {
    const x = extract(ppo, 'ppo_ant.yaml');
    expect(x.ecosystem).toBe('rl-games');
    expect(x.optimizers).toHaveLength(2);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adam' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 8, source: 'written' });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8192, line: 13 });
    expect(value(x, 'schedule')).toMatchObject({ line: 9 });
    expect(value(x, 'lr', 1)).toMatchObject({ value: 1e-3, line: 17 });
    expect(value(x, 'microBatchSize', 1)).toMatchObject({ value: 4096, line: 18 });
  });

  test('max_epochs counts PPO iterations, and the KL target and ratio clip are no roles', () => {
    const x = extract(ppo, 'ppo_ant.yaml');
    expect(value(x, 'steps')?.source).not.toBe('written');
    const lines = x.optimizers.flatMap((o) => Object.values(o.hyperparameters).map((v) => v?.line));
    expect(lines).not.toContain(10);
    expect(lines).not.toContain(11);
  });
});

describe('audiocraft', () => {
  const solver = [
    '# @package __global__',
    'defaults:',
    '  - musicgen/default',
    '  - _self_',
    'compression_model_checkpoint: //pretrained/some_codec',
    'dataset:',
    '  segment_duration: 30',
    '  batch_size: 256',
    'optim:',
    '  epochs: 100',
    '  updates_per_epoch: 1000',
    '  optimizer: adam',
    '  lr: 5e-4',
    '  adam:',
    '    betas: [0.9, 0.95]',
    '    weight_decay: 0.05',
    'schedule:',
    '  lr_scheduler: polynomial_decay',
    '  polynomial_decay:',
    '    warmup: 2000',
    '',
  ].join('\n');

  test('optim.optimizer with optim.adam kwargs; the dataset batch is global; epochs of updates are the run', () => {
    const x = extract(solver, 'my_solver.yaml');
    expect(x.ecosystem).toBe('audiocraft');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adam' });
    expect(value(x, 'lr')).toMatchObject({ value: 5e-4, line: 13 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 15 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 16 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 8 });
    expect(value(x, 'microBatchSize')?.source).not.toBe('written');
    expect(value(x, 'steps')).toMatchObject({ value: 100 * 1000 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 2000, line: 20 });
    expect(value(x, 'schedule')).toMatchObject({ line: 18 });
    expect(value(x, 'seqLen')?.source).not.toBe('written');
  });

  test('without updates_per_epoch in the file, the run is its epochs', () => {
    const noUpdates = extract(solver.replace('  updates_per_epoch: 1000\n', ''), 'my_solver.yaml');
    expect(value(noUpdates, 'steps')).toMatchObject({ value: 100, unit: 'epochs', line: 10 });
  });
});

describe('Modalities', () => {
  const config = [
    'settings:',
    '  step_profile:',
    '    gradient_accumulation_steps: 4',
    '    local_train_micro_batch_size: 16',
    '    sequence_length: 2048',
    '  training_target:',
    '    num_target_tokens: 1000000',
    'lr_scheduler:',
    '  component_key: scheduler',
    '  variant_key: linear_warmup_cosine_annealing_lr',
    '  config:',
    '    warmup_steps: 500',
    'optimizer:',
    '  component_key: optimizer',
    '  variant_key: adam',
    '  config:',
    '    lr: 0.0003',
    '    betas: [0.9, 0.98]',
    '    eps: 1.0e-06',
    '    weight_decay: 0.0',
    'model_raw:',
    '  config:',
    '    norm_config:',
    '      eps: 1.0e-05',
    '',
  ].join('\n');

  test('the optimizer block named by variant_key, the batch shape from settings.step_profile', () => {
    const x = extract(config, 'train_config.yaml');
    expect(x.ecosystem).toBe('modalities');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adam', line: 15 });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 17 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 18 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-6, line: 19 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 4 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 3 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 5 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 12 });
    expect(value(x, 'schedule')).toMatchObject({ line: 10 });
    expect(x.scheduleKinds[0]).toBe('cosine');
    const linear = extract(config.replace('linear_warmup_cosine_annealing_lr', 'linear_lr'), 'train_config.yaml');
    expect(linear.scheduleKinds[0]).toBeNull();
    expect(extract(config.replace('linear_warmup_cosine_annealing_lr', 'dummy_lr'), 'c.yaml').scheduleKinds[0])
      .toBe('constant');
  });
});

describe('spellings', () => {
  test('accum_grad_batches is the accumulation; lr_rampup_steps is the warmup', () => {
    const text = 'training:\n  accum_grad_batches: 8\n  max_steps: 20000\noptimizer:\n  lr: 1.0e-3\n' +
      'scheduler:\n  lr_rampup_steps: 250\n';
    const x = extract(text, 'run.yaml');
    expect(value(x, 'gradAccum')).toMatchObject({ value: 8, line: 2, source: 'written' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 250, line: 7, source: 'written' });
  });

  test("a YAML or TOML setting's trailing comment says its role where its name does not", () => {
    const yaml = 'train:\n  bsz: 512  # global batch size, over all GPUs\n  lr: 2.0e-4\n  n_iter: 9000\n';
    const x = extract(yaml, 'run.yaml');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512, line: 2 });
    const toml = '[train]\nbsz = 64  # micro batch size\nlr = 3e-4\n';
    expect(value(extract(toml, 'run.toml'), 'microBatchSize')).toMatchObject({ value: 64, line: 2 });
  });

  test('a generic batch word whose comment says it is the total batch is the global batch, not the per-device one', () => {
    const yaml = 'batch_size: 64 # Total training batch size, divisible by the number of GPUs\n' +
      'total_train_steps: 16000\noptimizer:\n  name: adam\n  lr: 4.0e-4\n';
    const x = extract(yaml, 'training.yaml');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 64, line: 1, source: 'written' });
    expect(value(x, 'microBatchSize')?.source).not.toBe('written');
    const plain = extract(yaml.replace(' # Total training batch size, divisible by the number of GPUs', ''), 'training.yaml');
    expect(value(plain, 'microBatchSize')).toMatchObject({ value: 64, line: 1 });
  });

  test('a comment that does not open with a role phrase says nothing', () => {
    const yaml = 'train:\n  knob: 512  # keep as is; the global batch size is set elsewhere\n  lr: 2.0e-4\n';
    const x = extract(yaml, 'run.yaml');
    expect(value(x, 'globalBatchSize')?.source).not.toBe('written');
    expect(value(x, 'microBatchSize')?.source).not.toBe('written');
  });
});

describe('SpeechBrain schedulers', () => {
  test("the model's scheduler is the run's, not a pretrained part's written after or before it", () => {
    const text = [
      'lr: 0.001',
      'lr_ssl: 0.0001',
      'lr_annealing_ssl: !new:speechbrain.nnet.schedulers.NewBobScheduler',
      '  initial_value: !ref <lr_ssl>',
      'opt_class: !name:torch.optim.AdamW',
      '  lr: !ref <lr>',
      'scheduler: !new:speechbrain.nnet.schedulers.LinearScheduler',
      '  initial_value: !ref <lr>',
      '  final_value: 0.0001',
      '  epoch_count: 10',
      'epoch_counter: !new:speechbrain.utils.epoch_loop.EpochCounter',
      '  limit: 10',
      '',
    ].join('\n');
    const x = extract(text, 'hparams/train.yaml');
    expect(x.ecosystem).toBe('speechbrain');
    expect(value(x, 'schedule')).toMatchObject({ value: 'speechbrain.nnet.schedulers.LinearScheduler', line: 7 });
  });
});

describe('VITS family', () => {
  test('two AdamWs from train.learning_rate, betas and eps; warmup_epochs and lr_decay are no roles', () => {
    const text = [
      '{',
      '  "train": {',
      '    "epochs": 1000,',
      '    "learning_rate": 2e-4,',
      '    "betas": [0.8, 0.99],',
      '    "eps": 1e-9,',
      '    "batch_size": 16,',
      '    "lr_decay": 0.999875,',
      '    "segment_size": 8192,',
      '    "init_lr_ratio": 1,',
      '    "warmup_epochs": 5,',
      '    "c_mel": 45,',
      '    "c_kl": 1.0',
      '  },',
      '  "model": { "upsample_rates": [8, 8, 2, 2], "resblock_kernel_sizes": [3, 7, 11] }',
      '}',
      '',
    ].join('\n');
    const x = extract(text, 'configs/base.json');
    expect(x.ecosystem).toBe('vits');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw' });
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, line: 4 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.8, line: 5 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-9, line: 6 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 7 });
    expect(value(x, 'warmupSteps')?.source).not.toBe('written');
    expect(value(x, 'weightDecay')?.source).toBe('default');
    const rvc = extract(text.replace('"resblock_kernel_sizes": [3, 7, 11]', '"resblock_kernel_sizes": [3, 7, 11], ' +
      '"spk_embed_dim": 109'), 'configs/v2/48k.json');
    expect(value(rvc, 'lr')).toMatchObject({ value: 2e-4, line: 4 });
    expect(value(rvc, 'microBatchSize')?.source).not.toBe('written');
    expect(rvc.findings.some((f) => f.code === 'not-a-hyperparameter' && /-bs/.test(f.message))).toBe(true);
  });
});

describe('uni2ts (Moirai)', () => {
  test("the top-level optimization settings are the AdamW's; the module's max_seq_len is no sequence length", () => {
    const text = [
      '_target_: uni2ts.model.moirai.MoiraiPretrain',
      'module_kwargs:',
      '  d_model: 768',
      '  patch_sizes: ${as_tuple:[8, 16, 32, 64, 128]}',
      '  max_seq_len: 1024',
      'min_mask_ratio: 0.15',
      'max_mask_ratio: 0.5',
      'lr: 1e-3',
      'weight_decay: 1e-1',
      'beta1: 0.9',
      'beta2: 0.98',
      'num_warmup_steps: 10_000',
      '',
    ].join('\n');
    const x = extract(text, 'moirai_base.yaml');
    expect(x.ecosystem).toBe('uni2ts');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 8 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 11 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-6, source: 'default' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 10000, line: 12 });
    expect(value(x, 'seqLen')?.source).not.toBe('written');
  });
});
