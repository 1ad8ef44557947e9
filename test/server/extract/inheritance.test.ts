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

  test("a detectron2 LazyConfig importing its parent's optimizer: the parent module is named", () => {
    const text = [
      'from detectron2.config import LazyCall as L',
      'from .dino_r50_4scale_12ep import (',
      '    train,',
      '    optimizer,',
      ')',
      'train.max_iter = 90000',
      '',
    ].join('\n');
    const [hint] = findings(extract(text, 'projects/dino/configs/timm_example.py'), CODE);
    expect(hint).toMatchObject({ severity: 'hint', line: 4 });
    expect(hint?.message).toContain('`dino_r50_4scale_12ep`');
    expect(hint?.message).toContain('import of its `optimizer`');
  });

  test("an ml_collections config built from another config's get_config(): the parent module is named", () => {
    const text = [
      'from configs import default as default_lib',
      '',
      'def get_config():',
      '  config = default_lib.get_config()',
      '  config.batch_size = 1024',
      '  return config',
      '',
    ].join('\n');
    const [hint] = findings(extract(text, 'configs/tpu.py'), CODE);
    expect(hint).toMatchObject({ line: 4 });
    expect(hint?.message).toContain('`configs.default`');
    expect(hint?.message).toContain('no optimizer is written here');
  });

  test("a library's optimizer module or a file's own get_config() is no parent", () => {
    const text = [
      'from torch.optim import optimizer',
      'import ml_collections',
      'def base():',
      '  return ml_collections.ConfigDict()',
      'def get_config():',
      '  config = base()',
      '  config.learning_rate = 0.1',
      '  return config',
      'config = get_config()',
      '',
    ].join('\n');
    expect(findings(extract(text, 'configs/default.py'), CODE)).toEqual([]);
  });

  test('no inheritance, or a `defaults` block of numbers, gives no hint', () => {
    expect(findings(extract('optimizer:\n  lr: 1.0e-3\n', 'x.yaml'), CODE)).toEqual([]);
    expect(findings(extract('defaults:\n  lr: 0.1\n  momentum: 0.9\n', 'x.yaml'), CODE)).toEqual([]);
  });
});
