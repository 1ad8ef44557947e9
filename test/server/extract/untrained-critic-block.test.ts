/**
 * A critic's own block in a run that trains no critic (a group or leave-one-out advantage estimator): its rates and
 * batches are no run's (frozen-parts.ts inUntrainedCritic); with GAE the critic trains and keeps its optimizer.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const launcher = (estimator: string): string => [
  'python3 -m rl.trainer.main \\', `  algorithm.adv_estimator=${estimator} \\`, '  policy.optim.lr=2e-6 \\',
  '  critic.optim.lr=5e-6 \\', '  critic.ppo_micro_batch_size_per_gpu=4',
].join('\n');

const read = (text: string, file: string): unknown[][] => extract(text, file).optimizers.map((o) =>
  [o.hyperparameters.lr?.value, o.hyperparameters.microBatchSize?.value]);

test('a critic block is read when the estimator needs a critic', () => {
  expect(read(launcher('gae'), 'ppo.sh')).toEqual([[2e-6, undefined], [5e-6, 4]]);
});

test('a critic block sets nothing when the estimator needs no critic', () => {
  expect(read(launcher('grpo'), 'grpo.sh')).toEqual([[2e-6, undefined]]);
  const yaml = ['algorithm:', '  adv_estimator: reinforce_plus_plus', 'actor:', '  optim:', '    lr: 1.0e-6',
    'critic:', '  optim:', '    lr: 1.0e-5', '  ppo_micro_batch_size_per_gpu: 2'].join('\n');
  expect(read(yaml, 'rl.yaml')).toEqual([[1e-6, undefined]]);
});
