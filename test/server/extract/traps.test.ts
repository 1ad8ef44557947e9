/**
 * The extraction traps: each finding where it should be, with its severity for the framework's loader,
 * nothing where it should not be, and fixes that change only the intended literal or key.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { applyOnlyFix, findings, value } from './helpers';

const LLAMAFACTORY = `model_name_or_path: Qwen/Qwen3-4B
stage: sft
finetuning_type: lora
template: qwen3
cutoff_len: 2048
per_device_train_batch_size: 1
gradient_accumulation_steps: 8
learning_rate: 2e-5   # written like the docs
num_train_epochs: 3.0
`;

describe('pyyaml-exponent-string', () => {
  test('plain PyYAML loader: error, fix writes a dotted, signed exponent and nothing else', () => {
    const x = extract(LLAMAFACTORY, 'train.yaml');
    expect(x.ecosystem).toBe('llamafactory');
    const [f] = findings(x, 'pyyaml-exponent-string');
    expect(f?.severity).toBe('error');
    expect(f?.line).toBe(8);
    expect(f?.message).toContain('string');
    const fixed = applyOnlyFix(LLAMAFACTORY, f, '2e-5', '2.0e-5');
    const again = extract(fixed, 'train.yaml');
    expect(findings(again, 'pyyaml-exponent-string')).toEqual([]);
    expect(value(again, 'lr')?.value).toBe(2e-5);
    expect(value(again, 'lr')?.raw).toBe('2.0e-5');
  });

  test('OmegaConf loader: a hint that says the float is fine here', () => {
    const text = 'model:\n  micro_batch_size: 4\n  optim:\n    name: fused_adam\n    lr: 2e-4\nexp_manager:\n  name: x\n';
    const [f] = findings(extract(text, 'megatron_gpt.yaml'), 'pyyaml-exponent-string');
    expect(f?.severity).toBe('hint');
    expect(f?.message).toContain('OmegaConf');
  });

  test('a schema that converts strings: information', () => {
    const text = 'base_model: x\nsequence_len: 2048\nmicro_batch_size: 2\nlearning_rate: 3e-5\nsample_packing: true\n';
    const [f] = findings(extract(text, 'a.yml'), 'pyyaml-exponent-string');
    expect(f?.severity).toBe('information');
  });

  test('unknown framework: a warning on optimizer values only', () => {
    const text = 'optimizer:\n  lr: 1e-3\nmodel:\n  layer_norm_eps: 1e-5\n';
    const x = extract(text, 'x.yaml');
    expect(x.ecosystemEvidence).toBe('none');
    const fs = findings(x, 'pyyaml-exponent-string');
    expect(fs.map((f) => [f.severity, f.line])).toEqual([['warning', 2]]);
  });

  test('a loader that hands strings on: every dot-less exponent is an error, hyperparameter or not', () => {
    const text = '_BASE_: base.yaml\nMODEL:\n  META_ARCHITECTURE: GeneralizedRCNN\nSOLVER:\n  IMS_PER_BATCH: 16\n  BASE_LR: 2e-2\n  GAMMA: 1e-1\n';
    const fs = findings(extract(text, 'rcnn.yaml'), 'pyyaml-exponent-string');
    expect(fs.map((f) => [f.severity, f.line])).toEqual([['error', 6], ['error', 7]]);
  });

  test.each([
    ['quoted', "learning_rate: '2e-5'"],
    ['dotted', 'learning_rate: 2.0e-5'],
    ['decimal', 'learning_rate: 0.00002'],
    ['in a comment', '# learning_rate: 2e-5\nlearning_rate: 0.00002'],
  ])('no finding when %s', (_, line) => {
    const text = LLAMAFACTORY.replace('learning_rate: 2e-5   # written like the docs', line);
    expect(findings(extract(text, 'train.yaml'), 'pyyaml-exponent-string')).toEqual([]);
  });

  test('signless exponents with a dot are strings too (PyYAML needs the sign)', () => {
    const text = LLAMAFACTORY.replace('2e-5   # written like the docs', '1.0e5');
    const [f] = findings(extract(text, 'train.yaml'), 'pyyaml-exponent-string');
    applyOnlyFix(text, f, '1.0e5', '1.0e+5');
  });
});

describe('ignored-key', () => {
  const AXOLOTL = 'base_model: x\nsequence_len: 2048\nmicro_batch_size: 2\noptimizer: adamw_torch\nadam_eps: 1e-6\nlearning_rate: 0.0001\n';

  test('axolotl drops adam_eps: the run uses the default; the fix renames only the key', () => {
    const x = extract(AXOLOTL, 'a.yml');
    const [f] = findings(x, 'ignored-key');
    expect(f?.severity).toBe('warning');
    expect(f?.line).toBe(5);
    expect(f?.message).toContain('adam_epsilon');
    expect(f?.message).toContain('1e-8');
    expect(value(x, 'eps')?.source).toBe('default');
    const fixed = applyOnlyFix(AXOLOTL, f, 'adam_eps', 'adam_epsilon');
    const again = extract(fixed, 'a.yml');
    expect(findings(again, 'ignored-key')).toEqual([]);
    expect(value(again, 'eps')).toMatchObject({ value: 1e-6, source: 'written', key: 'adam_epsilon', line: 5 });
  });

  test('when the real key is written too, its value is the one used and no rename is offered', () => {
    const x = extract(AXOLOTL + 'adam_epsilon: 0.00001\n', 'a.yml');
    const [f] = findings(x, 'ignored-key');
    expect(f?.message).toContain('line 7');
    expect(f?.fixes).toBeUndefined();
  });
});

describe('betas-string', () => {
  test('YAML has no tuples: the fix writes a flow list', () => {
    const text = 'optimizer:\n  _component_: torch.optim.AdamW\n  lr: 0.0001\n  betas: (0.9, 0.999)\nbatch_size: 4\nmax_steps_per_epoch: null\n';
    const x = extract(text, 'tt.yaml');
    const [f] = findings(x, 'betas-string');
    expect(f?.severity).toBe('error');
    expect(value(x, 'beta2')?.value).toBe(0.999);
    const fixed = applyOnlyFix(text, f, '(0.9, 0.999)', '[0.9, 0.999]');
    const again = extract(fixed, 'tt.yaml');
    expect(findings(again, 'betas-string')).toEqual([]);
    expect(value(again, 'beta1')).toMatchObject({ value: 0.9, key: 'optimizer.betas[0]', source: 'written' });
  });

  test('JSON betas as a string; "auto" is left alone', () => {
    const text = '{\n  "train_micro_batch_size_per_gpu": 4,\n  "zero_optimization": {"stage": 2},\n  "optimizer": {"type": "AdamW", "params": {"lr": 1e-4, "betas": "0.9,0.95"}}\n}\n';
    const [f] = findings(extract(text, 'ds_config.json'), 'betas-string');
    applyOnlyFix(text, f, '"0.9,0.95"', '[0.9, 0.95]');
    expect(findings(extract(text.replace('"0.9,0.95"', '"auto"'), 'ds_config.json'), 'betas-string')).toEqual([]);
  });
});

describe('coupled-l2-weight-decay and optimizer-semantics', () => {
  const DS = (params: string) =>
    `{\n  "train_batch_size": 64,\n  "zero_optimization": {"stage": 1},\n  "optimizer": {\n    "type": "Adam",\n    "params": {${params}}\n  }\n}\n`;

  test('DeepSpeed "Adam" runs AdamW: information, no coupled-L2 warning', () => {
    const x = extract(DS('"lr": 1e-3, "weight_decay": 0.01'), 'ds_config.json');
    expect(x.optimizers[0]?.weightDecaySemantics).toBe('lr');
    expect(findings(x, 'optimizer-semantics')[0]?.severity).toBe('information');
    expect(findings(x, 'coupled-l2-weight-decay')).toEqual([]);
  });

  test('adam_w_mode false makes it L2: warning, the fix flips the switch only', () => {
    const text = DS('"lr": 1e-3, "weight_decay": 0.01, "adam_w_mode": false');
    const x = extract(text, 'ds_config.json');
    expect(x.optimizers[0]?.weightDecaySemantics).toBe('coupled-l2');
    const [f] = findings(x, 'coupled-l2-weight-decay');
    expect(f?.severity).toBe('warning');
    const fixed = applyOnlyFix(text, f, 'false', 'true');
    expect(extract(fixed, 'ds_config.json').optimizers[0]?.weightDecaySemantics).toBe('lr');
  });

  test('torch Adam with weight decay in a Hydra config: the fix renames the class', () => {
    const text = 'defaults:\n  - _self_\nmodel:\n  optimizer:\n    _target_: torch.optim.Adam\n    _partial_: true\n    lr: 0.001\n    weight_decay: 0.1\n';
    const x = extract(text, 'train.yaml');
    expect(x.ecosystem).toBe('hydra');
    const [f] = findings(x, 'coupled-l2-weight-decay');
    const fixed = applyOnlyFix(text, f, 'Adam', 'AdamW');
    expect(extract(fixed, 'train.yaml').optimizers[0]?.implementation).toBe('torch.optim.AdamW');
  });

  test('no warning without decay, or for SGD', () => {
    const adam = 'defaults: []\nhydra:\n  run: {dir: .}\noptimizer:\n  _target_: torch.optim.Adam\n  lr: 0.001\n';
    expect(findings(extract(adam, 't.yaml'), 'coupled-l2-weight-decay')).toEqual([]);
    const sgd = 'defaults: []\nhydra:\n  run: {dir: .}\noptimizer:\n  _target_: torch.optim.SGD\n  lr: 0.1\n  weight_decay: 0.0001\n';
    expect(findings(extract(sgd, 't.yaml'), 'coupled-l2-weight-decay')).toEqual([]);
  });
});

// eps-fp16-underflow: test/server/extract/eps-fp16.test.ts (fires only where the optimizer state is fp16).

describe('beta-out-of-range', () => {
  test.each([
    ['1.0', true],
    ['-0.1', true],
    ['0.999', false],
    ['0', false],
  ])('adam_beta2: %s', (raw, bad) => {
    const text = `model_name_or_path: x\nper_device_train_batch_size: 2\noutput_dir: o\nadam_beta2: ${raw}\n`;
    expect(findings(extract(text, 'args.yaml'), 'beta-out-of-range').length).toBe(bad ? 1 : 0);
  });
});

describe('decoys', () => {
  test("DPO's top-level beta is not Adam's", () => {
    const text = 'model_name_or_path: x\nbeta: 0.01\nmax_prompt_length: 512\nmax_length: 1024\nper_device_train_batch_size: 8\nlearning_rate: 5.0e-7\n';
    const x = extract(text, 'dpo.yaml');
    expect(x.ecosystem).toBe('trl');
    expect(value(x, 'beta1')?.source).toBe('default');
  });

  test("a profiler's warmup_steps is not the schedule's", () => {
    const text =
      'optimizer:\n  _component_: torch.optim.AdamW\n  lr: 0.00002\nbatch_size: 2\nmax_steps_per_epoch: null\nprofiler:\n  _component_: torchtune.training.setup_torch_profiler\n  warmup_steps: 3\n';
    const x = extract(text, 'tt.yaml');
    expect(x.ecosystem).toBe('torchtune');
    expect(value(x, 'warmupSteps')?.source).not.toBe('written');
  });

  test('layer-norm eps and numbers in comments are not read', () => {
    const text = 'model:\n  layernorm_epsilon: 1e-5\n  micro_batch_size: 4\n  optim:\n    name: fused_adam\n    lr: 0.0002 # was 1e-4\nexp_manager: {}\n';
    const x = extract(text, 'nemo.yaml');
    expect(value(x, 'eps')?.source).toBe('default');
    expect(value(x, 'lr')?.value).toBe(0.0002);
  });
});

test('the coupled-L2 fix keeps the registry spelling: NeMo `adam` becomes `adamw`', () => {
  const text = 'model:\n  micro_batch_size: 4\n  optim:\n    name: adam\n    lr: 0.0001\n    weight_decay: 0.01\nexp_manager: {}\n';
  const [f] = findings(extract(text, 'nemo.yaml'), 'coupled-l2-weight-decay');
  applyOnlyFix(text, f, 'adam', 'adamw');
});

test('a signed leading-dot number is a PyYAML string too', () => {
  const text = LLAMAFACTORY.replace('learning_rate: 2e-5   # written like the docs', 'learning_rate: 0.0001\nadam_beta1: -.5');
  const [f] = findings(extract(text, 'train.yaml'), 'pyyaml-exponent-string');
  applyOnlyFix(text, f, '-.5', '-0.5');
});
