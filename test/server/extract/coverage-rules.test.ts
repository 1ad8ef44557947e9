/**
 * General rules found by the coverage bench (bench/coverage.bench.ts) on real configs nobody annotated: each test is
 * a small made-up text in the style the rule follows, never one of the bench's files.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('an optimizer variable with a number or a model letter names its optimizer', () => {
  test('`optimizer2 = Muon(...)` beside `optimizer1 = AdamW(...)` is Muon, with its own values at their lines', () => {
    const text = [
      'from torch.optim import AdamW',
      'optimizer1 = AdamW(head.parameters(), lr=0.008, betas=(0.8, 0.95), eps=1e-10)',
      'optimizer2 = Muon(blocks.parameters(),',
      '                  lr=0.05, momentum=0.95)',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(x.optimizers.map((o) => o.name)).toEqual(['torch.optim.AdamW', 'Muon']);
    expect(x.optimizers[1]).toMatchObject({ kind: 'muon', line: 3 });
    expect(value(x, 'lr', 1)).toMatchObject({ value: 0.05, line: 4 });
    expect(value(x, 'momentum', 1)).toMatchObject({ value: 0.95, line: 4 });
  });

  test('a class the file defines (`optimizer2 = MuonSq(...)`) is reported under its own name, not "not named"', () => {
    const x = extract('def main():\n    optimizer2 = MuonSq(params, lr=0.1, weight_decay=0.0125)\n', 'train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'MuonSq', kind: null, line: 2 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.0125, line: 2 });
  });

  test("a GAN's `optimizerD = SomeOpt(...)` is an optimizer block; a plain number under such a name is no name", () => {
    const x = extract('optimizerD = SomeOpt(netD.parameters(), lr=0.0002)\n', 'gan.py');
    expect(x.optimizers[0]).toMatchObject({ name: 'SomeOpt', line: 1 });
    expect(value(x, 'lr')).toMatchObject({ value: 0.0002, line: 1 });
    const number = extract('opt1 = 3\nlr = 0.1\n', 'x.py');
    expect(number.optimizers.every((o) => o.name !== '3')).toBe(true);
  });
});

describe('a file of recipe functions: each recipe is its own configuration', () => {
  const recipe = (name: string, seq: number, extra: string[] = []): string[] =>
    [`def ${name}() -> ConfigContainer:`, '    cfg = _pretrain_common()', `    cfg.model.seq_length = ${seq}`, ...extra,
      '    return cfg', '', ''];

  test("a recipe writing only its model's sequence length keeps it, never lends it to another recipe", () => {
    const text = [
      ...recipe('small_config', 4096),
      ...recipe('mid_config', 2048),
      ...recipe('large_config', 8192, ['    cfg.train.global_batch_size = 1024', '    cfg.optimizer.lr = 3.0e-4']),
    ].join('\n');
    const x = extract(text, 'recipes.py');
    const seqs = x.optimizers.map((o) => [o.hyperparameters.seqLen?.value, o.hyperparameters.seqLen?.line]);
    expect(seqs).toEqual(expect.arrayContaining([[4096, 3], [2048, 9], [8192, 15]]));
    expect(x.optimizers).toHaveLength(3);
    const large = x.optimizers.find((o) => o.hyperparameters.lr !== undefined);
    expect(large?.hyperparameters.seqLen).toMatchObject({ value: 8192, line: 15 });
  });

  test('forty recipes with a branch each are all read, none lending its values to another', () => {
    const text = Array.from({ length: 40 }, (_, i) => [
      `def recipe_${i}(peft: str = "lora") -> ConfigContainer:`,
      '    cfg = _peft_common()',
      `    cfg.train.global_batch_size = ${i + 1}`,
      '    if cfg.model.context_parallel_size > 1:',
      '        cfg.model.calculate_per_token_loss = True',
      '    return cfg',
      '',
    ].join('\n')).join('\n');
    const x = extract(text, 'recipes.py');
    const batches = x.optimizers.map((o) => o.hyperparameters.globalBatchSize?.value);
    expect(new Set(batches).size).toBe(40);
  });
});

test("big_vision's evaluators (`config.evals.<name>.batch_size`) are evaluation settings, never the training batch", () => {
  const text = [
    'def get_config():',
    '  config = ml_collections.ConfigDict()',
    '  config.input = {}',
    '  config.input.batch_size = 4096',
    "  config.optax_name = 'scale_by_adam'",
    '  config.lr = 0.001',
    '  config.evals = {}',
    '  config.evals.save_pred = dict(type="save_predictions", batch_size=512, log_steps=10_000)',
    '  return config',
  ].join('\n');
  const x = extract(text, 'big_vision/configs/x.py');
  expect(x.optimizers).toHaveLength(1);
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 4096, line: 4 });
  expect(value(x, 'microBatchSize')?.source).not.toBe('written');
});

describe("a torch.optim call's parameter groups: a group's own value wins over the call's keyword", () => {
  const text = (call: string): string => [
    'import torch',
    'no_decay = ["bias", "LayerNorm.weight"]',
    'groups = [',
    '    {"params": [p for n, p in model.named_parameters() if not any(nd in n for nd in no_decay)],',
    '     "weight_decay": 0.003},',
    '    {"params": [p for n, p in model.named_parameters() if any(nd in n for nd in no_decay)],',
    '     "weight_decay": 0.0},',
    ']',
    call,
    '',
  ].join('\n');

  test('`AdamW(params=groups, weight_decay=2e-4)`: every group sets λ, so the call\'s 2e-4 is never used', () => {
    const x = extract(text('optimizer = torch.optim.AdamW(params=groups, lr=2e-5, weight_decay=2e-4)'), 'train.py');
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.003, line: 5 });
    expect(value(x, 'lr')).toMatchObject({ value: 2e-5, line: 9 });
  });

  test('the groups passed first (`AdamW(groups, ...)`) read the same', () => {
    const x = extract(text('optimizer = torch.optim.AdamW(groups, lr=2e-5, weight_decay=2e-4)'), 'train.py');
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.003, line: 5 });
  });
});

describe('a Python conditional expression (`A if test else B`)', () => {
  const config = (lines: string[], head: string[] = []): string =>
    ['def get_config(arg=None):', ...head, '  config = ml_collections.ConfigDict()', '  config.input = {}',
      "  config.optax_name = 'scale_by_adam'", ...lines, '  return config', ''].join('\n');

  test('a test the run decides: the first arm is read, the other is a run of its own at its literal', () => {
    const x = extract(config(['  config.input.batch_size = 8 * 1024 if not arg.runlocal else 8',
      '  config.lr = 0.001']), 'big_vision/configs/x.py');
    expect(value(x, 'globalBatchSize', 0)).toMatchObject({ value: 8192, line: 5, raw: '8 * 1024' });
    const other = x.optimizers.find((o) => o.hyperparameters.globalBatchSize?.value === 8);
    expect(other?.hyperparameters.globalBatchSize).toMatchObject({ line: 5, raw: '8' });
    expect(other?.hyperparameters.lr).toMatchObject({ value: 0.001, line: 6 });
    expect(x.findings.find((f) => f.code === 'value-depends-on-branch')).toMatchObject({ line: 5 });
  });

  test('in a config function, a test the file decides (`runlocal=False` given to parse_arg) predicts from the arm that ' +
    'runs, and the other arm is still a run of its own, as an `if` statement\'s arms there are', () => {
    const x = extract(config(['  config.input.batch_size = 8 if arg.runlocal else 4096', '  config.lr = 0.001'],
      ['  arg = bvcc.parse_arg(arg, runlocal=False)']), 'big_vision/configs/x.py');
    expect(x.optimizers).toHaveLength(2);
    expect(value(x, 'globalBatchSize', 0)).toMatchObject({ value: 4096, line: 6, raw: '4096' });
    expect(value(x, 'globalBatchSize', 1)).toMatchObject({ value: 8, line: 6, raw: '8' });
    expect(x.findings.find((f) => f.code === 'value-depends-on-branch')?.message).toMatch(/the arm the file selects/);
  });

  test('outside a config function, a test the file decides reads only the arm that runs', () => {
    const text = ['import torch', 'debug = False', 'batch_size = 8 if debug else 256',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)', ''].join('\n');
    const x = extract(text, 'train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(x.findings.some((f) => f.code === 'value-depends-on-branch')).toBe(false);
    expect(JSON.stringify(x.optimizers)).not.toMatch(/"raw":"8"/);
  });

  test('in a function returning what it builds, a test on a module constant (not its parameter) is the file\'s own, ' +
    'read as the arm that runs', () => {
    const text = ['import torch', 'DEBUG = False', 'def build_optimizer(model):',
      '    wd = 0.1 if not DEBUG else 0.0', '    lr = 3e-4 if not DEBUG else 1.0',
      '    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd, betas=(0.9, 0.95))', ''].join('\n');
    const x = extract(text, 'build_opt.py');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 5 });
    expect(x.findings.some((f) => f.code === 'value-depends-on-branch')).toBe(false);
    // A test on the function's own parameter is left to its caller: both arms are runs.
    const own = text.replace('def build_optimizer(model):', 'def build_optimizer(model, DEBUG=False):');
    expect(extract(own, 'build_opt.py').optimizers.length).toBeGreaterThan(1);
  });

  test('an arm left unset (`128 if on_tpu else None`) is no value of the run', () => {
    const x = extract(config(['  config.lr = 0.001', '  config.max_seq_len = 128 if arg.on_tpu else None']),
      'configs/x.py');
    expect(value(x, 'seqLen')).toBeUndefined();
  });
});

test("a config function's branch that writes only a run value is the main configuration with it, not an unnamed one",
  () => {
    const text = [
      'def get_config(arg=None):',
      '  config = ml_collections.ConfigDict()',
      "  config.optax_name = 'scale_by_adam'",
      '  config.lr = 0.001',
      '  config.num_train_steps = 1000',
      '  if arg.debug:',
      '    config.num_train_steps = 10',
      '  return config',
    ].join('\n');
    const x = extract(text, 'configs/x.py');
    expect(x.optimizers).toHaveLength(2);
    const debug = x.optimizers[1];
    expect(debug).toMatchObject({ name: 'scale_by_adam', line: 3 });
    expect(debug?.hyperparameters.steps).toMatchObject({ value: 10, line: 7 });
    expect(debug?.hyperparameters.lr).toMatchObject({ value: 0.001, line: 4 });
    expect(debug?.appliesTo).toMatch(/branch `if arg.debug`/);
  });

test("a script's parsed options named `opt` are no optimizer block: their numbers get no unrecognized-setting hint", () => {
  const text = [
    'import argparse, random',
    'import torch.optim as optim',
    'parser = argparse.ArgumentParser()',
    'parser.add_argument("--lr", type=float, default=0.0002)',
    'opt = parser.parse_args()',
    'opt.manualSeed = random.randint(1, 10000)',
    'opt.img_size = 640',
    'optimizerD = optim.Adam(netD.parameters(), lr=opt.lr, betas=(0.5, 0.999), foo=3)',
  ].join('\n');
  const x = extract(text, 'main.py');
  const hinted = x.findings.filter((f) => f.code === 'unrecognized-hyperparameter').map((f) => f.line);
  expect(hinted).toEqual([8]);
  expect(value(x, 'lr')).toMatchObject({ value: 0.0002, line: 4 });
});

test('the no-decay parameter group (`weight_decay: 0.0` for biases and norms) is not said to be a dropped phase', () => {
  const text = [
    'import torch',
    'groups = [',
    '    {"params": decay_params, "weight_decay": 0.003},',
    '    {"params": no_decay_params, "weight_decay": 0.0},',
    ']',
    'optimizer = torch.optim.AdamW(groups, lr=2e-5)',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.003, line: 3 });
  expect(x.findings.some((f) => f.code === 'phase-not-predicted')).toBe(false);
});

test("the no-decay group's 0 is never read as the optimizer's λ, however the list reaches the optimizer", () => {
  const text = [
    'import torch',
    'def configure_optimizers(model, weight_decay, learning_rate):',
    '    optim_groups = [',
    "        {'params': decay_params, 'weight_decay': weight_decay},",
    "        {'params': nodecay_params, 'weight_decay': 0.0},",
    '    ]',
    '    optimizer = torch.optim.AdamW(optim_groups, lr=learning_rate, betas=(0.9, 0.95))',
    '    optimizer.add_param_group(optim_groups[1])',
    '    return optimizer',
  ].join('\n');
  const x = extract(text, 'train_gpt2.py');
  for (const o of x.optimizers) expect(o.hyperparameters.weightDecay?.line).not.toBe(5);
});

test('a decay length or share in an optimizer block is said to be the decay, not an unknown setting', () => {
  const x = extract(['optimizer:', '  lr: 3.0e-4', '  lr_decay_steps: 9000', '  decay_ratio: 0.2', ''].join('\n'),
    'x.yaml');
  expect(x.findings.filter((f) => f.code === 'unrecognized-hyperparameter')).toEqual([]);
  const hints = x.findings.filter((f) => f.code === 'not-a-hyperparameter');
  expect(hints.map((f) => f.line)).toEqual([3, 4]);
  expect(hints[0]?.message).toContain('length of the learning-rate decay');
  expect(value(x, 'steps')?.source).not.toBe('written');
});
