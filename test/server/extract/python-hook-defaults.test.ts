/**
 * A hook the training framework calls with no arguments (Lightning's `configure_optimizers`) builds the optimizer from
 * its parameters' defaults: those literals are the optimizer's values, at their lines (python/instances.ts
 * NO_ARGUMENT_HOOKS). Another method's defaults stay unread: its callers pass what it gets.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

function read(text: string, role: 'lr' | 'eps' | 'weightDecay'): [unknown, number | null] | null {
  const v = extract(text, 'module.py').optimizers[0]?.hyperparameters[role];
  return v?.source === 'written' ? [v.value, v.line] : null;
}

test("configure_optimizers' parameter defaults are the optimizer's values", () => {
  const text = lines(
    'import torch',
    'import pytorch_lightning as pl',
    'class Folder(pl.LightningModule):',
    '    def configure_optimizers(self, base_lr: float = 5e-4, adam_eps: float = 1e-6, wd=0.02):',
    '        return torch.optim.AdamW(self.parameters(), lr=base_lr, eps=adam_eps, weight_decay=wd)',
  );
  expect(read(text, 'lr')).toEqual([5e-4, 4]);
  expect(read(text, 'eps')).toEqual([1e-6, 4]);
  expect(read(text, 'weightDecay')).toEqual([0.02, 4]);
});

test("another method's defaults are its callers' to replace, not read", () => {
  const text = lines(
    'import torch',
    'class Helper:',
    '    def make(self, base_lr=0.3):',
    '        return torch.optim.SGD(self.params, lr=base_lr)',
  );
  expect(read(text, 'lr')).not.toEqual([0.3, 3]);
});
