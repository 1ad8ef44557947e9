/**
 * An optimizer block holding one block per trained part (server/extract/roles/part-blocks.ts): each part is an
 * optimizer of its own, with the settings written in its block.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** Per optimizer: its written lr and weight decay as `line: raw`. */
function perOptimizer(text: string, file: string): string[][] {
  return extract(text, file).optimizers.map((o) => [o.hyperparameters.lr, o.hyperparameters.weightDecay]
    .map((v) => (v?.source === 'written' ? `${v.line}: ${v.raw}` : '-')));
}

test('optim_params with a block per network: one optimizer per network, each with its own values', () => {
  const text = lines(
    'algo:',
    '  optim_params:',
    '    policy:',
    '      learning_rate:',
    '        initial: 0.0002',
    '      regularization:',
    '        L2: 0.0',
    '    vf:',
    '      learning_rate:',
    '        initial: 0.0001',
    '      regularization:',
    '        L2: 0.01',
    'train:',
    '  batch_size: 32',
  );
  expect(perOptimizer(text, 'bc.yaml')).toEqual([['5: 0.0002', '7: 0.0'], ['10: 0.0001', '12: 0.01']]);
});

test("an optimizer block's settings bag (`params`) and a lone child are one optimizer", () => {
  const bag = lines('optimizer:', '  type: AdamW', '  params:', '    lr: 0.001', '    weight_decay: 0.1');
  expect(perOptimizer(bag, 'ds.yaml')).toEqual([['4: 0.001', '5: 0.1']]);
  const lone = lines('optim:', '  policy:', '    lr: 0.0003', '    weight_decay: 0.01');
  expect(perOptimizer(lone, 'rl.yaml')).toEqual([['3: 0.0003', '4: 0.01']]);
});
