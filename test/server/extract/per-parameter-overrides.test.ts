/** A setting for some parameters only (an override block) is not the optimizer's: its own value stands, with a hint. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

test("detectron2: optimizer.params.overrides' weight decay is one parameter's, not the optimizer's λ", () => {
  const text = [
    'from detectron2.config import LazyCall as L',
    'from detectron2 import model_zoo',
    'train.max_iter = 1000',
    'optimizer = model_zoo.get_config("common/optim.py").AdamW',
    'optimizer.params.overrides = {"pos_embed": {"weight_decay": 0.0}}',
  ].join('\n');
  const x = extract(text, 'configs/vit.py');
  expect(x.ecosystem).toBe('detectron2-lazy');
  // The loaded AdamW's own λ (configs/common/optim.py weight_decay=0.1), not the override's 0.0.
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
  const hint = findings(x, 'not-a-hyperparameter').find((f) => f.line === 5);
  expect(hint?.message).toContain('per-parameter override');
});

test("a YAML optimizer block's overrides keep the block's own λ", () => {
  const text = [
    'optimizer:',
    '  name: adamw',
    '  lr: 1.0e-3',
    '  weight_decay: 0.05',
    '  overrides:',
    '    bias:',
    '      weight_decay: 0.0',
  ].join('\n');
  const x = extract(text, 'train.yaml');
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 4 });
  expect(findings(x, 'not-a-hyperparameter').some((f) => f.line === 7)).toBe(true);
});
