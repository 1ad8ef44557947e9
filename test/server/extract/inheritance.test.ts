/** A config that inherits from files OptLens does not open says so, and names the values shown as defaults. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings } from './helpers';

const CODE = 'inherited-values';

describe('inherited values', () => {
  test("mmengine `_base_`: the parents are named, and the defaults shown in the parents' place", () => {
    const text = [
      '_base_ = [',
      "    '../_base_/models/vit.py', '../_base_/datasets/in1k.py',",
      "    '../_base_/schedules/adamw.py', '../_base_/default_runtime.py',",
      ']',
      "optim_wrapper = dict(optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05))",
    ].join('\n');
    const [hint] = findings(extract(text, 'configs/vit/vit-b.py'), CODE);
    expect(hint).toMatchObject({ severity: 'hint', line: 1 });
    expect(hint?.message).toContain('`../_base_/models/vit.py`, `../_base_/datasets/in1k.py`');
    expect(hint?.message).toContain('and 1 more');
    expect(hint?.message).toContain('ε');
    expect(hint?.message).not.toContain('the learning rate');
  });

  test('detectron2 `_BASE_` with no optimizer written: the optimizer is said to be set there', () => {
    const text = ['_BASE_: "../Base-RCNN-FPN.yaml"', 'MODEL:', '  MASK_ON: False', ''].join('\n');
    const [hint] = findings(extract(text, 'faster_rcnn.yaml'), CODE);
    expect(hint).toMatchObject({ line: 1 });
    expect(hint?.message).toContain('`../Base-RCNN-FPN.yaml`');
    expect(hint?.message).toContain('no optimizer is written here');
  });

  test('a Hydra defaults list names its group choices and skips `_self_`; a NeMo-RL defaults file is named', () => {
    const hydra = ['defaults:', '  - _self_', '  - optim: adamw', 'trainer:', '  max_steps: 100', ''].join('\n');
    expect(findings(extract(hydra, 'train.yaml'), CODE)[0]?.message).toContain('`optim/adamw`');
    const nemo = ['defaults: "grpo_math_1B.yaml"', 'policy:', '  optimizer:', '    kwargs:', '      lr: 1.0e-6'];
    const [hint] = findings(extract(nemo.join('\n'), 'grpo.yaml'), CODE);
    expect(hint?.message).toContain('`grpo_math_1B.yaml`');
  });

  test('gin `include` is inheritance; an `import` is not', () => {
    const gin = ["include 't5x/configs/runs/pretrain.gin'", 'import t5.data.mixtures', 'BATCH_SIZE = 128', ''];
    const [hint] = findings(extract(gin.join('\n'), 'small.gin'), CODE);
    expect(hint).toMatchObject({ line: 1 });
    expect(hint?.message).toContain('`t5x/configs/runs/pretrain.gin`');
    expect(findings(extract(gin.slice(1).join('\n'), 'small.gin'), CODE)).toEqual([]);
  });

  test('no inheritance, or a `defaults` block of numbers, gives no hint', () => {
    expect(findings(extract('optimizer:\n  lr: 1.0e-3\n', 'x.yaml'), CODE)).toEqual([]);
    expect(findings(extract('defaults:\n  lr: 0.1\n  momentum: 0.9\n', 'x.yaml'), CODE)).toEqual([]);
  });
});
