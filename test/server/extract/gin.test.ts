/** The gin reader (server/extract/gin.ts) and the T5X table: bindings, blocks, macros, scopes, references. */
import { describe, expect, test } from 'vitest';
import { extract, readEntries } from '../../../server/extract';
import { value } from './helpers';

const T5X = [
  'from __gin__ import dynamic_registration',
  'from t5x import adafactor',
  'from t5x import utils',
  'include "t5x/configs/runs/finetune.gin"',
  '',
  'BATCH_SIZE = 128  # global',
  'TRAIN_STEPS = 5_000',
  'OPTIMIZER = @adafactor.Adafactor()',
  'train/utils.DatasetConfig:',
  '  batch_size = %BATCH_SIZE',
  '  pack = True',
  'train_eval/utils.DatasetConfig:',
  '  batch_size = 64',
  'trainer.Trainer.num_microbatches = 2',
  'utils.create_learning_rate_scheduler:',
  "  factors = 'constant'",
  '  base_learning_rate = 0.001',
  '  warmup_steps = 1000',
  'adafactor.Adafactor:',
  '  decay_rate = 0.8',
  '  beta1 = (0.9,',
  '           )',
  '',
].join('\n');

describe('gin reader', () => {
  test('the format comes from the extension; entries keep their scope, selector and literal', () => {
    const { format, entries } = readEntries(T5X, 'finetune.gin');
    expect(format).toBe('gin');
    const batch = entries.find((e) => e.path.join('.') === 'train.utils.DatasetConfig.batch_size');
    // Read through the macro: the literal and its span are the macro's, where an edit must go.
    expect(batch).toMatchObject({ value: 128, raw: '128', origin: ['train/utils', 'DatasetConfig', 'batch_size'] });
    expect(T5X.slice(batch?.span.start, batch?.span.end)).toBe('128');
    expect(entries.find((e) => e.path.join('.') === 'TRAIN_STEPS')?.value).toBe(5000);
    expect(entries.find((e) => e.path.join('.') === 'OPTIMIZER')?.value).toBe('adafactor.Adafactor');
    expect(entries.find((e) => e.path.join('.') === 'adafactor.Adafactor.beta1.0')?.value).toBe(0.9);
    expect(entries.filter((e) => e.path[0] === 'import').map((e) => e.value)).toContain('t5x.adafactor');
  });

  test('a line that is neither a binding nor a block is a read error, and reading goes on', () => {
    const { entries } = readEntries('lr = 0.1\nthis is not gin\nsteps = 10\n', 'x.gin');
    expect(entries.map((e) => e.path.join('.'))).toEqual(['lr', 'steps']);
    expect(extract('lr = 0.1\nthis is not gin\n', 'x.gin').readErrors[0]).toMatchObject({ line: 2 });
  });
});

test('T5X: global batch, microbatches, steps, warmup, schedule and the Adafactor configurable', () => {
  const x = extract(T5X, 'finetune.gin');
  expect(x).toMatchObject({ format: 'gin', ecosystem: 't5x', ecosystemEvidence: 'content' });
  // Placed where the configurable is chosen (`OPTIMIZER = @adafactor.Adafactor()`), not at its bindings block.
  expect(x.optimizers[0]).toMatchObject({ name: 'adafactor.Adafactor', kind: null, line: 8 });
  expect(value(x, 'globalBatchSize')).toMatchObject({
    value: 128,
    line: 6,
    key: 'train/utils.DatasetConfig.batch_size',
  });
  expect(value(x, 'gradAccum')).toMatchObject({ value: 2, line: 14 });
  expect(value(x, 'steps')).toMatchObject({ value: 5000, line: 7 });
  expect(value(x, 'lr')).toMatchObject({ value: 0.001, line: 17 });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 1000, line: 18 });
  expect(value(x, 'schedule')).toMatchObject({ value: 'constant', line: 16 });
  expect(x.scheduleKinds[0]).toBe('constant');
  // The evaluation dataset's batch is not the training batch.
  expect(value(x, 'microBatchSize')).toBeUndefined();
});

test('a function that trains and evaluates (`train_eval.lr`) holds training settings; a scope of that name does not', () => {
  const text = [
    'train_eval.learning_rate = 1e-3',
    'train_eval.batch_size = 64',
    'train_eval.num_iterations = 20000',
    'train_eval/data.Loader.batch_size = 16',
    'infer_eval/data.Loader.batch_size = 8',
    '',
  ].join('\n');
  const x = extract(text, 'agent.gin');
  expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 1 });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 2 });
  expect(value(x, 'steps')).toMatchObject({ value: 20000, line: 3 });
  // A scope names one instance (the loader of the evaluation during training): its batch is no training batch.
  const scoped = extract('train_eval/data.Loader.batch_size = 16\nlearning_rate = 0.1\n', 'eval.gin');
  expect(value(scoped, 'microBatchSize')).toBeUndefined();
});

