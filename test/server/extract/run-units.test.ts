/** nanotron and Levanter tables, and lengths written with a unit (Composer time strings, Levanter's warmup). */
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { applyReplacements, hyperparameterEdit } from '../../../server/edits';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

describe('nanotron', () => {
  const text = [
    'optimizer:',
    '  learning_rate_scheduler:',
    '    learning_rate: 0.0003',
    '    lr_warmup_steps: 2',
    '    lr_decay_style: cosine',
    '  optimizer_factory:',
    '    adam_beta1: 0.9',
    '    adam_beta2: 0.95',
    '    adam_eps: 1e-8',
    '    name: adamW',
    '  weight_decay: 0.01',
    'parallelism:',
    '  dp: 4',
    '  tp: 2',
    'tokens:',
    '  batch_accumulation_per_replica: 2',
    '  micro_batch_size: 3',
    '  sequence_length: 4096',
    '  train_steps: 2000',
    '',
  ].join('\n');
  const x = extract(text, 'config.yaml');
  test('its blocks, and the global batch micro × accumulation × parallelism.dp', () => {
    expect(x.ecosystem).toBe('nanotron');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamW', kind: 'adamw', line: 10, weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 3 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 8 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 24, source: 'derived' });
    expect(x.tokensPerStep?.value).toBe(24 * 4096);
  });
  test('a dot-less exponent reaches dacite as a string, which stops the run', () => {
    expect(findings(x, 'pyyaml-exponent-string')[0]?.severity).toBe('error');
  });
  test('no warmup written: nanotron warms up for 0 steps, with its source', () => {
    const silent = extract(text.replace('    lr_warmup_steps: 2\n', ''), 'config.yaml');
    expect(value(silent, 'warmupSteps')).toMatchObject({ value: 0, source: 'default' });
    expect(value(silent, 'warmupSteps')?.defaultFrom).toContain('huggingface/nanotron@');
  });
});

