/**
 * HyperPyYAML (SpeechBrain): class tags name the block's builder (`!name:torch.optim.AdamW`), `!ref <key>` reads the
 * literal written at the key, `(0.9, 0.98)` is a tuple.
 */
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { batchWords } from '../../../server/features/hover-facts';
import { extract } from '../../../server/extract';
import { readYaml } from '../../../server/extract/yaml';
import { findings, value } from './helpers';

const HPARAMS = [
  'number_of_epochs: 100',
  'batch_size: 8',
  'grad_accumulation_factor: 4',
  'lr_adam: 0.0008',
  'weight_decay: 0.01',
  'epoch_counter: !new:speechbrain.utils.epoch_loop.EpochCounter',
  '    limit: !ref <number_of_epochs>',
  'noam_annealing: !new:speechbrain.nnet.schedulers.NoamScheduler',
  '    lr_initial: !ref <lr_adam>',
  '    n_warmup_steps: 25000',
  'Adam: !name:torch.optim.AdamW',
  '    lr: !ref <lr_adam>',
  '    betas: (0.9, 0.98)',
  '    eps: 0.000000001',
  '    weight_decay: !ref <weight_decay>',
  '',
].join('\n');

describe('YAML class tags and references', () => {
  test('a class tag is an entry under its block at the class name; a reference reads the literal it names', () => {
    const { entries } = readYaml(HPARAMS);
    const at = (path: string) => entries.find((e) => e.path.join('.') === path);
    expect(at('Adam.!name')).toMatchObject({ value: 'torch.optim.AdamW', raw: 'torch.optim.AdamW' });
    const name = at('Adam.!name');
    expect(name && HPARAMS.slice(name.span.start, name.span.end)).toBe('torch.optim.AdamW');
    expect(at('Adam.lr')).toMatchObject({ value: 0.0008, raw: '0.0008', origin: ['lr_adam'] });
    expect(at('Adam.lr')?.span).toEqual(at('lr_adam')?.span);
  });

  test('a reference with arithmetic, to nothing, or in a cycle is left as written', () => {
    const { entries } = readYaml('a: 2\nb: !ref <a> * 2\nc: !ref <missing>\nd: !ref <e>\ne: !ref <d>\n');
    const at = (key: string) => entries.find((e) => e.path.join('.') === key)?.value;
    expect(at('b')).toBe('<a> * 2');
    expect(at('c')).toBe('<missing>');
    expect(at('d')).toBe('<e>');
  });

  test('SpeechBrain: the tagged optimizer with its referenced values, the tuple betas, the scheduler tag', () => {
    const x = extract(HPARAMS, 'hparams/train.yaml');
    expect(x.ecosystem).toBe('speechbrain');
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.AdamW', line: 11 });
    expect(value(x, 'lr')).toMatchObject({ value: 0.0008, line: 4, source: 'written' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.01, line: 5 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 13 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-9, line: 14 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 3 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 25000, line: 10 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'speechbrain.nnet.schedulers.NoamScheduler', line: 8 });
    // HyperPyYAML resolves `(0.9, 0.98)` as a tuple: no "YAML has no tuples" error here.
    expect(findings(x, 'betas-string')).toHaveLength(0);
  });

  test('an optimizer torch.optim has but OptLens does not model is named, with its values, not dropped', () => {
    const x = extract('lr: 1.0\nopt_class: !name:torch.optim.Adadelta\n    lr: !ref <lr>\n    rho: 0.95\n' +
      'epoch_counter: !new:speechbrain.utils.epoch_loop.EpochCounter\n    limit: 10\n', 'train.yaml');
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.Adadelta', line: 2 });
    expect(value(x, 'lr')).toMatchObject({ value: 1, line: 1 });
  });
});

