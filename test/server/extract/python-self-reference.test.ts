/**
 * An instance that holds itself (`self.datasets = [self]`, a dataset that is its own only subset) is an endless tree
 * of values. Emitting it must visit each container once: when the size estimate took the depth-cut copy for the
 * whole, two such fields made extraction 2^64 calls (a 15-line class hung the server and the CLI).
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

const selfHolding = (fields: number): string => lines(
  'import torch',
  'class Base:',
  '    def __init__(self, resolution):',
  '        self.resolution = resolution',
  'class Minimal(Base):',
  '    def __init__(self, resolution, debug=False):',
  '        super().__init__(resolution)',
  '        self.batch_size = 1',
  ...Array.from({ length: fields }, (_, i) => `        self.part${i} = [self]`),
  '        self.count = 1',
  '    def set_epoch(self, epoch):',
  '        self.current_epoch = epoch',
  'model = Minimal(512)',
  'optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)',
);

describe('an instance that holds itself', () => {
  test.each([1, 2, 8])('with %i fields holding it, the optimizer beside it is still read', (fields) => {
    const optimizer = extract(selfHolding(fields), 'train.py').optimizers[0];
    expect(optimizer?.hyperparameters.lr).toMatchObject({ value: 3e-4, source: 'written', line: fields + 13 });
    expect(optimizer?.hyperparameters.weightDecay).toMatchObject({ value: 0.01, source: 'written' });
  });
});
