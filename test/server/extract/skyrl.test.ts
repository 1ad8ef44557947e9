/** SkyRL launch scripts: dotted overrides of its config, the batch counted in prompts (skyrl.ts). */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const script = [
  ': "${NUM_GPUS:=2}"',
  'MINI=64',
  'uv run --isolated --extra fsdp -m skyrl.train.entrypoints.main_base \\',
  '  trainer.placement.colocate_all=true \\',
  '  trainer.train_batch_size=512 \\',
  '  trainer.policy_mini_batch_size=$MINI \\',
  '  trainer.micro_forward_batch_size_per_gpu=16 \\',
  '  trainer.micro_train_batch_size_per_gpu=8 \\',
  '  trainer.policy.optimizer_config.lr=3.0e-6 \\',
  '  trainer.policy.optimizer_config.adam_betas=[0.9,0.95] \\',
  '  trainer.policy.optimizer_config.num_warmup_steps=20 \\',
  '  generator.n_samples_per_prompt=8',
].join('\n');

test('the mini batch is the global batch (one optimizer step), the per-GPU train micro batch the micro batch', () => {
  const x = extract(script, 'run_grpo.sh');
  expect(x.ecosystem).toBe('skyrl');
  const [policy] = x.optimizers;
  const hp = policy?.hyperparameters;
  expect(policy?.name).toBe('AdamW');
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([3e-6, 9]);
  expect([hp?.globalBatchSize?.value, hp?.globalBatchSize?.line]).toEqual([64, 2]);
  expect([hp?.microBatchSize?.value, hp?.microBatchSize?.line]).toEqual([8, 8]);
  expect([hp?.beta1?.value, hp?.beta2?.value, hp?.beta2?.line]).toEqual([0.9, 0.95, 10]);
  expect([hp?.warmupSteps?.value, hp?.warmupSteps?.line]).toEqual([20, 11]);
});

test('what the file does not write is SkyRL\'s OptimizerConfig default, said to be', () => {
  const hp = extract(script, 'run_grpo.sh').optimizers[0]?.hyperparameters;
  expect(hp?.weightDecay?.value).toBe(0.01);
  expect(hp?.weightDecay?.line).toBeNull();
  expect(hp?.schedule?.value).toBe('constant_with_warmup');
});
