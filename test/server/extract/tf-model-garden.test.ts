/** The TF Model Garden table: one-of blocks named by `type`, the global batch, and L2 decay written in the loss. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const experiment = (optimizer: string[], losses: string[] = []): string => [
  'runtime:',
  "  distribution_strategy: 'mirrored'",
  'task:',
  '  losses:',
  ...losses,
  '  train_data:',
  '    global_batch_size: 2048',
  '  validation_data:',
  '    global_batch_size: 1024',
  'trainer:',
  '  train_steps: 56160',
  '  optimizer_config:',
  '    optimizer:',
  ...optimizer,
  '    learning_rate:',
  "      type: 'stepwise'",
  '      stepwise:',
  '        boundaries: [18750, 37500]',
  '        values: [0.8, 0.08, 0.008]',
  '    warmup:',
  "      type: 'linear'",
  '      linear:',
  '        warmup_steps: 3125',
  '',
].join('\n');

describe('TF Model Garden', () => {
  test('SGD with the L2 term of the loss: the lr is the first stepwise value, λ is coupled', () => {
    const x = extract(experiment(["      type: 'sgd'", '      sgd:', '        momentum: 0.9'],
      ['    l2_weight_decay: 0.0001', '    label_smoothing: 0.1']), 'imagenet_resnet50_gpu.yaml');
    expect(x.ecosystem).toBe('tf-model-garden');
    expect(x.optimizers[0]).toMatchObject({ name: 'sgd', kind: 'sgd', line: 15, weightDecaySemantics: 'coupled-l2' });
    expect(value(x, 'lr')).toMatchObject({ value: 0.8, line: 22 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.0001, line: 5 });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 17 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 2048, line: 8 });
    expect(value(x, 'steps')).toMatchObject({ value: 56160, line: 12 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 3125, line: 26 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'stepwise', line: 19 });
  });

  test("adamw's own weight_decay_rate is decoupled and wins over the loss's L2; Keras ε 1e-7 by default", () => {
    const x = extract(experiment(['      type: adamw', '      adamw:', '        weight_decay_rate: 0.05'],
      ['    l2_weight_decay: 0.0']), 'vit.yaml');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw', kind: 'adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 16 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-7, source: 'default' });
  });

  test('Adam with the loss L2 is coupled; an optimizer type it cannot model is not called Adam', () => {
    const adam = extract(experiment(['      type: adam'], ['    l2_weight_decay: 0.00005']), 'x.yaml');
    expect(adam.optimizers[0]).toMatchObject({ kind: 'adam', weightDecaySemantics: 'coupled-l2' });
    const lamb = extract(experiment(['      type: lamb', '      lamb:', '        weight_decay_rate: 0.01']), 'x.yaml');
    expect(lamb.optimizers[0]).toMatchObject({ name: 'lamb', kind: null });
  });
});

test("a cosine decay shorter than trainer.train_steps is the schedule's decay horizon", () => {
  const text = ['runtime:', '  distribution_strategy: mirrored', 'task:', '  train_data:', '    global_batch_size: 512',
    'trainer:', '  train_steps: 10000', '  optimizer_config:', '    optimizer:', '      type: adamw',
    '    learning_rate:', '      type: cosine', '      cosine:', '        initial_learning_rate: 0.001',
    '        decay_steps: 8000', ''].join('\n');
  const x = extract(text, 'vit.yaml');
  expect(x.ecosystem).toBe('tf-model-garden');
  expect(x.decayHorizon).toMatchObject({ value: { value: 8000, line: 15 }, after: 'floor' });
});

test('an NLP experiment: polynomial decay from initial_learning_rate, seq_length of the training data', () => {
  const text = ['task:', '  train_data:', '    global_batch_size: 256', '    seq_length: 512', 'trainer:',
    '  train_steps: 1000000', '  optimizer_config:', '    optimizer:', '      type: adamw', '      adamw:',
    '        weight_decay_rate: 0.01', "        exclude_from_weight_decay: ['LayerNorm', 'bias']",
    '    learning_rate:', '      type: polynomial', '      polynomial:', '        initial_learning_rate: 0.0001',
    '        decay_steps: 1000000', ''].join('\n');
  const x = extract(text, 'bert_pretrain.yaml');
  expect(x.ecosystem).toBe('tf-model-garden');
  expect(value(x, 'seqLen')).toMatchObject({ value: 512, line: 4, via: { rule: 'table' } });
  expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 16 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.01, line: 11 });
  expect(x.scheduleKinds[0]).toBe('linear');
});
