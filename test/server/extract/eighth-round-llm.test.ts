/**
 * Spellings and tables the eighth round's LLM-framework files brought in (made-up files): the warmup counted in
 * updates, an accumulation named by iterations, an RL run counted in episodes, a packing length.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('spellings', () => {
  test('num_warmup_updates is the warmup; iters_to_accumulate the accumulation', () => {
    const text = 'optim:\n  epochs: 5\n  learning_rate: 1.0e-4\n  num_warmup_updates: 4000\n' +
      'train:\n  iters_to_accumulate: 4\n  batch_size_per_gpu: 16\n';
    const x = extract(text, 'tts.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 4000, line: 4, source: 'written' });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 6, source: 'written' });
  });

  test("pack_length is the training sequence length; grpo_fast's total_episodes its run in samples", () => {
    const text = [
      'python open_instruct/grpo_fast.py \\',
      '    --learning_rate 3e-7 \\',
      '    --per_device_train_batch_size 1 \\',
      '    --pack_length 4096 \\',
      '    --total_episodes 100000 \\',
      '    --num_samples_per_prompt_rollout 8 \\',
      '    --num_unique_prompts_rollout 16 \\',
      '    --lr_scheduler_type linear',
      '',
    ].join('\n');
    const x = extract(text, 'grpo.sh');
    expect(value(x, 'steps')).toMatchObject({ value: 100000, line: 5, unit: 'samples', source: 'written' });
    expect(value(x, 'seqLen')).toMatchObject({ value: 4096, line: 4, source: 'written' });
  });
});

describe('MaxText post-training RL', () => {
  const rl = [
    'remat_policy: custom',
    'rl:',
    '  num_generations: 4',
    '  num_iterations: 2',
    'batch_size: 8',
    'num_batches: 100',
    'num_epoch: 2',
    'learning_rate: 1.0e-6',
    'adam_b1: 0.9',
    'max_target_length: 2048',
    '',
  ].join('\n');

  test('num_batches x num_epoch is the run; batch_size the prompts per step; rl.num_iterations no run length', () => {
    const x = extract(rl, 'rl.yml');
    expect(x.ecosystem).toBe('maxtext');
    expect(value(x, 'steps')).toMatchObject({ value: 200, source: 'derived' });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 8, line: 5, source: 'written' });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-6, line: 8 });
  });

  test('without num_epoch, num_batches alone is the run', () => {
    const x = extract(rl.replace('num_epoch: 2\n', ''), 'rl.yml');
    expect(value(x, 'steps')).toMatchObject({ value: 100, line: 6, source: 'written' });
  });
});

describe('HALOs', () => {
  test("the root config's optimizer settings; its eps is passed nowhere, so torch's ε stays", () => {
    const text = [
      'seed: 0',
      'cache_reference_logprobs: false',
      'frac_unique_desirable: 1.0',
      'frac_unique_undesirable: 1.0',
      'lr: 1.0e-6',
      'optimizer: AdamW',
      'weight_decay: 0.0',
      'beta1: 0.9',
      'beta2: 0.95',
      'eps: 1.0e-6',
      'warmup: 0.05',
      '',
    ].join('\n');
    const x = extract(text, 'config.yaml');
    expect(x.ecosystem).toBe('halos');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw' });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-6, line: 5, source: 'written' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 9 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 0.05, unit: 'fraction', line: 11 });
  });
});

describe('Trinity-RFT', () => {
  test('algorithm.optimizer is the actor; buffer.batch_size the prompts per step', () => {
    const text = [
      'algorithm:',
      '  algorithm_type: grpo',
      '  repeat_times: 16',
      '  optimizer:',
      '    lr: 2.0e-6',
      '    betas: [0.9, 0.98]',
      'buffer:',
      '  total_epochs: 2',
      '  batch_size: 32',
      'synchronizer:',
      '  sync_method: nccl',
      '  sync_interval: 2',
      '',
    ].join('\n');
    const x = extract(text, 'grpo.yaml');
    expect(x.ecosystem).toBe('trinity-rft');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-6, line: 5, source: 'written' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 6 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 32, line: 9, source: 'written' });
    expect(value(x, 'microBatchSize')).toBeUndefined();
  });
});

describe('config functions', () => {
  test('one settings container assigned in several functions is one run per function, the first the main one', () => {
    const text = [
      'from ml_collections import config_dict',
      '',
      'def ppo_config(env_name):',
      '  rl_config = config_dict.create(',
      '      learning_rate=3e-4,',
      '      batch_size=256,',
      '      num_timesteps=1_000_000,',
      '  )',
      '  return rl_config',
      '',
      'def sac_config(env_name):',
      '  rl_config = config_dict.create(',
      '      learning_rate=1e-3,',
      '      batch_size=512,',
      '  )',
      '  return rl_config',
      '',
    ].join('\n');
    const x = extract(text, 'params.py');
    expect(x.optimizers).toHaveLength(2);
    expect(value(x, 'lr', 0)).toMatchObject({ value: 3e-4, line: 5, source: 'written' });
    expect(value(x, 'globalBatchSize', 0)).toMatchObject({ value: 256, line: 6 });
    expect(value(x, 'lr', 1)).toMatchObject({ value: 1e-3, line: 13 });
    expect(value(x, 'globalBatchSize', 1)).toMatchObject({ value: 512, line: 14 });
  });

  test("a sweep's calls are no runs of their own: only settings containers are", () => {
    const text = [
      'from ml_collections import config_dict',
      '',
      'def get_config():',
      '  config = config_dict.create(learning_rate=1e-3, batch_size=64)',
      '  return config',
      '',
      'def sweep(add):',
      '  add(learning_rate=1e-5, batch_size=64)',
      '  add(learning_rate=3e-5, batch_size=64)',
      '',
    ].join('\n');
    const x = extract(text, 'config.py');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 4 });
  });
});

describe('arithmetic resolvers', () => {
  const text = [
    'max_req_tokens: 512',
    'max_res_tokens: 1536',
    'tp: 4',
    'trainer:',
    '  optimizer:',
    '    name: AdamW',
    '    lr: 2.0e-5',
    '  training:',
    '    local_batch_size: 8',
    '    seq_len: ${sum:${max_req_tokens},${max_res_tokens}}',
    '    steps: ${mul:250, ${tp}}',
    '',
  ].join('\n');

  test("TorchForge's ${sum:...} and NeMo-RL's ${mul:...} are read as the number they compute, where they are written", () => {
    const x = extract(text, 'grpo.yaml');
    expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 10, source: 'written' });
    expect(value(x, 'steps')).toMatchObject({ value: 1000, line: 11, source: 'written' });
  });

  test('a resolver no framework registers, or an argument that is no number, leaves the value as written', () => {
    const x = extract(text.replace('${sum:', '${concat:').replace('${tp}', '${oc.env:TP}'), 'grpo.yaml');
    expect(value(x, 'seqLen')?.value).not.toBe(2048);
    expect(value(x, 'steps')?.value).not.toBe(1000);
  });
});

describe('Protenix', () => {
  const text = [
    'basic_configs = {"iters_to_accumulate": 2, "finetune_params_with_substring": [""]}',
    'optim_configs = {',
    '    "lr": 0.001,',
    '    "lr_scheduler": "af3",',
    '    "warmup_steps": 100,',
    '    "adam": {"beta1": 0.9, "beta2": 0.95, "weight_decay": 0.0, "use_adamw": False},',
    '    "af3_lr_scheduler": {"decay_factor": 0.95},',
    '}',
    'finetune_optim_configs = {"lr": 0.0005, "lr_scheduler": "cosine_annealing", "warmup_steps": 50, "max_steps": 5000}',
    '',
  ].join('\n');

  test('torch Adam from optim_configs; the fine-tuned group has its own lr and schedule, the same Adam settings', () => {
    const x = extract(text, 'configs_base.py');
    expect(x.ecosystem).toBe('protenix');
    expect(x.optimizers).toHaveLength(2);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adam' });
    expect(value(x, 'lr', 0)).toMatchObject({ value: 0.001, line: 3 });
    expect(value(x, 'beta2', 0)).toMatchObject({ value: 0.95, line: 6 });
    expect(value(x, 'gradAccum', 0)).toMatchObject({ value: 2, line: 1 });
    expect(value(x, 'lr', 1)).toMatchObject({ value: 0.0005, line: 9 });
    expect(value(x, 'beta2', 1)).toMatchObject({ value: 0.95, line: 6 });
    expect(value(x, 'steps', 1)).toMatchObject({ value: 5000, line: 9 });
  });

  test('adam.use_adamw True runs AdamW', () => {
    const x = extract(text.replace('"use_adamw": False', '"use_adamw": True'), 'configs_base.py');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw' });
  });
});

describe('Python recipe registries', () => {
  test("a helper two recipes call is read with the first recipe's arguments, as the main configuration", () => {
    const text = [
      'def _base(*, seq: int, folder: str):',
      '    return Trainer.Config(',
      '        optimizer=default_adamw(lr=3e-4),',
      '        training=TrainingConfig(local_batch_size=4, seq_len=seq, steps=1000),',
      '    )',
      '',
      'def small() -> Trainer.Config:',
      '    return _base(seq=2048, folder="a")',
      '',
      'def large() -> Trainer.Config:',
      '    return _base(seq=8192, folder="b")',
      '',
    ].join('\n');
    const x = extract(text, 'config_registry.py');
    expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 8, source: 'written' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 3 });
  });
});
