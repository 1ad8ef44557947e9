/** A critic's own settings when the run trains no critic (server/extract/ecosystems/critic-free.ts). */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

/** Every written learning rate, as `line: value`, over all configurations. */
function lrs(text: string, file: string): string[] {
  return extract(text, file).optimizers.flatMap((o) => {
    const v = o.hyperparameters.lr;
    return v && v.source !== 'default' ? [`${v.line ?? '-'}: ${String(v.value)}`] : [];
  });
}

describe('a critic no run builds trains nothing', () => {
  const yaml = (estimator: string): string =>
    `algo:\n  adv_estimator: ${estimator}\nactor_learning_rate: 1e-6\ncritic_learning_rate: 5e-6\n`;

  test('an advantage estimator without a value model: the critic\'s rate is no optimizer\'s', () => {
    expect(lrs(yaml('grpo'), 'rl.yaml')).toEqual(['3: 0.000001']);
    expect(lrs(yaml('rloo'), 'rl.yaml')).toEqual(['3: 0.000001']);
  });

  test('GAE, or an estimator OptLens does not know, keeps the critic', () => {
    expect(lrs(yaml('gae'), 'rl.yaml')).toEqual(['3: 0.000001', '4: 0.000005']);
    expect(lrs(yaml('vtrace'), 'rl.yaml')).toEqual(['3: 0.000001', '4: 0.000005']);
  });

  test('a critic checkpoint written empty builds no critic, as a flag or a dataclass field', () => {
    const flags = 'python train_ppo.py --actor_learning_rate 1e-6 --critic_learning_rate 5e-6 --critic_pretrain ""\n';
    expect(lrs(flags, 'run.sh')).toEqual(['1: 0.000001']);
    const py = [
      'class ExpConfig:',
      '    use_grpo: bool = True',
      '    actor_learning_rate: float = 1e-6',
      '    critic_learning_rate: float = 5e-6',
      '    critic_pretrain: str = "" if use_grpo else "ckpt"',
      '',
    ].join('\n');
    expect(lrs(py, 'exp.py')).toEqual(['3: 0.000001']);
    expect(lrs(py.replace('use_grpo: bool = True', 'use_grpo: bool = False'), 'exp.py'))
      .toEqual(['3: 0.000001', '4: 0.000005']);
  });
});
