/** OpenNMT-py: its flat option YAML, the optimizers build_torch_optimizer makes, batches in tokens or sentences. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

const transformer = (extra = ''): string => [
  'save_checkpoint_steps: 10000',
  'train_steps: 200000',
  'valid_steps: 10000',
  'warmup_steps: 8000',
  'encoder_type: transformer',
  'decoder_type: transformer',
  'hidden_size: 512',
  'accum_count: [2]',
  'optim: adam',
  'adam_beta1: 0.9',
  'adam_beta2: 0.998',
  'decay_method: noam',
  'learning_rate: 2.0',
  'batch_size: 4096',
  'batch_type: tokens',
  'world_size: 4',
  extra,
].join('\n');

describe('OpenNMT-py', () => {
  const x = extract(transformer(), 'config-transformer.yml');

  test('recognised from its options, each value at its line', () => {
    expect(x.ecosystem).toBe('opennmt');
    expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adam', implementation: 'torch.optim.Adam', line: 9 });
    // learning_rate is noam's scale: its peak is derived (below); the literal is where the finding is.
    expect(findings(x, 'lr-is-a-schedule-scale')[0]).toMatchObject({ line: 13 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.998, line: 11 });
    expect(value(x, 'steps')).toMatchObject({ value: 200000, line: 2 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 8000, line: 4 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'noam', line: 12 });
    expect(x.scheduleKinds[0]).toBe('inverse-sqrt');
  });
  test('accum_count is a list: its first value, at its line', () => {
    expect(value(x, 'gradAccum')).toMatchObject({ value: 2, line: 8 });
    expect(value(extract(transformer().replace('[2]', '4'), 'c.yml'), 'gradAccum')).toMatchObject({ value: 4 });
  });
  test('batch_type: tokens counts the batch in tokens; the global batch is derived in tokens with world_size', () => {
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 4096, unit: 'tokens', line: 14 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 4096 * 2 * 4, unit: 'tokens', source: 'derived' });
    const sents = extract(transformer().replace('batch_type: tokens', 'batch_type: sents'), 'c.yml');
    expect(value(sents, 'microBatchSize')?.unit).toBeUndefined();
    expect(value(sents, 'globalBatchSize')).toMatchObject({ value: 4096 * 2 * 4, source: 'derived' });
  });
  test('Adam as build_torch_optimizer makes it: ε 1e-8 and no weight decay, with their source', () => {
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0, source: 'default' });
    expect(value(x, 'weightDecay')?.defaultFrom).toContain('onmt/utils/optimizers.py');
  });
  test('opts.py defaults where the file is silent; SGD when no optim is written', () => {
    const bare = extract('encoder_type: brnn\ndecoder_type: rnn\nsave_model: m\nvalid_steps: 100\nbatch_size: 16\n', 'c.yml');
    expect(bare.ecosystem).toBe('opennmt');
    expect(bare.optimizers[0]).toMatchObject({ name: 'sgd', kind: 'sgd' });
    expect(value(bare, 'lr')).toMatchObject({ value: 1, source: 'default' });
    expect(value(bare, 'steps')).toMatchObject({ value: 100000, source: 'default' });
    expect(value(bare, 'momentum')).toMatchObject({ value: 0, source: 'default' });
  });
  test('Adagrad is shown, not predicted, and gets no Adam defaults', () => {
    const ada = extract(transformer().replace('optim: adam', 'optim: adagrad'), 'c.yml');
    expect(ada.optimizers[0]).toMatchObject({ kind: null, implementation: 'torch.optim.Adagrad' });
    expect(value(ada, 'eps')).toBeUndefined();
  });
  test('a dot-less exponent works (argparse converts it) but is told', () => {
    const exp = extract(transformer().replace('adam_beta2: 0.998', 'adam_beta2: 998e-3'), 'c.yml');
    expect(findings(exp, 'pyyaml-exponent-string')[0]?.severity).toBe('information');
  });
});

describe('OpenNMT-py: noam and rsqrt read learning_rate as a scale', () => {
  test('noam: the peak lr is derived from learning_rate, hidden_size and warmup_steps, and the arithmetic is told', () => {
    const x = extract(transformer(), 'c.yml');
    const peak = 2.0 * 512 ** -0.5 * 8000 ** -0.5;
    expect(value(x, 'lr')).toMatchObject({ source: 'derived', derivedFrom: ['learning_rate', 'hidden_size', 'warmup_steps'] });
    expect(value(x, 'lr')?.value).toBeCloseTo(peak, 12);
    const told = findings(x, 'lr-is-a-schedule-scale');
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ severity: 'information', line: 13 });
    expect(told[0]?.message).toContain('2.0 × 512^-0.5 × 8000^-0.5 = 0.000988');
  });
  test('noam without hidden_size: the written lr is kept, and a warning says the peak is unknown', () => {
    const x = extract(transformer().replace('hidden_size: 512\n', ''), 'c.yml');
    expect(value(x, 'lr')).toMatchObject({ value: 2, line: 12, source: 'written' });
    expect(findings(x, 'lr-is-a-schedule-scale')[0]).toMatchObject({ severity: 'warning', line: 12 });
  });
  test('rsqrt: learning_rate × warmup_steps^-0.5, with opts.py\'s warmup default where unwritten', () => {
    const rsqrt = transformer().replace('decay_method: noam', 'decay_method: rsqrt').replace('warmup_steps: 8000\n', '');
    expect(value(extract(rsqrt, 'c.yml'), 'lr')?.value).toBeCloseTo(2.0 * 4000 ** -0.5, 12);
  });
  test('no decay_method: the written lr is the lr', () => {
    const none = extract(transformer().replace('decay_method: noam\n', ''), 'c.yml');
    expect(value(none, 'lr')).toMatchObject({ value: 2, source: 'written' });
    expect(findings(none, 'lr-is-a-schedule-scale')).toHaveLength(0);
  });
});
