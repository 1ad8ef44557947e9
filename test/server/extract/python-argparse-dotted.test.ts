/**
 * Dotted argparse options (`--optimizer.lr`, python/idioms.ts `dottedDest`): argparse stores them under the dotted
 * `dest`, the key of a section of the config file the same parser reads (torchtitan-style JobConfig classes), so each
 * is read as that section's key, as the shell reader reads the same flag on a command line.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('a job config class whose parser declares dotted options', () => {
  const module = lines(
    'import argparse',
    'class RunConfig:',
    '    def __init__(self):',
    '        self.parser = argparse.ArgumentParser(description="run config")',
    '        self.parser.add_argument("--opt.name", type=str, default="Lion")',
    '        self.parser.add_argument("--opt.lr", type=float, default=3e-5)',
    '        self.parser.add_argument("--opt.weight_decay", type=float, default=0.2)',
    '        self.parser.add_argument("--schedule.warmup_steps", type=int, default=50)',
    '        self.parser.add_argument("--schedule.min_lr_ratio", type=float, default=0.05)',
    '        self.parser.add_argument("--train.batch_size", type=int, default=12)',
    '        self.parser.add_argument("--train.steps", type=int, default=900)',
    '        self.parser.add_argument("--train.max_norm", type=float, default=0.7)',
    '    def parse(self, argv):',
    '        return self.parser.parse_args(argv)',
  );

  test('reads each option as its section\'s key: the optimizer, its settings and the run', () => {
    const optimizers = extract(module, 'job_config.py').optimizers;
    expect(optimizers.map((o) => [o.name, o.line])).toEqual([['Lion', 5]]);
    const hp = optimizers[0]?.hyperparameters;
    expect(hp?.lr).toMatchObject({ value: 3e-5, line: 6, source: 'written' });
    expect(hp?.weightDecay).toMatchObject({ value: 0.2, line: 7, source: 'written' });
    expect(hp?.warmupSteps).toMatchObject({ value: 50, line: 8, source: 'written' });
    expect(hp?.microBatchSize).toMatchObject({ value: 12, line: 10, source: 'written' });
    expect(hp?.steps).toMatchObject({ value: 900, line: 11, source: 'written' });
  });

  test('a ratio or a clipping norm in those sections is no role', () => {
    const hp = extract(module, 'job_config.py').optimizers[0]?.hyperparameters ?? {};
    const lines9and12 = Object.values(hp).filter((v) => v?.source === 'written' && (v.line === 9 || v.line === 12));
    expect(lines9and12).toEqual([]);
  });

  test('an option without an inner dot stays under its option string', () => {
    const plain = module.replace('"--opt.lr"', '"--lr"');
    expect(extract(plain, 'job_config.py').optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 3e-5, line: 6 });
  });
});
