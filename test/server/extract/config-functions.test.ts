/**
 * ml_collections `get_config()` files (big_vision): the spellings of the global batch, and what branches of the
 * function write.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('big_vision: `config.batch_size` (the configs written before `config.input`) is the global batch', () => {
  const text = [
    'import ml_collections as mlc',
    'def get_config():',
    '  config = mlc.ConfigDict()',
    '  config.batch_size = 4096*4',
    "  config.optax_name = 'big_vision.scale_by_adafactor'",
    '  config.lr = 8e-4',
    '  config.total_steps = 1_000_000',
    '  return config',
    '',
  ].join('\n');
  const x = extract(text, 'train_vit_g.py');
  expect(x.ecosystem).toBe('big-vision');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 16384, line: 4, raw: '4096*4' });
  expect(value(x, 'microBatchSize')?.source).not.toBe('written');
});

test("NeMo 2: a recipe's accumulate_grad_batches, a default or a literal, is not the accumulation, and says so", () => {
  const text = [
    'import nemo_run as run',
    'from nemo import lightning as nl',
    'from nemo.collections.llm.recipes.optim.adam import distributed_fused_adam_with_cosine_annealing',
    'def pretrain_recipe(',
    '    max_steps: int = 300000,',
    '    accumulate_grad_batches: int = 1,',
    '    global_batch_size=32,',
    '    micro_batch_size=2,',
    '    max_lr=3e-4,',
    ') -> run.Partial:',
    '    return run.Partial(',
    '        pretrain,',
    '        trainer=run.Config(nl.Trainer, max_steps=max_steps, accumulate_grad_batches=accumulate_grad_batches),',
    '        data=run.Config(MockDataModule, global_batch_size=global_batch_size, micro_batch_size=micro_batch_size),',
    '        optim=distributed_fused_adam_with_cosine_annealing(max_lr=max_lr),',
    '    )',
    '',
  ].join('\n');
  const x = extract(text, 'qwen25_7b.py');
  expect(x.ecosystem).toBe('nemo2');
  expect(value(x, 'gradAccum')?.source).not.toBe('written');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 32, line: 7 });
  const hint = x.findings.filter((f) => f.code === 'not-a-hyperparameter' && f.line === 6);
  expect(hint).toHaveLength(1);
  expect(hint[0]?.message).toMatch(/= 1 is not read as the gradient accumulation: Megatron models derive accumulation/);
});

describe('big_vision: a branch of get_config() is an alternative configuration, the main one stays first', () => {
  const text = [
    'import big_vision.configs.common as bvcc',
    'def get_config(arg=None):',
    "  config = bvcc.parse_arg(arg, mode='')",
    '  config.total_epochs = 200',
    '  config.input = dict()',
    '  config.input.batch_size = 1024',
    "  config.optax_name = 'scale_by_adam'",
    '  config.optax = dict(b2=0.95)',
    '  config.lr = 3e-4',
    "  config.schedule = dict(decay_type='cosine', warmup_steps=100)",
    "  if config.mode == 'runlocal':",
    '    del config.total_epochs',
    '    config.total_steps = 200',
    '    config.input.batch_size = 32',
    '  return config',
    '',
  ].join('\n');
  const x = extract(text, 'imagenet64.py');

  test("the main configuration keeps its own values and takes none of the branch's", () => {
    expect(x.optimizers[0]?.appliesTo).toBeUndefined();
    expect(value(x, 'globalBatchSize', 0)).toMatchObject({ value: 1024, line: 6 });
    expect(value(x, 'steps', 0)).toBeUndefined();
  });

  test('the branch is the same optimizer with the values it writes, saying where it is', () => {
    expect(x.optimizers).toHaveLength(2);
    const alt = x.optimizers[1];
    expect(alt?.name).toBe('scale_by_adam');
    expect(alt?.appliesTo).toMatch(/^the branch `if config.mode == 'runlocal'` of get_config\(\) at line 11, an alt/);
    expect(value(x, 'steps', 1)).toMatchObject({ value: 200, line: 13 });
    expect(value(x, 'globalBatchSize', 1)).toMatchObject({ value: 32, line: 14 });
    expect(value(x, 'lr', 1)).toMatchObject({ value: 3e-4, line: 9 });
    expect(value(x, 'beta2', 1)).toMatchObject({ value: 0.95, line: 8 });
    // The batch the table reads as the global batch is not read a second time as the per-device batch.
    expect(value(x, 'microBatchSize', 1)?.source).not.toBe('written');
  });

  test('a branch that writes no training value adds nothing', () => {
    const y = extract(text.replace('    config.total_steps = 200\n    config.input.batch_size = 32\n',
      '    config.input.shuffle_buffer_size = 10\n'), 'imagenet64.py');
    expect(y.optimizers).toHaveLength(1);
  });
});

describe("a config's lazy reference to its own fields (`cfg.ref.x`)", () => {
  const text = [
    'from kauldron import konfig',
    'with konfig.imports():',
    '  import optax',
    '',
    'def get_config():',
    '  cfg = kd.train.Trainer()',
    '  cfg.num_train_steps = 20_000',
    '  cfg.schedules = {',
    '      "learning_rate": optax.warmup_cosine_decay_schedule(',
    '          init_value=0.0,',
    '          peak_value=1e-3,',
    '          warmup_steps=500,',
    '          decay_steps=cfg.ref.num_train_steps,',
    '      )',
    '  }',
    '  cfg.optimizer = optax.adamw(learning_rate=cfg.ref.schedules["learning_rate"], weight_decay=0.05)',
    '  return cfg',
    '',
  ].join('\n');

  test('the optimizer given `cfg.ref.schedules["learning_rate"]` peaks at that schedule\'s peak_value', () => {
    const x = extract(text, 'my_experiment.py');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 11, source: 'written' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 12 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 16 });
  });

  test('a field named `ref` is read as written', () => {
    const own = 'cfg = dict(ref=dict(lr=0.5), lr=0.1)\noptimizer = torch.optim.SGD(params, lr=cfg.ref.lr)\n';
    const x = extract(own, 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 0.5, line: 1 });
  });
});

describe('a defaults function with a branch per model family', () => {
  const text = [
    'def get_default_params(model_name):',
    '    if "big" in model_name:',
    '        return {"lr": 2.0e-4, "beta1": 0.9, "beta2": 0.95, "eps": 1.0e-5}',
    '    else:',
    '        return {"lr": 6.0e-4, "beta1": 0.9, "beta2": 0.99, "eps": 3.0e-8}',
    '',
  ].join('\n');

  test('each branch keeps the ε it writes, not only the branch role inference read first', () => {
    const runs = extract(text, 'params.py').optimizers.map((o) => o.hyperparameters);
    const at = (line: number): (typeof runs)[number] | undefined => runs.find((hp) => hp.lr?.line === line);
    expect(at(3)?.eps).toMatchObject({ value: 1e-5, line: 3, source: 'written' });
    expect(at(5)?.eps).toMatchObject({ value: 3e-8, line: 5, source: 'written' });
    expect(at(5)?.beta2).toMatchObject({ value: 0.99, line: 5 });
  });
});
