/**
 * `for NAME in WORDS; do ... done` in launch scripts: the loop variable holds each word in turn, so a value passed as
 * `--learning_rate $LR` is the word's literal; several words are a sweep, each iteration a run (shell/branches.ts).
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings } from './helpers';

test('a loop over one word sets the variable at that literal', () => {
  const text = ['for LR in 1e-6', 'do', '  accelerate launch train.py \\', '    --learning_rate $LR \\',
    '    --per_device_train_batch_size 1', 'done'].join('\n');
  const x = extract(text, 'dpo.sh');
  const lr = x.optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line, lr?.raw]).toEqual([1e-6, 1, '1e-6']);
  expect(findings(x, 'value-depends-on-branch')).toEqual([]);
});

test('a sweep reads its first word and predicts the others beside it, one run per iteration', () => {
  const text = ['for LR in 1e-5 3e-5; do', '  python train.py --learning_rate ${LR} --weight_decay 0.1', 'done']
    .join('\n');
  const x = extract(text, 'sweep.sh');
  expect(x.optimizers.map((o) => [o.hyperparameters.lr?.value, o.hyperparameters.lr?.line])).toEqual(
    [[1e-5, 1], [3e-5, 1]]);
  expect(x.optimizers.map((o) => o.hyperparameters.weightDecay?.value)).toEqual([0.1, 0.1]);
  const hint = findings(x, 'value-depends-on-branch')[0];
  expect(hint?.message).toContain('takes each value of `for LR in 1e-5 3e-5`');
  expect(hint?.message).toContain('Every iteration runs');
});

test('a C-style or word-less loop changes no variable', () => {
  const text = ['LR=2e-4', 'for ((i=0; i<3; i++)); do', '  python train.py --lr $LR', 'done'].join('\n');
  const lr = extract(text, 'run.sh').optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line]).toEqual([2e-4, 1]);
});
