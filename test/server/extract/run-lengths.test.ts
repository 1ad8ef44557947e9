/**
 * Run lengths written in another unit (litgpt's `train.max_tokens`, torchtune's `max_steps_per_epoch` × `epochs`),
 * interpolations read at their literal, and launchers' run files carrying the config as a block (MCLI `parameters:`).
 */
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

describe('litgpt: a run written in tokens', () => {
  const text = (run: string): string => [
    'model_name: tiny-llama-1.1b',
    'out_dir: out/pretrain/tiny-llama',
    'train:',
    '  global_batch_size: 512',
    '  micro_batch_size: 4',
    '  lr_warmup_steps: 2000',
    run,
    '  max_seq_length: 2048',
    'optimizer:',
    '  class_path: torch.optim.AdamW',
    '  init_args:',
    '    lr: 4e-4',
    '    weight_decay: 0.1',
    '',
  ].join('\n');

  test('read as written, in tokens, at its line', () => {
    const x = extract(text('  max_tokens: 3000000000000\n  max_steps:'), 'tinyllama.yaml');
    expect(x.ecosystem).toBe('litgpt');
    expect(value(x, 'steps')).toMatchObject({ value: 3e12, unit: 'tokens', line: 7, key: 'train.max_tokens' });
  });
  test('becomes optimizer steps through the tokens per step the file gives', () => {
    const a = analyzeText(text('  max_tokens: 3000000000000'), 'tinyllama.yaml', {});
    expect(a.optimizers[0]?.predictionInput?.steps).toBe(Math.round(3e12 / (512 * 2048)));
  });
  test('steps written win over the token budget', () => {
    const x = extract(text('  max_tokens: 3000000000000\n  max_steps: 100'), 'tinyllama.yaml');
    expect(value(x, 'steps')).toMatchObject({ value: 100, line: 8 });
    expect(value(x, 'steps')?.unit).toBeUndefined();
  });
  test('without the tokens per step, the length in steps is unknown, not the token count', () => {
    const a = analyzeText(text('  max_tokens: 3000000000000').replace('  max_seq_length: 2048\n', ''), 'tinyllama.yaml', {});
    expect(a.optimizers[0]?.hyperparameters.steps).toMatchObject({ value: 3e12, unit: 'tokens' });
    expect(a.optimizers[0]?.predictionInput?.steps ?? null).toBeNull();
  });
});

describe('torchtune: max_steps_per_epoch × epochs', () => {
  const text = (epochs: string, perEpoch: string): string => [
    'batch_size: 4',
    'optimizer:',
    '  _component_: torch.optim.AdamW',
    '  lr: 2e-5',
    'lr_scheduler:',
    '  _component_: torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup',
    '  num_warmup_steps: 20',
    epochs,
    `max_steps_per_epoch: ${perEpoch}`,
    'gradient_accumulation_steps: 8',
    '',
  ].join('\n');

  test('one epoch: the cap is the run, as written at its line', () => {
    const x = extract(text('epochs: 1', '1000'), 'dpo.yaml');
    expect(x.ecosystem).toBe('torchtune');
    expect(value(x, 'steps')).toMatchObject({ value: 1000, line: 9, source: 'written', key: 'max_steps_per_epoch' });
  });
  test('three epochs: derived from both', () => {
    const steps = value(extract(text('epochs: 3', '1000'), 'dpo.yaml'), 'steps');
    expect(steps).toMatchObject({ value: 3000, source: 'derived', derivedFrom: ['max_steps_per_epoch', 'epochs'] });
  });
  test('no cap: the run is its epochs, in epochs, never read as steps', () => {
    const steps = value(extract(text('epochs: 2', 'null'), 'dpo.yaml'), 'steps');
    expect(steps).toMatchObject({ value: 2, unit: 'epochs', line: 8 });
  });
  test('a cap without epochs is no run length', () => {
    expect(value(extract(text('', '1000'), 'dpo.yaml'), 'steps')).toBeUndefined();
  });
  test('an async GRPO trainer under `training`: its run is orchestration.num_steps, its batch not the inference one', () => {
    const grpo = [
      'orchestration:',
      '  num_inference_workers: 2',
      '  num_steps: 300',
      'inference:',
      '  batch_size: 2',
      'training:',
      '  batch_size: 8',
      '  save_every_n_steps: 100',
      '  optimizer:',
      '    _component_: torch.optim.AdamW',
      '    lr: 3e-6',
      '  loss:',
      '    _component_: torchtune.dev.rl.linear_grpo_loss.LinearGRPOLoss',
      '',
    ].join('\n');
    const x = extract(grpo, 'grpo.yaml');
    expect(x.ecosystem).toBe('torchtune');
    expect(value(x, 'steps')).toMatchObject({ value: 300, line: 3, source: 'written', key: 'orchestration.num_steps' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 7, key: 'training.batch_size' });
  });
});

