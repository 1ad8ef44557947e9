/**
 * A parameter annotated with a config class of the file (`def __init__(self, opts: RunOptions)`), given an argument
 * the read cannot know (a command-line library builds it), holds that class's defaults (python/parameters.ts
 * `defaultInstance`): its switches decide the branches, so an optimizer built only when a switch is on is no run's.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { lines } from './python-read';

const script = (annotation: string): string => lines(
  'import dataclasses',
  'import torch',
  '',
  '@dataclasses.dataclass',
  'class RunOptions:',
  '    lr: float = 4e-4',
  '    refine_colors: bool = False',
  '    color_lr: float = 7e-3',
  '',
  'class Engine:',
  `    def __init__(self, opts${annotation}, net):`,
  '        self.opt = torch.optim.AdamW(net.parameters(), lr=opts.lr)',
  '        if opts.refine_colors:',
  '            self.color_opt = torch.optim.SGD(net.colors(), lr=opts.color_lr, momentum=0.5)',
  '',
  'def main(opts):',
  '    Engine(opts, build())',
);

describe('a parameter annotated with a config class of the file', () => {
  test('holds the class defaults: the switched-off optimizer is not read', () => {
    const optimizers = extract(script(': RunOptions'), 'train.py').optimizers;
    expect(optimizers.map((o) => o.name)).not.toContain('torch.optim.SGD');
    expect(optimizers.flatMap((o) => (o.hyperparameters.momentum?.source === 'written' ? [o] : []))).toEqual([]);
    const adamw = optimizers.find((o) => o.name === 'torch.optim.AdamW');
    expect(adamw?.hyperparameters.lr).toMatchObject({ value: 4e-4, line: 6 });
  });

  test('without the annotation, the branch stays a possibility', () => {
    const optimizers = extract(script(''), 'train.py').optimizers;
    expect(optimizers.map((o) => o.name)).toContain('torch.optim.SGD');
  });

  test('an annotation naming no class of the file changes nothing', () => {
    const optimizers = extract(script(': "argparse.Namespace"'), 'train.py').optimizers;
    expect(optimizers.map((o) => o.name)).toContain('torch.optim.SGD');
  });
});
