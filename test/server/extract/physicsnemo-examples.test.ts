/** The PhysicsNeMo examples table: Hydra configs whose training script builds Adam from `scheduler.initial_lr`. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('PhysicsNeMo example configs', () => {
  const text = [
    'arch:',
    '  decoder:',
    '    layers: 2',
    'scheduler:',
    '  initial_lr: 5.E-4',
    '  decay_rate: .9',
    '  decay_pseudo_epochs: 4',
    'training:',
    '  resolution: 128',
    '  batch_size: 16',
    '  rec_results_freq: 4',
    '  max_pseudo_epochs: 64',
    '  pseudo_epoch_sample_size: 1024',
    'validation:',
    '  sample_size: 64',
    '  validation_pseudo_epochs: 2',
    '',
  ].join('\n');

  test("scheduler.initial_lr is the implied Adam's lr; the run counts pseudo-epochs; decay_rate is no weight decay", () => {
    const x = extract(text, 'config.yaml');
    expect(x.ecosystem).toBe('physicsnemo-examples');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'Adam', kind: 'adam' });
    expect(value(x, 'lr')).toMatchObject({ value: 5e-4, line: 5, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 10 });
    expect(value(x, 'steps')).toMatchObject({ value: 64, unit: 'epochs', line: 12 });
    expect(value(x, 'weightDecay')?.source).toBe('default');
  });

  test('an optimizer.type written beside them names the optimizer', () => {
    const x = extract(`optimizer:\n  type: AdamW\n${text}`, 'config_fix.yaml');
    expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', kind: 'adamw', line: 2 });
    expect(value(x, 'lr')).toMatchObject({ value: 5e-4, line: 7 });
  });
});
