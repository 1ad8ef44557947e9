/** A warmup written as `<steps> / <run length>` is that many steps, read at the numerator (fraction-of-run.ts). */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
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