describe('Levanter', () => {
  const text = (warmup: string): string => [
    'model:',
    '  type: llama',
    '  seq_len: 1024',
    'trainer:',
    '  mp: p=f32,c=bfloat16',
    '  per_device_parallelism: -1',
    '  train_batch_size: 256',
    '  num_train_steps: 20000',
    'optimizer:',
    '  learning_rate: 1.0e-3',
    `  warmup: ${warmup}`,
    '',
  ].join('\n');
  test('the global batch, the run, and AdamConfig defaults with their source', () => {
    const x = extract(text('0.01'), 'llama.yaml');
    expect(x.ecosystem).toBe('levanter');
    expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 7 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
    expect(value(x, 'beta2')?.defaultFrom).toContain('AdamConfig.beta2=0.95');
  });
  test('warmup up to 1 is a fraction of the run, above 1 a step count', () => {
    expect(value(extract(text('0.01'), 'llama.yaml'), 'warmupSteps')).toMatchObject({ value: 200, source: 'derived' });
    expect(value(extract(text('500'), 'llama.yaml'), 'warmupSteps')).toMatchObject({ value: 500, line: 11 });
    expect(value(extract(text('500'), 'llama.yaml'), 'warmupSteps')?.unit).toBeUndefined();
    const noRun = extract(text('0.05').replace('  num_train_steps: 20000\n', ''), 'llama.yaml');
    // The run length is then TrainerConfig's default, so the fraction still becomes steps.
    expect(value(noRun, 'steps')).toMatchObject({ value: 400_000, source: 'default' });
  });
  test("no warmup written: OptimizerConfig's 0.01 of the run, made steps with the run length", () => {
    const x = extract(text('0.01').replace('  warmup: 0.01\n', ''), 'llama.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 200, source: 'derived' });
    expect(value(x, 'warmupSteps')?.derivedFrom).toEqual(['the default warmup fraction', 'steps']);
  });
});

describe('Composer time strings', () => {
  const text = (duration: string, warmup: string): string => [
    'max_seq_len: 2048',
    'global_train_batch_size: 256',
    'device_train_microbatch_size: 16',
    `max_duration: ${duration}`,
    'optimizer:',
    '  name: decoupled_adamw',
    '  lr: 6.0e-4',
    'scheduler:',
    '  name: cosine_with_warmup',
    `  t_warmup: ${warmup}`,
    '  alpha_f: 0.1',
    '',
  ].join('\n');
  test('batches are optimizer steps, read as numbers on their line', () => {
    const x = extract(text('800ba', '100ba'), 'mpt.yaml');
    expect(x.ecosystem).toBe('llm-foundry');
    expect(value(x, 'steps')).toMatchObject({ value: 800, raw: '800ba', line: 4 });
    expect(value(x, 'steps')?.unit).toBeUndefined();
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 100, line: 10 });
  });
  test('dur is a fraction of the run: steps when the run is in batches, else kept as a fraction', () => {
    expect(value(extract(text('800ba', '0.06dur'), 'mpt.yaml'), 'warmupSteps'))
      .toMatchObject({ value: 48, source: 'derived' });
    expect(value(extract(text('1ep', '0.06dur'), 'mpt.yaml'), 'warmupSteps'))
      .toMatchObject({ value: 0.06, unit: 'fraction', line: 10 });
  });
  test('epochs, tokens and samples keep their unit and are never steps', () => {
    expect(value(extract(text('8ep', '100ba'), 'mpt.yaml'), 'steps')).toMatchObject({ value: 8, unit: 'epochs' });
    expect(value(extract(text('2000000tok', '100ba'), 'mpt.yaml'), 'steps'))
      .toMatchObject({ value: 2e6, unit: 'tokens' });
    expect(value(extract(text('5000sp', '100ba'), 'mpt.yaml'), 'steps')).toMatchObject({ value: 5000, unit: 'samples' });
  });
  test('an edit keeps the time string\'s unit; epochs are not rewritten as steps', () => {
    const edit = (src: string, name: 'steps' | 'warmupSteps', to: number) =>
      hyperparameterEdit(analyzeText(src, 'mpt.yaml', {}), src, 0, name, to);
    const src = text('800ba', '0.06dur');
    const steps = edit(src, 'steps', 1000);
    expect('replacements' in steps && applyReplacements(src, steps.replacements)).toBe(src.replace('800ba', '1000ba'));
    // In a run counted in epochs the warmup stays a fraction of the run, and is edited as one.
    const inEpochs = text('1ep', '0.06dur');
    const warmup = edit(inEpochs, 'warmupSteps', 0.1);
    expect('replacements' in warmup && applyReplacements(inEpochs, warmup.replacements))
      .toBe(inEpochs.replace('0.06dur', '0.1dur'));
    expect(edit(text('8ep', '100ba'), 'steps', 1000)).toHaveProperty('message');
  });
});

describe('a scheduler\'s t_warmup outside the Composer and OLMo tables', () => {
  test('a number under a scheduler is a warmup in steps; a t_warmup outside a schedule is none', () => {
    const launch = 'torchrun train.py --train_module.optim.lr=2e-5 --train_module.scheduler.t_warmup=300\n';
    expect(value(extract(launch, 'sft.sh'), 'warmupSteps')).toMatchObject({ value: 300, line: 1, source: 'written' });
    const yaml = 'optimizer:\n  lr: 1.0e-4\nscheduler:\n  name: linear\n  t_warmup: 250\n';
    expect(value(extract(yaml, 'run.yaml'), 'warmupSteps')).toMatchObject({ value: 250, line: 5 });
    const data = 'optimizer:\n  lr: 1.0e-4\nsampler:\n  t_warmup: 50\n';
    expect(value(extract(data, 'run.yaml'), 'warmupSteps')?.source).not.toBe('written');
  });
});

test("OLMo's max_duration with a T suffix is a run length in tokens, scientific notation included", () => {
  const text = 'run_name: tiny\nmodel:\n  d_model: 256\n  n_layers: 2\n  max_sequence_length: 1024\noptimizer:\n' +
    '  name: adamw\n  learning_rate: 4.0e-4\nmax_duration: 2.5e9T\nglobal_train_batch_size: 64\n';
  const x = extract(text, 'tiny.yaml');
  expect(x.ecosystem).toBe('olmo');
  expect(value(x, 'steps')).toMatchObject({ value: 2.5e9, unit: 'tokens', line: 9, raw: '2.5e9T' });
  // A plain integer is still steps.
  expect(value(extract(text.replace('2.5e9T', '1000'), 'tiny.yaml'), 'steps')?.unit).toBeUndefined();
});
