/**
 * A module constant of an optimizer setting the script never reads, beside an optimizer the script builds with a call,
 * configures nothing (python/unused-settings.ts).
 */
import { describe, expect, test } from 'vitest';
import { lines, written } from './python-read';

describe('unread optimizer constants', () => {
  const script = (call: string): string => lines(
    'import torch',
    'learning_rate = 5e-4',
    'weight_decay = 0.05',
    'batch_size = 16',
    'def main():',
    '    model = build()',
    `    opt = ${call}`,
    '    for batch in loader(batch_size):',
    '        opt.step()',
    'main()',
  );

  test('a weight decay the optimizer call does not take is no value', () => {
    const text = script('torch.optim.AdamW(model.parameters(), lr=learning_rate)');
    expect(written(text, 'lr')).toEqual(['2: 5e-4']);
    expect(written(text, 'weightDecay')).toEqual([]);
  });

  test('a constant the call reads stays', () => {
    const text = script('torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=weight_decay)');
    expect(written(text, 'weightDecay')).toEqual(['3: 0.05']);
  });

  test('a config file that builds no optimizer keeps its constants', () => {
    const text = lines('learning_rate = 5e-4', 'weight_decay = 0.05', 'beta2 = 0.99', 'max_iters = 5000');
    expect(written(text, 'weightDecay')).toEqual(['2: 0.05']);
  });
});
