/**
 * Role spellings any framework may use (roles/vocabulary.ts, roles/places.ts): the short form `bsz` after a word that
 * says per device or global, the `lr_sched` abbreviation of the schedule's name, and a `datasets:` block whose
 * loaders' batches are the run's; each on made-up files.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('short role spellings', () => {
  test('`micro_bsz` is the per-device batch and `global_bsz` the global one, in a launch script', () => {
    const x = extract('python train.py --micro_bsz 6 --global_bsz 96 --lr 3e-4\n', 'run.sh');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 6, line: 1, source: 'written' });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 96, line: 1, source: 'written' });
  });

  test('`lr_sched` names the schedule, and a `datasets:` block holds the training batch', () => {
    const text = [
      'datasets:',
      '  captions:',
      '    batch_size: 7',
      'run:',
      '  lr_sched: "step_decay_lr"',
      '  lr: 2e-5',
      '',
    ].join('\n');
    const x = extract(text, 'finetune.yaml');
    expect(value(x, 'schedule')).toMatchObject({ value: 'step_decay_lr', line: 5, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 7, line: 3, source: 'written' });
  });

  test('an evaluation dataset in the block is no training batch', () => {
    const x = extract('datasets:\n  val_captions:\n    batch_size: 64\nlr: 1e-4\n', 'finetune.yaml');
    expect(value(x, 'microBatchSize')?.source).not.toBe('written');
  });
});

describe('micro-batches per optimizer step', () => {
  const config = (data: string): string => [
    'data = dict(',
    '    seq_len=1024,',
    data,
    '    micro_bsz=3,',
    '    valid_micro_num=16,',
    ')',
    'adam = dict(lr=3e-4, weight_decay=0.05)',
    '',
  ].join('\n');

  test('`micro_num`, the micro-batches of one gradient update, is the accumulation; the evaluation\'s is not', () => {
    const x = extract(config('    micro_num=6,'), 'config.py');
    expect(value(x, 'gradAccum')).toMatchObject({ value: 6, line: 3, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 3, line: 4, source: 'written' });
  });

  test('without it, the evaluation\'s count is not read as the accumulation', () => {
    const x = extract(config('    pack=False,'), 'config.py');
    expect(value(x, 'gradAccum')?.source).not.toBe('written');
  });
});

describe('an optimizer block whose factory class names the optimizer', () => {
  const config = (factory: string): string => [
    'def make_config():',
    '    optimizer = OptimizerArgs(',
    '        weight_decay=0.05,',
    `        ${factory},`,
    '        learning_rate_scheduler=SchedulerArgs(learning_rate=1e-4),',
    '    )',
    '    return optimizer',
    '',
  ].join('\n');

  test('`optimizer_factory=LionOptimizerArgs(...)` names it, at its line', () => {
    const o = extract(config('optimizer_factory=LionOptimizerArgs(beta1=0.95)'), 'make_config.py').optimizers[0];
    expect([o?.name, o?.line]).toEqual(['LionOptimizerArgs', 4]);
    expect(o?.hyperparameters.lr).toMatchObject({ value: 1e-4, line: 5, source: 'written' });
  });

  test('another keyword holding a call names nothing', () => {
    const o = extract(config('grad_scaler=ScalerArgs(init=2.0)'), 'make_config.py').optimizers[0];
    expect(o?.line ?? null).toBeNull();
  });
});

describe('a run length in training tokens', () => {
  test('a token budget the run exits after is its length, in tokens', () => {
    const x = extract('python train.py --lr_init 6e-4 --micro_bsz 8 --ctx_len 1024 --my_exit_tokens 9000000\n', 'run.sh');
    expect(value(x, 'steps')).toMatchObject({ value: 9000000, line: 1, unit: 'tokens', source: 'written' });
    const none = extract('train:\n  lr: 1e-3\n  max_train_tokens: 0\n', 'run.yaml');
    expect(value(none, 'steps')?.source).not.toBe('written');
  });
});
