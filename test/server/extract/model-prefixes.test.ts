/**
 * Settings prefixed by the model of a multi-model run they are for (DeepSpeed-Chat step 3's
 * `--actor_weight_decay`, `--critic_learning_rate`): each trained model gets an optimizer with its own values, the
 * values without a prefix are shared, and a frozen model's prefix (`--ref_...`) makes no optimizer setting.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const STEP3 = [
  'Actor_Lr=9.65e-6',
  'Critic_Lr=5e-6',
  'deepspeed main.py \\',
  '   --per_device_generation_batch_size 4 \\',
  '   --per_device_training_batch_size 2 \\',
  '   --actor_learning_rate ${Actor_Lr} \\',
  '   --critic_learning_rate ${Critic_Lr} \\',
  '   --actor_weight_decay 0.1 \\',
  '   --critic_weight_decay 0.05 \\',
  '   --gradient_accumulation_steps 4 \\',
  '   --num_warmup_steps 100',
  '',
].join('\n');

function byLr(text: string, fileName: string, lr: number): Record<string, unknown> {
  const x = extract(text, fileName);
  const o = x.optimizers.find((p) => p.hyperparameters.lr?.value === lr);
  expect(o, `an optimizer with lr ${lr}`).toBeDefined();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o?.hyperparameters ?? {})) out[k] = v?.source === 'written' ? [v.value, v.line] : null;
  return out;
}

describe('model prefixes', () => {
  test('actor and critic: two optimizers, each with its λ at its line, sharing the batch', () => {
    for (const name of ['step3-run.sh', 'train.sh']) {
      const x = extract(STEP3, name);
      expect(x.optimizers, name).toHaveLength(2);
      expect(byLr(STEP3, name, 9.65e-6)).toMatchObject({
        lr: [9.65e-6, 1], weightDecay: [0.1, 8], microBatchSize: [2, 5], gradAccum: [4, 10] });
      expect(byLr(STEP3, name, 5e-6)).toMatchObject({
        lr: [5e-6, 2], weightDecay: [0.05, 9], microBatchSize: [2, 5], gradAccum: [4, 10] });
      expect(x.optimizers.find((o) => o.hyperparameters.lr?.value === 5e-6)?.appliesTo).toContain('the critic (a model');
    }
  });

  test('an unprefixed λ beside prefixed learning rates is shared; a frozen model\'s prefix is no setting', () => {
    const text = [
      'python train.py --actor_learning_rate 1e-6 --critic_learning_rate 2e-6 --weight_decay 0.01 \\',
      '  --ref_weight_decay 0.5 --teacher_adam_beta2 0.9',
      '',
    ].join('\n');
    const x = extract(text, 'train.sh');
    expect(x.optimizers).toHaveLength(2);
    for (const o of x.optimizers) {
      expect(o.hyperparameters.weightDecay).toMatchObject({ value: 0.01, line: 1, source: 'written' });
      expect(o.hyperparameters.beta2?.source).not.toBe('written');
    }
  });
});
