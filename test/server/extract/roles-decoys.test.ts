/**
 * Role inference (roles.test.ts), continued: decoys are refused, Python values found by role, and the rules found
 * on the development configs.
 */
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

describe('decoys are refused', () => {
  test("a schedule's milestones under a step word are not the run length, and not an invalid value", () => {
    const x = extract(['solver:', '  steps: (210000, 250000)', '  max_iter: 270000', ''].join('\n'), 'x.yaml');
    expect(value(x, 'steps')).toMatchObject({ value: 270000, line: 3 });
    expect(findings(x, 'invalid-value')).toEqual([]);
    const bad = extract(['solver:', '  max_iter: 270,000', ''].join('\n'), 'x.yaml');
    expect(findings(bad, 'invalid-value')).toHaveLength(1);
  });
  test('a yacs child config that overrides only the schedule is detectron2, its milestones no error', () => {
    const text = ['_BASE_: "../Base-RCNN-FPN.yaml"', 'SOLVER:', '  STEPS: (210000, 250000)', '  MAX_ITER: 270000'];
    const x = extract(text.join('\n'), 'faster_rcnn_R_50_FPN_3x.yaml');
    expect(x.ecosystem).toBe('detectron2');
    expect(value(x, 'steps')).toMatchObject({ value: 270000, line: 4, source: 'written' });
    expect(findings(x, 'invalid-value')).toEqual([]);
  });
  test("DPO's beta, a norm's eps, an evaluation batch and a profiler's warmup are not the optimizer's", () => {
    const text =
      [
        'beta: 0.1',
        'learning_rate: 5e-7',
        'model:',
        '  layer_norm_eps: 1e-5',
        '  norm:',
        '    eps: 1e-6',
        'eval:',
        '  batch_size: 64',
        'profiler:',
        '  warmup_steps: 3',
      ].join('\n') + '\n';
    const x = extract(text, 'x.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 5e-7 });
    for (const name of ['beta1', 'beta2', 'eps', 'microBatchSize', 'warmupSteps'] as const)
      expect(value(x, name), name).toBeUndefined();
  });
  test("numbers in an optimizer block that no role claims are hints; a scheduler's floor is named", () => {
    const x = extract(
      ['optimizer:', '  type: AdamW', '  lr: 1e-3', '  adam_b2_decay: 0.95', '  min_lr: 1e-5', '  nesterov: 1'].join(
        '\n',
      ) + '\n',
      'x.yaml',
    );
    const [unknown] = findings(x, 'unrecognized-hyperparameter');
    expect(unknown).toMatchObject({ severity: 'hint', line: 4 });
    expect(unknown?.message).toContain('β1 or β2');
    expect(findings(x, 'not-a-hyperparameter')[0]).toMatchObject({ line: 5 });
    expect(findings(x, 'unrecognized-hyperparameter')).toHaveLength(1);
  });
  test("a schedule's floor and a norm layer's ε in an optimizer block are named, never read", () => {
    const x = extract(
      [
        'optimizer:',
        '  lr: 3.0e-4',
        '  min_decay_lr: 1.0e-5',
        '  normalization_layer_epsilon: 1.0e-6',
        '  rms_norm_epsilon: 1.0e-5',
        '  lr_warmup_init: 1.0e-7',
        '',
      ].join('\n'),
      'x.yaml',
    );
    expect(findings(x, 'not-a-hyperparameter').map((f) => f.line)).toEqual([3, 4, 5, 6]);
    expect(findings(x, 'unrecognized-hyperparameter')).toEqual([]);
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 2 });
    expect(value(x, 'eps')?.source).not.toBe('written');
  });
  test('known optimizer settings outside the roles are silent; look-alikes of λ are named', () => {
    const lamb = extract(
      JSON.stringify({
        optimizer: {
          type: 'OneBitLamb',
          params: { lr: 1e-3, max_coeff: 0.3, min_coeff: 0.01, coeff_beta: 0.9, factor_max: 4.0, var_freeze_step: 9 },
        },
      }),
      'ds_config.json',
    );
    expect(findings(lamb, 'unrecognized-hyperparameter')).toEqual([]);
    const adafactor = extract(
      ['optimizer:', '  name: adafactor', '  learning_rate: 1.0', '  decay_rate: 0.8', '  step_offset: 0'].join('\n'),
      'x.yaml',
    );
    expect(findings(adafactor, 'unrecognized-hyperparameter')).toEqual([]);
    const [decay] = findings(adafactor, 'not-a-hyperparameter');
    expect(decay).toMatchObject({ line: 4 });
    expect(decay?.message).toContain('not the weight decay');
    expect(value(adafactor, 'weightDecay')?.source).not.toBe('written');
    const groups = extract(
      [
        'optim_wrapper = dict(',
        "    optimizer=dict(type='AdamW', lr=1e-3, weight_decay=0.05),",
        "    paramwise_cfg=dict(custom_keys={'.cls_token': dict(decay_mult=0.0)}, norm_decay_mult=0.0,",
        '        layer_decay_rate=0.65), clip_grad=dict(max_norm=5.0))',
      ].join('\n'),
      'cfg.py',
    );
    expect(value(groups, 'weightDecay')).toMatchObject({ value: 0.05, line: 2 });
    expect(findings(groups, 'unrecognized-hyperparameter')).toEqual([]);
    const named = findings(groups, 'not-a-hyperparameter');
    expect(named.map((f) => f.line)).toEqual([3, 3, 4, 4]);
    expect(named[2]?.message).toContain('layer-wise lr decay');
    expect(named[3]?.message).toContain('clipping');
  });
});

