/** OpenRLHF: the critic's learning rate is an optimizer's only where a critic is trained (GAE advantages). */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings } from './helpers';

const script = (estimator: string | null): string => [
  'python3 -m openrlhf.cli.train_ppo_ray \\',
  '   --pretrain OpenRLHF/Llama-3-8b-sft-mixture \\',
  ...(estimator !== null ? [`   --advantage_estimator ${estimator} \\`] : []),
  '   --micro_train_batch_size 8 \\',
  '   --train_batch_size 128 \\',
  '   --actor_learning_rate 5e-7 \\',
  '   --critic_learning_rate 9e-6',
].join('\n');

const lrs = (text: string): unknown[] =>
  extract(text, 'train_ppo.sh').optimizers.map((o) => o.hyperparameters.lr?.value);

test('GRPO-style advantages (group_norm) train no critic: its lr is no optimizer, and a hint says why', () => {
  const x = extract(script('group_norm'), 'train_grpo.sh');
  expect(x.ecosystem).toBe('openrlhf');
  expect(x.optimizers.map((o) => o.hyperparameters.lr?.value)).toEqual([5e-7]);
  const hint = findings(x, 'not-a-hyperparameter').find((f) => f.line === 7);
  expect(hint?.message).toContain('no critic is trained');
  expect(lrs(script('reinforce_baseline'))).toEqual([5e-7]);
});

test('GAE, written or by default, trains a critic: its learning rate is read', () => {
  expect(lrs(script('gae'))).toEqual([5e-7, 9e-6]);
  expect(lrs(script(null))).toEqual([5e-7, 9e-6]);
  expect(findings(extract(script(null), 'train_ppo.sh'), 'not-a-hyperparameter')
    .some((f) => f.message.includes('critic'))).toBe(false);
});