test('Mesh TensorFlow: a product schedule, the batch as a (method, value) pair, lengths in a dict, a continued line', () => {
  const text = [
    'import mesh_tensorflow.optimize',
    'import mesh_tensorflow.transformer.learning_rate_schedules',
    'AdafactorOptimizer.beta1 = 0.0',
    'AdafactorOptimizer.epsilon1 = 1e-30',
    'learning_rate_schedules.constant.value = 0.5',
    'learning_rate_schedules.product_learning_rate.offset = 0',
    "run.batch_size = ('tokens_per_batch', 65536)",
    'run.learning_rate_schedule = \\',
    '    [@learning_rate_schedules.truncated_rsqrt,',
    '     @learning_rate_schedules.constant]',
    'run.optimizer = @optimize.AdafactorOptimizer',
    "run.sequence_length = {'inputs': 512, 'targets': 114}",
    'run.train_steps = 524288',
    'truncated_rsqrt.warmup_steps = 10000.0',
    '',
  ].join('\n');
  const x = extract(text, 'operative_config.gin');
  expect(x.ecosystem).toBe('mesh-tensorflow');
  // The configurable is chosen where the run references it, however the reference qualifies its name.
  expect(x.optimizers[0]).toMatchObject({ name: 'AdafactorOptimizer', line: 11 });
  expect(value(x, 'lr')).toMatchObject({ value: 0.5, line: 5 });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 65536, line: 7, unit: 'tokens' });
  expect(value(x, 'seqLen')).toMatchObject({ value: 114, line: 12 });
  // Named by the function the reference names (schedule-names.ts); the raw keeps the reference as written.
  expect(value(x, 'schedule')).toMatchObject({ value: 'truncated_rsqrt', raw: '@learning_rate_schedules.truncated_rsqrt',
    line: 9 });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 10000, line: 14 });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-30, line: 4 });
  // Per replica, the pair is the micro-batch, in sequences here.
  const perReplica = extract(text.replace("('tokens_per_batch', 65536)", "('sequences_per_replica', 8)"), 'o.gin');
  expect(value(perReplica, 'microBatchSize')).toMatchObject({ value: 8, line: 7 });
  expect(value(perReplica, 'globalBatchSize')?.source).not.toBe('written');
});

test("a configurable's name written with its module is a function, never a part's learning rate", () => {
  const x = extract('learning_rate_schedules.product_learning_rate.offset = 0\nlearning_rate = 0.1\n', 'lr.gin');
  expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 2 });
  expect(x.optimizers.flatMap((o) => (o.hyperparameters.lr ? [o.hyperparameters.lr.line] : []))).toEqual([2]);
});

test('gin scopes are parts of one configurable; its unscoped bindings apply to every scope that does not bind them', () => {
  const text = 'encoder/AdamOptimizer.learning_rate = 3e-4\ndecoder/AdamOptimizer.learning_rate = 1e-3\n' +
    'AdamOptimizer.beta1 = 0.8\ndecoder/AdamOptimizer.beta1 = 0.95\ntrain.batch_size = 256\n';
  const x = extract(text, 'parts.gin');
  expect(x.optimizers).toHaveLength(2);
  const [encoder, decoder] = x.optimizers;
  expect(encoder?.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 1 });
  expect(encoder?.hyperparameters.beta1).toMatchObject({ value: 0.8, line: 3 });
  expect(decoder?.hyperparameters.lr).toMatchObject({ value: 1e-3, line: 2 });
  // The scope's own binding wins over the unscoped one.
  expect(decoder?.hyperparameters.beta1).toMatchObject({ value: 0.95, line: 4 });
});

test('Mesh TensorFlow: a linear warmup written as a fraction of the run, and the older one-binding schedules', () => {
  const base = 'import mesh_tensorflow.transformer.learning_rate_schedules\nrun.train_steps = 1000\n';
  const warm = extract(`${base}run.learning_rate_schedule = [@learning_rate_schedules.linear_warmup]\n` +
    'learning_rate_schedules.linear_warmup.steps_or_fraction = 0.05\nconstant.value = 0.01\n', 'w.gin');
  expect(warm.ecosystem).toBe('mesh-tensorflow');
  expect(value(warm, 'warmupSteps')).toMatchObject({ value: 50, source: 'derived' });
  expect(value(warm, 'lr')).toMatchObject({ value: 0.01, line: 5 });
  const noam = extract(`${base}run.learning_rate_schedule = @learning_rate_schedules.learning_rate_schedule_noam\n` +
    'learning_rate_schedule_noam.warmup_steps = 4000\nlearning_rate_schedule_noam.multiplier = 2.0\n', 'n.gin');
  expect(value(noam, 'warmupSteps')).toMatchObject({ value: 4000, line: 4 });
  expect(value(noam, 'lr')).toMatchObject({ value: 2, line: 5 });
});