describe('SpeechBrain batches, run length and referenced lists', () => {
  const recipe = (dynamic: boolean) => [
    'number_of_epochs: 20',
    'optimizer_step_limit: 60000',
    'batch_size: 12',
    'lr: 0.001',
    'betas: [0.9, 0.97]',
    `dynamic_batching: ${dynamic ? 'True' : 'False'}`,
    'max_batch_length_train: 400',
    'dynamic_batch_sampler_train:',
    '    max_batch_length: !ref <max_batch_length_train>',
    '    max_batch_ex: 64',
    'epoch_counter: !new:speechbrain.utils.epoch_loop.EpochCounter',
    '    limit: !ref <number_of_epochs>',
    'opt_class: !name:torch.optim.Adam',
    '    lr: !ref <lr>',
    '    betas: !ref <betas>',
    '',
  ].join('\n');

  test('a reference to a list of scalars is its elements under the referring key; one to a block is left', () => {
    const { entries } = readYaml('b: [0.9, 0.98]\nm: !new:x.Y\n    k: 1\nopt:\n    betas: !ref <b>\n    m: !ref <m>\n');
    const at = (key: string) => entries.find((e) => e.path.join('.') === key);
    expect(at('opt.betas.0')).toMatchObject({ value: 0.9, raw: '0.9', origin: ['b', '0'] });
    expect(at('opt.betas.1')).toMatchObject({ value: 0.98, raw: '0.98', origin: ['b', '1'] });
    expect(at('opt.m')?.value).toBe('<m>');
    expect(at('opt.m.k')).toBeUndefined();
  });

  test('references to nothing cost no list lookup; a list of lists is left as written', () => {
    const missing = Array.from({ length: 100 }, (_, i) => `r${i}: !ref <none${i}>`);
    const text = ['b: [0.9, 0.98]', 'grid: [[1, 2], [3, 4]]', ...missing, 'x: !ref <b>', 'y: !ref <grid>', ''];
    const { entries } = readYaml(text.join('\n'));
    const at = (key: string) => entries.find((e) => e.path.join('.') === key);
    expect(at('x.1')).toMatchObject({ value: 0.98, origin: ['b', '1'] });
    expect(at('y')?.value).toBe('<grid>');
  });

  test('dynamic batching: the batch is the sampler\'s seconds of audio, batch_size is not read', () => {
    const x = extract(recipe(true), 'hparams/train.yaml');
    expect(x.ecosystem).toBe('speechbrain');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 400, line: 7, unit: 'seconds', source: 'written' });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, line: 5 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.97, line: 5 });
    expect(value(x, 'steps')).toMatchObject({ value: 60000, line: 2 });
    // Seconds of audio say nothing of how many samples a step sees: no batch for the theory, not 400 samples.
    const predicted = analyzeText(recipe(true), 'hparams/train.yaml', {}).optimizers[0]?.predictions;
    expect(predicted?.batch).toMatchObject({ size: null, missing: 'uncounted' });
    expect(predicted?.batch && batchWords(predicted.batch)).toMatch(/no sample count follows from \(seconds of audio\)/);
  });

  test('without dynamic batching the batch is batch_size', () => {
    const x = extract(recipe(false), 'hparams/train.yaml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 12, line: 3 });
    expect(value(x, 'microBatchSize')?.unit).toBeUndefined();
  });
});

test('a local tag naming a class on a mapping builds it (`!new`); a tag on a scalar or list, or not a class, does not', () => {
  const text = 'sched:\n  - !StepDecay\n    gamma: 0.5\n  - !Warmup {steps: 10}\nbase: !include common.yaml\n' +
    'ids: !Join [a, b]\nlower: !thing\n  x: 1\n';
  const { entries } = readYaml(text);
  const tags = entries.filter((e) => e.path[e.path.length - 1] === '!new');
  expect(tags.map((e) => [e.path.join('.'), e.value])).toEqual([['sched.0.!new', 'StepDecay'], ['sched.1.!new', 'Warmup']]);
  const step = tags[0];
  expect(step && text.slice(step.span.start, step.span.end)).toBe('StepDecay');
});

test("a tag's class names the block it builds: an optimizer in an optimizer's block, a schedule in a schedule's", () => {
  const text = 'max_steps: 1000\noptimizer: !new:torch.optim.AdamW\n  lr: 0.001\nlr_scheduler:\n  - !WarmupCosine\n' +
    '    warmup_steps: 100\n';
  const x = extract(text, 'train.yaml');
  expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.AdamW', line: 2 });
  expect(value(x, 'schedule')).toMatchObject({ value: 'WarmupCosine', line: 5 });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 100, line: 6 });
});
