/**
 * Rules from the thirteenth dev round, each on made-up text: the family settings an optimizer OptLens does not model
 * has no parameter for, and comment lines between a continued command's flags.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { settingsNotTaken } from '../../../server/extract/optimizer-families';
import { value } from './helpers';

describe('optimizer blocks of two model parts', () => {
  const gin = [
    'optimizer_tower.learning_rate = 0.002',
    'optimizer_tower.optimizer_name = "AdamW"',
    'optimizer_tower.betas = (0.85, 0.98)',
    'optimizer_tower.momentum = 0',
    'optimizer_table.learning_rate = 0.05',
    'optimizer_table.optimizer_name = "Adagrad"',
    'optimizer_table.betas = (0.85, 0.98)',
    'optimizer_table.momentum = 0',
    'optimizer_table.eps = 1e-10',
    '',
  ].join('\n');

  test("each part's optimizer block reads its own tuple of betas", () => {
    const x = extract(gin, 'model.gin');
    const adamw = x.optimizers.findIndex((o) => o.name === 'AdamW');
    expect(adamw).toBeGreaterThanOrEqual(0);
    expect(value(x, 'beta1', adamw)).toMatchObject({ value: 0.85, line: 3 });
    expect(value(x, 'beta2', adamw)).toMatchObject({ value: 0.98, line: 3 });
  });

  test('an Adagrad takes no betas and no momentum the shared factory writes for it', () => {
    const x = extract(gin, 'model.gin');
    const adagrad = x.optimizers.findIndex((o) => o.name === 'Adagrad');
    expect(adagrad).toBeGreaterThanOrEqual(0);
    expect(value(x, 'lr', adagrad)).toMatchObject({ value: 0.05, line: 5 });
    expect(value(x, 'eps', adagrad)).toMatchObject({ value: 1e-10, line: 9 });
    for (const hp of ['beta1', 'beta2', 'momentum'] as const) expect(value(x, hp, adagrad)).toBeUndefined();
  });

  test('the families: Adagrad and Adadelta take ε only, RMSprop ε and momentum, an unknown family anything', () => {
    expect(settingsNotTaken('RowWiseAdagrad')).toEqual(['beta1', 'beta2', 'momentum']);
    expect(settingsNotTaken('torch.optim.Adadelta')).toEqual(['beta1', 'beta2', 'momentum']);
    expect(settingsNotTaken('RMSprop')).toEqual(['beta1', 'beta2']);
    expect(settingsNotTaken('Shampoo')).toEqual([]);
  });
});

describe('comment lines between the flags of a continued command', () => {
  const script = [
    '#!/bin/bash',
    'torchrun --nproc_per_node 8 sft.py \\',
    '    # where the weights come from',
    '    --model_name_or_path some/model \\',
    '    # the peak learning rate',
    '    --learning_rate 2e-5 \\',
    '    # samples per device',
    '    --per_device_train_batch_size 6 \\',
    '    --max_steps 1200',
    '',
  ].join('\n');

  test('the flags after each comment line are the command\'s', () => {
    const x = extract(script, 'sft.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-5, line: 6 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 6, line: 8 });
    expect(value(x, 'steps')).toMatchObject({ value: 1200, line: 9 });
  });

  test('a comment line after a finished command does not join the next command to it', () => {
    const text = ['python prepare.py --num_proc 8', '# now train', 'python train.py --lr 0.1', ''].join('\n');
    const x = extract(text, 'run.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 3 });
  });
});

describe('a world-model RL run', () => {
  const text = [
    'defaults:',
    '  seed: 1',
    '  batch_size: 32',
    '  run:',
    '    steps: 5.0e+6',
    '    train_ratio: 64',
    '    envs: 8',
    '  agent:',
    '    opt: {lr: 3.0e-4, eps: 1.0e-8, warmup: 500}',
    'atari:',
    '  run: {steps: 4.0e+7}',
    '',
  ].join('\n');

  test('a run length beside a replay ratio counts environment steps, not updates', () => {
    const x = extract(text, 'configs.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 9 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 9 });
    expect(value(x, 'steps')?.line).not.toBe(5);
    const updates = extract(text.replace('    train_ratio: 64\n', ''), 'configs.yaml');
    expect(value(updates, 'steps')).toMatchObject({ value: 5e6, line: 5 });
  });

  test('`batch_size` sequences of `batch_length` steps: the whole batch and each sequence\'s length', () => {
    const x = extract(text.replace('  batch_size: 32\n', '  batch_size: 32\n  batch_length: 48\n'), 'configs.yaml');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 32, line: 3 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 48, line: 4 });
    // Without the length beside it, a plain batch_size keeps its usual reading.
    expect(value(extract(text, 'configs.yaml'), 'globalBatchSize')).toBeUndefined();
  });

  test('a `defaults:` mapping is a block of settings, not a Hydra defaults list of parents', () => {
    const x = extract(text, 'configs.yaml');
    expect(x.findings.filter((f) => f.code === 'inherited-values')).toEqual([]);
    const hydra = extract(['defaults:', '  - optim: adamw', '  - _self_', 'lr: 3.0e-4', ''].join('\n'), 'train.yaml');
    expect(hydra.findings.filter((f) => f.code === 'inherited-values')).toHaveLength(1);
  });
});

describe('a file name alone names no framework', () => {
  test("a `pretrain.sh` whose flags no framework's table knows is read generically", () => {
    const text = ['accelerate launch main.py \\', '  --learning_rate=1e-4 \\', '  --train_batch_size=32 \\',
      '  --max_train_steps=100000', ''].join('\n');
    const x = extract(text, 'scripts/pretrain.sh');
    expect(x.ecosystem).toBe('generic');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 2 });
    // No framework's defaults fill what the file does not write.
    expect(value(x, 'weightDecay')).toBeUndefined();
  });

  test('the name still breaks the tie where a key of the table is written', () => {
    const text = ['torchrun pretrain_gpt.py \\', '  --lr 3e-4 \\', '  --seq-length 2048', ''].join('\n');
    expect(extract(text, 'scripts/pretrain.sh').ecosystem).toBe('megatron-lm');
  });
});

describe("a scheduler's name", () => {
  test("`--scheduler-name` beside `--optimizer-name` names the schedule; alone it may be a sampler's", () => {
    const text = [
      'import argparse',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--optimizer-name", type=str, default="AdamW")',
      'parser.add_argument("--scheduler-name", type=str, default="Noam")',
      'parser.add_argument("--base-lr", type=float, default=0.004)',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 0.004, line: 5 });
    expect(value(x, 'schedule')).toMatchObject({ line: 4 });
    const sampler = extract(['learning_rate: 1.0e-4', 'scheduler_name: DDIM', 'num_inference_steps: 50', ''].join('\n'),
      'sample.yaml');
    expect(value(sampler, 'schedule')).toBeUndefined();
  });
});

describe('an optimizer class no table knows, assigned to `opt`', () => {
  test("its call's keywords are its own settings, one optimizer named by the class", () => {
    const text = [
      'import torch',
      'from mylib.optim import FancyAdam',
      'model = torch.nn.Linear(4, 4)',
      'opt = FancyAdam(model.parameters(), lr=0.02, betas=(0.9, 0.97), clip_scale=2.0)',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]?.name).toContain('FancyAdam');
    expect(value(x, 'lr')).toMatchObject({ value: 0.02, line: 4 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.97, line: 4 });
  });
});

describe('the word `optimizer` inside a longer block name', () => {
  test("a model part's optimizer factory is an optimizer's block: its tuple of betas is read", () => {
    const gin = [
      'tower_optimizer_builder.learning_rate = 0.002',
      'tower_optimizer_builder.optimizer_name = "AdamW"',
      'tower_optimizer_builder.betas = (0.85, 0.98)',
      '',
    ].join('\n');
    const x = extract(gin, 'model.gin');
    expect(value(x, 'lr')).toMatchObject({ value: 0.002, line: 1 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.85, line: 3 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 3 });
  });
});
