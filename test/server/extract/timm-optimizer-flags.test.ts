/**
 * timm's optimizer flags (`--opt adamw --opt-betas 0.9 0.999 --opt-eps 1e-8`, argparse `nargs='+'` for the betas),
 * which the VideoMAE-style trainers built on timm's optimizer factory take as `--opt_betas` / `--opt_eps`: the two
 * words after the betas flag are β1 and β2, the eps flag is ε (roles/vocabulary.ts).
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const launch = (betas: string, eps: string): string => [
  'srun -p video --ntasks=16 \\',
  '    python run_finetuning.py \\',
  '    --batch_size 24 \\',
  '    --lr 5e-4 \\',
  '    --opt adamw \\',
  `    ${betas} 0.9 0.98 \\`,
  `    ${eps} 1e-6 \\`,
  '    --weight_decay 0.05',
].join('\n');

test.each([
  ['--opt_betas', '--opt_eps'],
  ['--opt-betas', '--opt-eps'],
])('%s gives beta1 and beta2 on its line, %s the epsilon', (betas, eps) => {
  const hp = extract(launch(betas, eps), 'finetune.sh').optimizers[0]?.hyperparameters;
  expect([hp?.beta1?.value, hp?.beta1?.line]).toEqual([0.9, 6]);
  expect([hp?.beta2?.value, hp?.beta2?.line]).toEqual([0.98, 6]);
  expect([hp?.eps?.value, hp?.eps?.line]).toEqual([1e-6, 7]);
  expect(hp?.lr?.value).toBe(5e-4);
});

test('an argparse default of None for the betas is no value', () => {
  const text = [
    'import argparse',
    'parser = argparse.ArgumentParser()',
    "parser.add_argument('--opt-betas', default=None, type=float, nargs='+')",
    "parser.add_argument('--opt-eps', default=None, type=float)",
    "parser.add_argument('--lr', default=1e-3, type=float)",
  ].join('\n');
  const hp = extract(text, 'train.py').optimizers[0]?.hyperparameters;
  expect(hp?.beta1).toBeUndefined();
  expect(hp?.eps).toBeUndefined();
  expect(hp?.lr?.value).toBe(1e-3);
});
