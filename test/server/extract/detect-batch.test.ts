/** Ecosystem detection (content first, file name as a tiebreak, unsure → generic), batch arithmetic, settings comments,
 * formats. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { detectFormat } from '../../../server/extract/format';
import { readCommentSettings } from '../../../server/extract/settings-comments';
import { value } from './helpers';

describe('ecosystem detection', () => {
  test('content decides, whatever the file is called', () => {
    const ds = '{"train_micro_batch_size_per_gpu": 4, "zero_optimization": {"stage": 3}, "optimizer": {"type": "AdamW", "params": {"lr": 1e-4}}}';
    expect(extract(ds, 'whatever.json')).toMatchObject({ ecosystem: 'deepspeed', ecosystemEvidence: 'content' });
  });

  test('an unrecognised file is generic, says so, and still yields what is unambiguous', () => {
    const text = 'optimizer:\n  type: AdamW\n  lr: 0.001\n  betas: [0.9, 0.98]\nmodel:\n  layer_norm_eps: 1.0e-5\n  dropout: 0.1\n';
    const x = extract(text, 'exp.yaml');
    expect(x).toMatchObject({ ecosystem: 'generic', ecosystemEvidence: 'none' });
    expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', kind: 'adamw' });
    expect(value(x, 'beta2')?.value).toBe(0.98);
    expect(value(x, 'eps')).toBeUndefined();
  });

  test('a file with nothing to read has no optimizer (no defaults invented)', () => {
    expect(extract('[project]\nname = "x"\nversion = "1"\n', 'pyproject.toml').optimizers).toEqual([]);
    expect(extract('', 'empty.yaml').optimizers).toEqual([]);
  });

  test('the file name breaks a tie between close candidates only', () => {
    const text = '{"optimizer": {"type": "Adam", "params": {"lr": 0.001}}, "train_batch_size": 8, "gradient_clipping": 1.0}';
    const x = extract(text, 'configs/ds_config.json');
    expect(x.ecosystem).toBe('deepspeed');
  });

  test('# optlens: ecosystem=... forces a table', () => {
    const x = extract('# optlens: ecosystem=axolotl\nlearning_rate: 0.0001\n', 'x.yaml');
    expect(x.ecosystem).toBe('axolotl');
  });
});

describe('batch arithmetic', () => {
  const HF = 'model_name_or_path: x\noutput_dir: o\nper_device_train_batch_size: 4\ngradient_accumulation_steps: 8\nlr_scheduler_type: cosine\nmax_seq_length: 2048\n';

  test('global = micro × accumulation × world size, marked derived with its inputs', () => {
    const x = extract(HF, 'sft.yaml', { worldSize: 8 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, source: 'derived', derivedFrom: ['microBatchSize', 'gradAccum', 'worldSize'] });
    expect(x.tokensPerStep).toMatchObject({ value: 256 * 2048, source: 'derived' });
  });

  test('without a world size nothing is derived', () => {
    expect(value(extract(HF, 'sft.yaml'), 'globalBatchSize')).toBeUndefined();
  });

  test('a world size written in a comment wins over the option', () => {
    const x = extract(`# optlens: world-size=2 noise-scale=1e5\n${HF}`, 'sft.yaml', { worldSize: 8 });
    expect(value(x, 'globalBatchSize')?.value).toBe(64);
    expect(x.settings).toMatchObject({ worldSize: 2, noiseScale: 1e5 });
  });

  test('Megatron-style: accumulation from global / (micro × data-parallel)', () => {
    const text = 'model:\n  micro_batch_size: 4\n  global_batch_size: 256\n  optim:\n    name: fused_adam\n    lr: 0.0002\nexp_manager: {}\n';
    const x = extract(text, 'nemo.yaml', { worldSize: 16 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, source: 'derived' });
  });

  test('inputs that disagree are not papered over', () => {
    const text = 'model:\n  micro_batch_size: 3\n  global_batch_size: 256\n  optim:\n    name: fused_adam\n    lr: 0.0002\nexp_manager: {}\n';
    expect(value(extract(text, 'nemo.yaml', { worldSize: 16 }), 'gradAccum')).toBeUndefined();
  });

  test('interpolations are followed to the literal', () => {
    const text = 'variables:\n  max_seq_len: 4096\nmax_seq_len: ${variables.max_seq_len}\nglobal_train_batch_size: 64\ndevice_train_microbatch_size: 8\ntrain_loader:\n  name: text\noptimizer:\n  name: decoupled_adamw\n  lr: 0.0006\n';
    expect(value(extract(text, 'mpt.yaml'), 'seqLen')).toMatchObject({ value: 4096, line: 2, key: 'variables.max_seq_len' });
  });
});

describe('settings comments', () => {
  test('known names, malformed values ignored', () => {
    const s = readCommentSettings([{ text: '# optlens: noise-scale=2e6tokens world-size=x params=1.3e9 snr=0.1 bogus=1' }]);
    expect(s.settings).toEqual({ noiseScale: 2e6, noiseScaleUnit: 'tokens', noiseScaleSource: 'comment', params: 1.3e9, snr: 0.1 });
  });
});

describe('formats', () => {
  test.each([
    ['a.yml', '', undefined, 'yaml'],
    ['a.jsonc', '', undefined, 'json'],
    ['train.sh', '', undefined, 'shell'],
    ['config', '{"lr": 1}', undefined, 'json'],
    ['run', '#!/bin/bash\ntorchrun train.py --lr 1e-3\n', undefined, 'shell'],
    ['cfg', 'import torch\nlr = 1e-3\n', undefined, 'python'],
    ['cfg', '[optimizer]\nlr = 1e-3\n', undefined, 'toml'],
    ['a.txt', 'lr: 1', 'yaml', 'yaml'],
  ])('%s', (name, text, languageId, format) => expect(detectFormat(text, name, languageId)).toBe(format));
});

describe('spelling variants of real configs', () => {
  test('gpt-neox hyphenated keys (20B, Pythia configs)', () => {
    const text = '{\n  "pipe-parallel-size": 4,\n  "model-parallel-size": 2,\n  "seq-length": 2048,\n  "optimizer": {"type": "Adam", "params": {"lr": 0.97e-4, "betas": [0.9, 0.95], "eps": 1.0e-8}},\n  "train-iters": 150000,\n  "lr-decay-style": "cosine",\n  "weight-decay": 0.01\n}\n';
    const x = extract(text, '20B.yml');
    expect(x.ecosystem).toBe('gpt-neox');
    expect(value(x, 'steps')).toMatchObject({ value: 150000, key: 'train-iters', line: 6 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.01, key: 'weight-decay' });
  });

  test('Lightning-Hydra template: the optimizer block is found by its _target_', () => {
    const text = 'defaults:\n  - _self_\nmodel:\n  _target_: src.models.mnist_module.MNISTLitModule\n  optimizer:\n    _target_: torch.optim.Adam\n    _partial_: true\n    lr: 0.001\n    weight_decay: 0.0\n  scheduler:\n    _target_: torch.optim.lr_scheduler.ReduceLROnPlateau\n    _partial_: true\n    mode: min\ntrainer:\n  max_epochs: 10\n';
    const x = extract(text, 'configs/model/mnist.yaml');
    expect(x.ecosystem).toBe('hydra');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.Adam', kind: 'adam', line: 6 });
    expect(value(x, 'lr')).toMatchObject({ value: 0.001, key: 'model.optimizer.lr' });
  });
});

test('several optimizers in one file are each reported (Muon for matrices, AdamW for the rest)', () => {
  const text = 'optimizers:\n  - type: Muon\n    lr: 0.02\n    momentum: 0.95\n  - type: AdamW\n    lr: 0.0003\n    betas: [0.9, 0.95]\n    weight_decay: 0.1\n';
  const x = extract(text, 'exp.yaml');
  expect(x.optimizers.map((o) => [o.name, o.kind, o.line])).toEqual([
    ['Muon', 'muon', 2],
    ['AdamW', 'adamw', 5],
  ]);
  expect(value(x, 'momentum', 0)).toMatchObject({ value: 0.95, key: 'optimizers[0].momentum' });
  expect(value(x, 'beta2', 1)).toMatchObject({ value: 0.95, key: 'optimizers[1].betas[1]' });
  expect(value(x, 'lr', 1)?.value).toBe(0.0003);
});
