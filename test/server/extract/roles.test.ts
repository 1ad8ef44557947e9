/**
 * Role inference (server/extract/roles/): values no ecosystem table spells are still found, with how they
 * were found; decoys are refused; written values are never replaced by defaults; invalid ones are errors.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

describe('an optimizer named in the file is never predicted as another', () => {
  test("a LLaMA-Factory v1 Muon (`optim_config: {name: muon}`) is Muon, with the file's decay and micro batch", () => {
    const text =
      [
        'model: Qwen/Qwen3-0.6B',
        'train_dataset: data/v1_sft_demo.yaml',
        'optim_config:',
        '  name: muon',
        '  lr: 1.0e-4',
        '  wd: 0.1',
        'micro_batch_size: 1',
        'global_batch_size: 32',
        'cutoff_len: 2048',
      ].join('\n') + '\n';
    const x = extract(text, 'train_muon.yaml');
    expect(x.optimizers).toHaveLength(1);
    const [muon] = x.optimizers;
    expect(muon).toMatchObject({ name: 'muon', kind: 'muon', line: 4 });
    expect(muon?.nameVia).toMatchObject({ rule: 'role', keyPath: 'optim_config.name', confidence: 'high' });
    expect(value(x, 'weightDecay')).toMatchObject({
      value: 0.1,
      line: 6,
      source: 'written',
      via: { rule: 'role', keyPath: 'optim_config.wd' },
    });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 1, line: 7, source: 'written' });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 32, line: 8 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 9 });
    // Muon has no β2: no AdamW default may appear.
    expect(value(x, 'beta2')).toBeUndefined();
  });

  test('an optimizer OptLens cannot model is reported with its values, not as AdamW', () => {
    const x = extract('optimizer:\n  name: adafactor\n  lr: 1e-3\n  weight_decay: 0.0\n', 'x.yaml');
    expect(x.optimizers[0]).toMatchObject({ name: 'adafactor', kind: null });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 3 });
    const sophia = extract('opt_type: sophia\nlearning_rate: 3e-4\n', 'x.yaml');
    expect(sophia.optimizers[0]).toMatchObject({ name: 'sophia', kind: null });
  });
});

test('NeMo-RL: the block switched off (`enabled: false`) is not read; the active policy.optimizer.kwargs is', () => {
  const text = [
    'grpo:',
    '  max_num_steps: 1000000',
    'policy:',
    '  train_global_batch_size: 512',
    '  train_micro_batch_size: 4',
    '  max_total_sequence_length: 512',
    '  megatron_cfg:',
    '    enabled: false',
    '    optimizer:',
    '      optimizer: "adam"',
    '      lr: 5.0e-6',
    '      weight_decay: 0.01',
    '      adam_beta2: 0.999',
    '  optimizer:',
    '    name: "torch.optim.AdamW"',
    '    kwargs:',
    '      lr: 5.0e-7',
    '      weight_decay: 0.02',
    '      betas: [0.9, 0.98]',
    '      eps: 1.0e-6',
    '      foreach: False',
    '  scheduler:',
    '    - name: "torch.optim.lr_scheduler.LinearLR"',
    '      kwargs:',
    '        start_factor: 0.1',
    '        total_iters: 50',
    '',
  ].join('\n');
  const x = extract(text, 'grpo_math_1B.yaml');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.AdamW', kind: 'adamw', line: 15 });
  expect(value(x, 'lr')).toMatchObject({ value: 5e-7, line: 17 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.02, line: 18 });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 19 });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-6, line: 20 });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512, line: 4 });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 4, line: 5 });
  expect(value(x, 'seqLen')).toMatchObject({ value: 512, line: 6 });
  // A scheduler's total_iters is that scheduler's length, not the run's.
  expect(value(x, 'steps')).toMatchObject({ value: 1000000, line: 2 });
  expect(
    x.optimizers
      .flatMap((o) => Object.values(o.hyperparameters))
      .some((v) => v?.line !== null && (v?.line ?? 0) >= 8 && (v?.line ?? 0) <= 13),
  ).toBe(false);
});

test("a class named for the optimizer's settings (`OptimizerConfig(...)`) is its block, never its name", () => {
  const lines = ['from mylib import OptimizerConfig, TrainConfig', 'cfg = TrainConfig(', '    optimizer=OptimizerConfig(',
    '        name="lion",', '        lr=1e-4,', '    ),', ')', ''];
  const named = extract(lines.join('\n'), 'train.py');
  expect(named.optimizers).toHaveLength(1);
  expect(named.optimizers[0]).toMatchObject({ name: 'lion', kind: 'lion', line: 4 });
  expect(value(named, 'lr')).toMatchObject({ value: 1e-4, line: 5 });
  // Without a name the optimizer is not named in the file: the settings class is not one.
  const unnamed = extract(lines.filter((l) => !l.includes('name=')).join('\n'), 'train.py');
  expect(unnamed.optimizers.map((o) => o.name)).not.toContain('mylib.OptimizerConfig');
  expect(unnamed.optimizers[0]?.kind).toBeNull();
  expect(value(unnamed, 'lr')).toMatchObject({ value: 1e-4, line: 4 });
  // A class named for an optimizer (`AdamWConfig`) still names it.
  const adamw = extract('from mylib import AdamWConfig\noptimizer = AdamWConfig(lr=1e-4)\n', 'train.py');
  expect(adamw.optimizers[0]?.name).toMatch(/AdamWConfig$/);
});

describe('a written value that is not a number is an error, never replaced by a default', () => {
  test.each([
    ['0..97', 'beta1', 'betas: [0..97, 0.95]'],
    ['abc', 'beta1', 'adam_beta1: abc'],
    ['1e-8e', 'eps', 'eps: 1e-8e'],
    ['1e309', 'lr', 'lr: 1e309'],
    ['.nan', 'weightDecay', 'weight_decay: .nan'],
  ])('`%s` as %s', (raw, name, line) => {
    const x = extract(`optimizer:\n  type: AdamW\n  ${line}\n`, 'x.yaml');
    const [finding] = findings(x, 'invalid-value');
    expect(finding).toMatchObject({ severity: 'error', line: 3, optimizerIndex: 0 });
    expect(finding?.message).toContain(raw);
    expect(value(x, name as 'lr')).toMatchObject({ source: 'written', raw });
  });
  test('placeholders filled in later are not errors', () => {
    const x = extract('optimizer:\n  type: AdamW\n  lr: ${oc.env:LR}\n  eps: auto\n  weight_decay: ???\n', 'x.yaml');
    expect(findings(x, 'invalid-value')).toEqual([]);
  });
  test('a shell flag with a broken number', () => {
    const x = extract('torchrun train.py --lr 3e-4 --adam_beta2 0.9.5\n', 'run.sh');
    expect(findings(x, 'invalid-value')[0]).toMatchObject({ line: 1 });
  });
});

describe('shell: any launcher, dotted flags, key=value overrides', () => {
  test('--actor.adam.lr and --critic.adam.lr are two optimizers', () => {
    const x = extract(
      [
        'deepspeed --module openrlhf.cli.train_ppo_ray \\',
        '  --actor.adam.lr 5e-7 \\',
        '  --critic.adam.lr 9e-6 \\',
        '  --train.micro_batch_size 4',
      ].join('\n') + '\n',
      'train_ppo.sh',
    );
    const lrs = x.optimizers.map((o) => o.hyperparameters.lr?.value);
    expect(lrs).toEqual(expect.arrayContaining([5e-7, 9e-6]));
    expect(x.optimizers.every((o) => o.hyperparameters.microBatchSize?.value === 4)).toBe(true);
  });
  test('Hydra overrides after the script', () => {
    const x = extract(
      'python -m myproj.train optim.lr=1e-4 optim.weight_decay=0.05 trainer.max_steps=20000\n',
      'launch.sh',
    );
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 1, raw: '1e-4' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05 });
    expect(value(x, 'steps')).toMatchObject({ value: 20000 });
  });
});

describe('values', () => {
  test('one-element lists are their element; longer lists are not one value', () => {
    const x = extract('optimization:\n  lr: [0.0005]\n  update_freq: [16]\n  max_update: 300000\n', 'config.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 0.0005, line: 2 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 16, line: 3 });
    expect(value(x, 'steps')).toMatchObject({ value: 300000, line: 4 });
    expect(value(extract('train:\n  lr: [0.1, 0.01]\n  max_steps: 10\n', 'x.yaml'), 'lr')).toBeUndefined();
  });
  test('a fractional warmup is not a step count', () => {
    expect(value(extract('train:\n  warmup: 0.01\n  lr: 1e-3\n', 'x.yaml'), 'warmupSteps')).toBeUndefined();
  });
});

describe('warmup written as a share of the run', () => {
  test('a ratio word read by its name becomes steps when the run length is known', () => {
    const text = ['optim:', '  lr: 1.0e-4', '  warmup_proportion: 0.1', '  total_steps: 2000', ''].join('\n');
    const x = extract(text, 'x.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 200, source: 'derived' });
  });
  test("veRL's lr_warmup_steps: -1 gives way to the ratio the framework then uses", () => {
    const text = [
      'actor_rollout_ref:',
      '  actor:',
      '    optim:',
      '      lr: 1.0e-6',
      '      lr_warmup_steps: -1',
      '      lr_warmup_steps_ratio: 0.1',
      '      total_training_steps: 500',
      '',
    ].join('\n');
    expect(value(extract(text, 'ppo.yaml'), 'warmupSteps')).toMatchObject({ value: 50, source: 'derived' });
    const steps = text.replace('lr_warmup_steps: -1', 'lr_warmup_steps: 30');
    expect(value(extract(steps, 'ppo.yaml'), 'warmupSteps')).toMatchObject({ value: 30, line: 5, source: 'written' });
  });
});

describe("an optimizer block's own settings win over the run-level ones", () => {
  test('keywords one level down in a block found by its name replace the run-level learning rate', () => {
    const text = [
      '{',
      '  "training": {',
      '    "learning_rate": 1e-4,',
      '    "max_steps": 5000,',
      '    "models": {',
      '      "gen": {"optimizer": {"type": "Adam", "config": {"lr": 2e-4, "betas": [0.5, 0.9]}}},',
      '      "critic": {"optimizer": {"type": "Adam", "config": {"lr": 4e-4,',
      '        "schedule": {"max_steps": 800}}}}',
      '    }',
      '  }',
      '}',
    ].join('\n') + '\n';
    const x = extract(text, 'gan.json');
    expect(x.optimizers.map((o) => [o.line, o.hyperparameters.lr?.line, o.hyperparameters.lr?.value]))
      .toEqual([[6, 6, 2e-4], [7, 7, 4e-4]]);
    // A run length inside the block is its schedule's, not the run's: the run-level one stays.
    expect(x.optimizers.map((o) => o.hyperparameters.steps?.line)).toEqual([4, 4]);
  });
});

describe('of several optimizers, each takes the values written nearest its block', () => {
  test("a model's schedule written beside its optimizer is its own, not the first model's", () => {
    const text = [
      'steps: 1000',
      'policy:',
      '  optimizer:',
      '    name: torch.optim.AdamW',
      '    kwargs:',
      '      lr: 1.0e-6',
      '  scheduler:',
      '    - name: torch.optim.lr_scheduler.LinearLR',
      'value_net:',
      '  optimizer:',
      '    name: torch.optim.AdamW',
      '    kwargs:',
      '      lr: 1.0e-5',
      '  scheduler:',
      '    - name: torch.optim.lr_scheduler.ConstantLR',
    ].join('\n') + '\n';
    const x = extract(text, 'two_models.yaml');
    expect(x.optimizers.map((o) => [o.line, o.hyperparameters.schedule?.line])).toEqual([[4, 8], [11, 15]]);
    // A value written once for the whole run still reaches both.
    expect(x.optimizers.map((o) => o.hyperparameters.steps?.line)).toEqual([1, 1]);
  });
});

describe('config objects in Python: a token micro-batch, a training context, a schedule inside its holder', () => {
  const registry = [
    'from mylib import Trainer, TrainingConfig, SchedulerHolder, make_adamw',
    '',
    'def small() -> Trainer.Config:',
    '    return Trainer.Config(',
    '        optimizer=make_adamw(lr=3e-4),',
    '        lr_scheduler=SchedulerHolder.Config(',
    '            warmup_steps=100,',
    '            decay_type="cosine",',
    '        ),',
    '        training=TrainingConfig(',
    '            num_tokens_per_microbatch_per_dp_rank=4 * 1024,',
    '            max_context_length=1024,',
    '            steps=5000,',
    '        ),',
    '    )',
    '',
  ].join('\n');

  test('the per-rank token micro-batch, the context length, and the decay type the holder is given', () => {
    const x = extract(registry, 'registry.py');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 4096, unit: 'tokens', line: 11 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 1024, line: 12 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'cosine', line: 8 });
  });

  test('a schedule call with no schedule word among its keywords is named by its class', () => {
    const text = 'from mylib import Trainer, WarmupCosine, make_adamw\n\ndef small():\n    return Trainer.Config(\n' +
      '        optimizer=make_adamw(lr=3e-4),\n        lr_scheduler=WarmupCosine(warmup_steps=100),\n    )\n';
    const x = extract(text, 'registry.py');
    expect(value(x, 'schedule')).toMatchObject({ value: 'WarmupCosine', line: 6 });
  });

  test('an inference block\'s max_context_length is no training sequence length', () => {
    const text = 'trainer:\n  max_steps: 100\nmodel:\n  optim:\n    name: adamw\n    lr: 1.0e-4\n' +
      'inference:\n  max_context_length: 512\n';
    const x = extract(text, 'ptq.yaml');
    expect(value(x, 'seqLen')).toBeUndefined();
  });
});

test('max_input_length is the training inputs\' length in a training config, not in an evaluation block', () => {
  const config = 'def get_config():\n  config = ml_collections.ConfigDict()\n  config.learning_rate = 0.05\n' +
    '  config.batch_size = 32\n  config.max_input_length = 80\n  return config\n';
  expect(value(extract(config, 'configs/default.py'), 'seqLen')).toMatchObject({ value: 80, line: 5 });
  const yaml = 'optimizer:\n  name: adamw\n  lr: 1.0e-4\nevaluation:\n  max_input_length: 512\n';
  expect(value(extract(yaml, 'train.yaml'), 'seqLen')).toBeUndefined();
});

test('a train_batch_size beside a per-device micro-batch in the same block is the global batch they make up', () => {
  const beside = 'data:\n  train_batch_size: 128\n  micro_batch_size_per_gpu: 2\noptim:\n  lr: 1.0e-5\n';
  const x = extract(beside, 'sft.yaml');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 128, line: 2 });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, line: 3 });
  // In another block, the micro-batch says nothing about it (veRL's PPO `data.train_batch_size` counts prompts).
  const apart = 'data:\n  train_batch_size: 128\nactor:\n  micro_batch_size_per_gpu: 2\n  optim:\n    lr: 1.0e-6\n';
  expect(value(extract(apart, 'ppo.yaml'), 'globalBatchSize')).toBeUndefined();
});
