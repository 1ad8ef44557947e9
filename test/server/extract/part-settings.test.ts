/** A model part's own setting beside the optimizer's (part-settings.ts; roles/group-lr.ts partSetting). */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const BLOCK = [
  'optimizer:',
  '  encoder_weight_decay: 1.0e-2',
  '  head_weight_decay: 1.0e-5',
  '  learning_rate: 3.0e-4',
  '  betas: [0.9, 0.98]',
  'train:',
  '  max_steps: 1000',
  '',
].join('\n');

test("each part's weight decay in an optimizer block is read: the first is the optimizer's, the next a group's", () => {
  const x = extract(BLOCK, 'workspace.yaml');
  expect(x.optimizers).toHaveLength(2);
  const [whole, group] = x.optimizers;
  expect(whole?.hyperparameters.weightDecay).toMatchObject({ value: 0.01, line: 2, source: 'written' });
  expect(whole?.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 4 });
  // The group shares the block's learning rate and betas and the run's length; only its λ is its own.
  expect(group?.hyperparameters.weightDecay).toMatchObject({ value: 1e-5, line: 3, source: 'written' });
  expect(group?.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 4 });
  expect(group?.hyperparameters.beta2).toMatchObject({ value: 0.98, line: 5 });
  expect(group?.hyperparameters.steps).toMatchObject({ value: 1000, line: 7 });
  expect(group?.appliesTo).toContain('head parameters');
});

test("a part's setting needs a model part last and a word that names its role anywhere", () => {
  // `layer_norm_eps` of an encoder is a norm layer's ε, not a group's; `dropout_weight_decay` names no model part.
  const text = 'optimizer:\n  lr: 1.0e-3\n  weight_decay: 0.1\n  encoder_layer_norm_eps: 1.0e-5\n' +
    '  dropout_weight_decay: 0.5\n';
  const x = extract(text, 'train.yaml');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]?.hyperparameters.weightDecay).toMatchObject({ value: 0.1, line: 3 });
  expect(x.optimizers[0]?.hyperparameters.eps?.source).not.toBe('written');
});
