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