describe('Python', () => {
  test('keyword arguments of any training config call, and attribute configs', () => {
    const text =
      [
        'from trl import GRPOConfig',
        'args = GRPOConfig(learning_rate=1e-6, per_device_train_batch_size=2, ' +
          'gradient_accumulation_steps=8, max_steps=500)',
      ].join('\n') + '\n';
    const x = extract(text, 'train_grpo.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-6, line: 2 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 8, line: 2 });
    const attrs = extract(
      [
        'config = ml_collections.ConfigDict()',
        'config.optim = ml_collections.ConfigDict()',
        'config.optim.lr = 5e-4',
        'config.optim.b2 = 0.95',
        'config.batch_size = 256',
      ].join('\n') + '\n',
      'cfg.py',
    );
    expect(value(attrs, 'lr')).toMatchObject({ value: 5e-4, line: 3 });
    expect(value(attrs, 'beta2')).toMatchObject({ value: 0.95, line: 4 });
    expect(value(attrs, 'microBatchSize')).toMatchObject({ value: 256, line: 5 });
  });
});

test('every written value says how it was found', () => {
  const x = extract(
    '{"optimizer": {"type": "AdamW", "params": {"lr": 1e-4}}, "train_micro_batch_size_per_gpu": 4, ' +
      '"my_block": {"learning_rate_peak": 1}}',
    'ds_config.json',
  );
  for (const v of Object.values(x.optimizers[0]?.hyperparameters ?? {})) {
    if (v?.source === 'written') expect(v.via?.keyPath, v.key ?? '').toBeTruthy();
  }
  expect(value(x, 'lr')?.via).toMatchObject({ rule: 'table', confidence: 'high' });
});

describe('rules found on the development configs', () => {
  test('a LinearLR rising from start_factor < 1 is the warmup; one that decays is not', () => {
    const up =
      [
        'policy:',
        '  optimizer:',
        '    name: torch.optim.AdamW',
        '    kwargs:',
        '      lr: 1e-6',
        '  scheduler:',
        '    - name: torch.optim.lr_scheduler.LinearLR',
        '      kwargs:',
        '        start_factor: 0.1',
        '        end_factor: 1.0',
        '        total_iters: 20',
      ].join('\n') + '\n';
    expect(value(extract(up, 'dpo.yaml'), 'warmupSteps')).toMatchObject({ value: 20, line: 11 });
    expect(
      value(
        extract(
          up.replace('start_factor: 0.1', 'start_factor: 1.0').replace('end_factor: 1.0', 'end_factor: 0.1'),
          'dpo.yaml',
        ),
        'warmupSteps',
      ),
    ).toBeUndefined();
  });
  test('an evaluation word in a compound name is a decoy (`EVAL_BATCH_SIZE`, `eval_dataloader`)', () => {
    const x = extract(
      [
        'EVAL_BATCH_SIZE = 32',
        'loader = DataLoader(ds, batch_size=EVAL_BATCH_SIZE)',
        'opt = torch.optim.AdamW(p, lr=2e-5)',
      ].join('\n') + '\n',
      'nlp_example.py',
    );
    expect(value(x, 'microBatchSize')).toBeUndefined();
  });
  test('per-part learning rates are optimizers of their own, ' + 'and say which parameters they update', () => {
    const x = extract(
      [
        'import argparse',
        'p = argparse.ArgumentParser()',
        'p.add_argument("--matrix_lr", type=float, default=0.02)',
        'p.add_argument("--embedding_lr", type=float, default=0.3)',
        'p.add_argument("--min_lr", type=float, default=0.0)',
      ].join('\n') + '\n',
      'base_train.py',
    );
    const lrs = x.optimizers.map((o) => [o.hyperparameters.lr?.value, o.appliesTo]);
    expect(lrs).toEqual(
      expect.arrayContaining([
        [0.02, expect.stringContaining('matrix')],
        [0.3, expect.stringContaining('embedding')],
      ]),
    );
    expect(x.optimizers.some((o) => o.hyperparameters.lr?.value === 0)).toBe(false);
  });
  test('each recipe function of a Python file is a configuration of its own', () => {
    const text =
      [
        'def small():',
        '    cfg = base()',
        '    cfg.train.global_batch_size = 128',
        '    cfg.train.micro_batch_size = 2',
        '    return cfg',
        '',
        'def large():',
        '    cfg = base()',
        '    cfg.train.global_batch_size = 1024',
        '    return cfg',
      ].join('\n') + '\n';
    const x = extract(text, 'recipes.py');
    expect(x.optimizers.map((o) => o.hyperparameters.globalBatchSize?.line)).toEqual([3, 9]);
  });
  test("NeMo's accumulate_grad_batches is a decoy only where the model batches Megatron-style", () => {
    const megatron =
      [
        'trainer:',
        '  accumulate_grad_batches: 1',
        'model:',
        '  micro_batch_size: 4',
        '  global_batch_size: 256',
        '  optim:',
        '    name: fused_adam',
        '    lr: 2e-4',
      ].join('\n') + '\n';
    expect(value(extract(megatron, 'megatron_gpt_config.yaml'), 'gradAccum')?.source).not.toBe('written');
    const asr =
      [
        'trainer:',
        '  accumulate_grad_batches: 4',
        'model:',
        '  train_ds:',
        '    batch_size: 16',
        '  optim:',
        '    name: adamw',
        '    lr: 2.0',
        '    betas: [0.9, 0.98]',
        '    sched:',
        '      name: NoamAnnealing',
      ].join('\n') + '\n';
    expect(value(extract(asr, 'conformer_ctc_bpe.yaml'), 'gradAccum')).toMatchObject({ value: 4, line: 2 });
  });
});

test("a shared --momentum flag is no setting of an AdamW chosen beside it; an SGD's and a block's own still are", () => {
  const script = (opt: string): string => [
    'import argparse',
    'from timm.optim import create_optimizer',
    'parser = argparse.ArgumentParser()',
    `parser.add_argument('--opt', default='${opt}', type=str)`,
    "parser.add_argument('--momentum', type=float, default=0.9, help='SGD momentum (default: 0.9)')",
    "parser.add_argument('--lr', type=float, default=5e-4)",
    'args = parser.parse_args()',
    'optimizer = create_optimizer(args, model)',
    '',
  ].join('\n');
  const adamw = extract(script('adamw'), 'main.py');
  expect(value(adamw, 'momentum')).toBeUndefined();
  expect(value(adamw, 'lr')).toMatchObject({ value: 5e-4, line: 6 });
  expect(value(extract(script('sgd'), 'main.py'), 'momentum')).toMatchObject({ value: 0.9, line: 5 });
  // A yacs config's shared optimizer block (Swin's _C.TRAIN.OPTIMIZER): its MOMENTUM is the SGD branch's.
  const block = (name: string): string => ['from yacs.config import CfgNode as CN', '_C = CN()', '_C.TRAIN = CN()',
    '_C.TRAIN.BASE_LR = 5e-4', '_C.TRAIN.OPTIMIZER = CN()', `_C.TRAIN.OPTIMIZER.NAME = '${name}'`,
    '_C.TRAIN.OPTIMIZER.MOMENTUM = 0.9', ''].join('\n');
  expect(value(extract(block('adamw'), 'config.py'), 'momentum')).toBeUndefined();
  expect(value(extract(block('sgd'), 'config.py'), 'momentum')).toMatchObject({ value: 0.9, line: 7 });
});

test("a β its optimizer's call does not pass is the class's default, whatever a flag for another branch says", () => {
  const script = (adam: string): string => [
    'import argparse, torch',
    'parser = argparse.ArgumentParser()',
    "parser.add_argument('--optimizer', default='adam')",
    "parser.add_argument('--lr', type=float, default=1e-3)",
    "parser.add_argument('--beta1', type=float, default=0.0)",
    'args = parser.parse_args()',
    "if args.optimizer == 'adam':",
    `    optimizer = ${adam}`,
    '',
  ].join('\n');
  const plain = extract(script('torch.optim.Adam(params, lr=args.lr)'), 'train.py');
  expect(value(plain, 'lr')).toMatchObject({ value: 1e-3, line: 4 });
  expect(value(plain, 'beta1')).toMatchObject({ value: 0.9, source: 'default' });
  // The call passes it, or passes what the reader cannot see (`**extra`): the flag may be what it gets.
  const passed = extract(script('torch.optim.Adam(params, lr=args.lr, betas=(args.beta1, 0.999))'), 'train.py');
  expect(value(passed, 'beta1')).toMatchObject({ value: 0, line: 5, source: 'written' });
  const open = extract(script('torch.optim.Adam(params, lr=args.lr, **extra)'), 'train.py');
  expect(value(open, 'beta1')).toMatchObject({ value: 0, line: 5, source: 'written' });
});

test('an optimizer with an invalid written value gets no prediction (no default stands in for it)', () => {
  const bad = analyzeText('optimizer:\n  type: AdamW\n  lr: 1.0e-3\n  betas: [0..97, 0.95]\n', 'x.yaml', {});
  expect(bad.optimizers[0]?.predictions).toBeNull();
  expect(bad.findings.map((f) => f.code)).toContain('invalid-value');
  const good = analyzeText('optimizer:\n  type: AdamW\n  lr: 1.0e-3\n  betas: [0.97, 0.95]\n', 'x.yaml', {});
  expect(good.optimizers[0]?.predictions).not.toBeNull();
});

describe('a per-parameter group override list', () => {
  const config = (extra: string): string => [
    'optimizer = dict(',
    '    type="AdamW",',
    '    lr=2e-4,',
    extra,
    '    group_overrides=[dict(params=["wte.weight"], opts=dict(weight_decay=0.0))],',
    ')',
    '',
  ].join('\n');

  test("its λ is the listed parameters' only, not the optimizer's", () => {
    const x = extract(config(''), 'train_config.py');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, line: 3, source: 'written' });
    expect(value(x, 'weightDecay')?.source).not.toBe('written');
  });

  test("the optimizer's own λ beside it is read", () => {
    const x = extract(config('    weight_decay=0.1,'), 'train_config.py');
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 4, source: 'written' });
  });
});
