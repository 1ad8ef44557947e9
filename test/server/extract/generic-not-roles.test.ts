/**
 * The fallback table's keys that read as a role but are not one (ecosystems/generic.ts `notRoles`): veRL's
 * `ppo_micro_batch_size_per_gpu` when the same block turns `use_dynamic_bsz` on, which packs micro-batches by tokens.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const launch = (...overrides: string[]): string => [
  'python3 -m verl.trainer.main_ppo \\',
  '    actor_rollout_ref.actor.optim.lr=2e-6 \\',
  '    actor_rollout_ref.actor.ppo_mini_batch_size=32 \\',
  ...overrides.map((o) => `    ${o} \\`),
  '    actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu=4 \\',
  '    trainer.total_epochs=3',
  '',
].join('\n');

describe('a PPO worker with dynamic batches', () => {
  test('its per-GPU micro-batch is not read when use_dynamic_bsz is on', () => {
    const x = extract(launch('actor_rollout_ref.actor.use_dynamic_bsz=True'), 'run_grpo.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-6, line: 2, source: 'written' });
    expect(value(x, 'microBatchSize')?.source).not.toBe('written');
  });

  test('with the switch off or unwritten, the micro-batch is the per-GPU batch', () => {
    for (const text of [launch('actor_rollout_ref.actor.use_dynamic_bsz=False'), launch()]) {
      expect(value(extract(text, 'run_grpo.sh'), 'microBatchSize')).toMatchObject({ value: 4, source: 'written' });
    }
  });

  test("the critic's switch does not touch the actor's micro-batch", () => {
    const x = extract(launch('critic.use_dynamic_bsz=True'), 'run_grpo.sh');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 4, source: 'written' });
  });
});