describe('interpolations are read at the literal they name', () => {
  test('in any YAML, through role inference too, with the reference in the provenance', () => {
    const text = 'vars:\n  lr: 3.0e-4\noptimizer:\n  type: AdamW\n  lr: ${vars.lr}\n  weight_decay: 0.1\n';
    const lr = value(extract(text, 'train.yaml'), 'lr');
    expect(lr).toMatchObject({ value: 3e-4, line: 2, key: 'vars.lr', source: 'written' });
    expect(lr?.via?.reason).toContain('${vars.lr}');
  });
  test('a reference to a reference, and a top-level name (`${batch_size}`)', () => {
    const text = 'batch_size: 8\nb: ${batch_size}\ntrain:\n  micro_batch_size: ${b}\noptimizer:\n  name: adamw\n  lr: 1.0e-3\n';
    expect(value(extract(text, 'x.yaml'), 'microBatchSize')).toMatchObject({ value: 8, line: 1 });
  });
  test('an unresolvable reference stays a value the run sets', () => {
    const text = 'optimizer:\n  type: AdamW\n  lr: ${vars.lr}\n';
    const x = extract(text, 'train.yaml');
    expect(value(x, 'lr')?.runtime).toMatchObject({ kind: 'interpolation', expression: '${vars.lr}' });
  });
  test('a literal used under several keys is told once by the PyYAML trap', () => {
    const text = 'vars:\n  lr: 3e-4\noptimizer:\n  type: AdamW\n  lr: ${vars.lr}\nscheduler:\n  max_lr: ${vars.lr}\n';
    expect(findings(extract(text, 'train.yaml'), 'pyyaml-exponent-string')).toHaveLength(1);
  });
});

describe('MCLI run files: the llm-foundry config under parameters:', () => {
  const text = [
    'integrations:',
    '- integration_type: git_repo',
    '  git_repo: mosaicml/llm-foundry',
    'command: |',
    '  composer train/train.py /mnt/config/parameters.yaml',
    'image: mosaicml/llm-foundry:2.7.0_cu128-latest',
    'name: llama3.1-70b-finetune',
    'compute:',
    '  gpus: 16',
    'parameters:',
    '  variables:',
    '    max_seq_len: 4096',
    '  max_seq_len: ${variables.max_seq_len}',
    '  train_loader:',
    '    name: finetuning',
    '    dataset:',
    '      max_seq_len: ${variables.max_seq_len}',
    '  scheduler:',
    '    name: cosine_with_warmup',
    '    t_warmup: 100ba',
    '  optimizer:',
    '    name: decoupled_lionw',
    '    lr: 5.0e-7',
    '    betas:',
    '    - 0.9',
    '    - 0.95',
    '  max_duration: 1ep',
    '  global_train_batch_size: 16',
    '  device_train_microbatch_size: 1',
    '',
  ].join('\n');
  const x = extract(text, 'mcli-finetune.yaml');

  test('read like the top-level llm-foundry config, each value at its line with the key as written', () => {
    expect(x.ecosystem).toBe('llm-foundry');
    expect(x.optimizers[0]).toMatchObject({ name: 'decoupled_lionw', kind: 'lion', line: 22 });
    expect(value(x, 'lr')).toMatchObject({ value: 5e-7, line: 23, key: 'parameters.optimizer.lr' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 100, line: 20 });
    expect(value(x, 'steps')).toMatchObject({ value: 1, unit: 'epochs', line: 27 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 16, line: 28 });
  });
  test('an interpolation resolves inside the block, at the variable\'s literal', () => {
    expect(value(x, 'seqLen')).toMatchObject({ value: 4096, line: 12, key: 'parameters.variables.max_seq_len' });
  });
  test('a file with a parameters block but no launcher keys is not unwrapped', () => {
    const plain = 'parameters:\n  optimizer:\n    name: decoupled_adamw\n    lr: 1.0e-4\n';
    expect(extract(plain, 'x.yaml').ecosystem).not.toBe('llm-foundry');
  });
});

describe('a run length in epochs beside one in optimizer steps', () => {
  const text = [
    'max_epoch: 40',
    'optim: adam',
    'optim_conf:',
    '  lr: 0.002',
    'scheduler: warmupcosine',
    'scheduler_conf:',
    '  warmup_ratio: 0.1',
    '  max_steps: 30000',
    '',
  ].join('\n');

  test('the count in steps is the run length, and a warmup fraction is a share of it', () => {
    const x = extract(text, 'train.yaml');
    expect(value(x, 'steps')).toMatchObject({ value: 30000, line: 8, source: 'written' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 3000 });
  });

  test('with no count in steps, the epochs stay the run length', () => {
    const x = extract(text.replace('  max_steps: 30000\n', ''), 'train.yaml');
    expect(value(x, 'steps')).toMatchObject({ value: 40, line: 1, unit: 'epochs' });
  });
});
