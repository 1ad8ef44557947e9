/** A warmup written as `<steps> / <run length>` is that many steps, read at the numerator (fraction-of-run.ts). */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { stepsOverRunLength } from '../../../server/extract/fraction-of-run';
import { lines } from './python-read';
import { value } from './helpers';

const config = (warmup: string): string => [
  'from detectron2.config import LazyCall as L',
  'from detectron2.solver import WarmupParamScheduler',
  'from fvcore.common.param_scheduler import MultiStepParamScheduler',
  'from detectron2 import model_zoo',
  'optimizer = model_zoo.get_config("common/optim.py").AdamW',
  'train = model_zoo.get_config("common/train.py").train',
  'train.max_iter = 184375',
  'lr_multiplier = L(WarmupParamScheduler)(',
  '    scheduler=L(MultiStepParamScheduler)(values=[1.0, 0.1], milestones=[163889], num_updates=train.max_iter),',
  `    warmup_length=${warmup},`,
  '    warmup_factor=0.001,',
  ')',
].join('\n');

test('detectron2 warmup_length = 250 / train.max_iter is 250 steps, at the literal 250', () => {
  const text = config('250 / train.max_iter');
  const x = extract(text, 'configs/mask_rcnn.py');
  expect(x.ecosystem).toBe('detectron2-lazy');
  const w = value(x, 'warmupSteps');
  expect(w).toMatchObject({ value: 250, raw: '250', line: 10, source: 'written' });
  expect(w?.unit).toBeUndefined();
  expect(text.slice(w?.span?.start, w?.span?.end)).toBe('250');
});

test('a fraction whose denominator is not the run length stays a share of the run', () => {
  const x = extract(config('1 / 100'), 'configs/imagenet.py');
  const w = value(x, 'warmupSteps');
  expect(w?.raw).not.toBe('1');
  expect(w?.source === 'derived' || w?.unit === 'fraction').toBe(true);
});

describe('a warmup fraction written as steps over the run length', () => {
  test.each([
    ['300 / train.max_iter', 300],
    ['1_000 / total_steps', 1000],
    ['40 / cfg.num_training_steps', 40],
  ])('%s is %d steps', (expression, steps) => {
    expect(stepsOverRunLength(expression)?.value).toBe(steps);
  });

  test.each(['0.05', '5 / num_epochs', '300 / batch_size', 'warmup / max_iter'])('%s is not', (expression) => {
    expect(stepsOverRunLength(expression)).toBeNull();
  });

  test('a LazyConfig whose run length is computed reads the warmup in steps, at its literal', () => {
    const lazy = lines(
      'from detectron2.config import LazyCall as L',
      'from detectron2.solver import WarmupParamScheduler',
      'from fvcore.common.param_scheduler import CosineParamScheduler',
      'from ..common.train import train',
      'from ..common.optim import SGD as optimizer',
      'train.max_iter = schedule_iters(64)',
      'optimizer.lr = 0.02',
      'lr_multiplier = L(WarmupParamScheduler)(',
      '    scheduler=L(CosineParamScheduler)(start_value=1.0, end_value=0.0),',
      '    warmup_length=300 / train.max_iter,',
      ')',
    );
    const hp = extract(lazy, 'lazy.py').optimizers[0]?.hyperparameters;
    expect(hp?.warmupSteps).toMatchObject({ value: 300, raw: '300', line: 10, source: 'written' });
    expect(hp?.warmupSteps?.unit).toBeUndefined();
  });
});
