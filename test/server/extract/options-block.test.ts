/** A root-level block of the optimizer's keyword arguments belongs to the optimizer the root names. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('optimizer_kwargs beside the optimizer name', () => {
  test.each([
    ['optimizer_type', 'optimizer_kwargs'],
    ['optimizer', 'optimizer_kwargs'],
    ['optimizer', 'optimizer_params'],
    ['optim', 'optim_args'],
  ])('%s + %s: one optimizer, with the block\'s values (no stand-in lr)', (nameKey, block) => {
    const text = [
      '{',
      `  "${nameKey}": "AdamW",`,
      `  "${block}": {`,
      '    "lr": 1e-4,',
      '    "weight_decay": 0.1',
      '  },',
      '  "batch_size": 4',
      '}',
      '',
    ].join('\n');
    const x = extract(text, 'training_params.json');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', line: 2 });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 4, source: 'written' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 5 });
  });

  test('a block that is not the optimizer\'s options is still a block of its own', () => {
    const x = extract('{\n  "optimizer": "AdamW",\n  "critic_optimizer": {"lr": 1e-3}\n}\n', 'x.json');
    expect(x.optimizers.some((o) => o.hyperparameters.lr?.value === 1e-3 && o.name !== 'AdamW')).toBe(true);
  });
});

describe('a name beside the settings block it names, inside one of several training blocks', () => {
  const text = [
    'train_conf:',
    '  optim: sgd',
    '  optim_conf:',
    '    lr: 0.05',
    '  sched: steplr',
    'train_conf_finetune:',
    '  optim: adamw',
    '  optim_conf:',
    '    lr: 0.0003',
    '',
  ].join('\n');

  test('each block\'s optimizer is named by the key its settings block is named for', () => {
    const x = extract(text, 'recipe.yaml');
    const byLr = (lr: number): unknown => x.optimizers.find((o) => o.hyperparameters.lr?.value === lr);
    expect(byLr(0.05)).toMatchObject({ name: 'sgd', line: 2 });
    expect(byLr(0.0003)).toMatchObject({ name: 'adamw', line: 7 });
  });

  test('a name key the block is not named for does not name it', () => {
    const x = extract(text.replace('  optim: sgd', '  solver_name: sgd'), 'recipe.yaml');
    expect(x.optimizers.find((o) => o.hyperparameters.lr?.value === 0.05)?.line).not.toBe(2);
  });
});
