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
