/** The Keras table: optimizer classes and compile strings with Keras' own defaults (ε 1e-7, AdamW λ 0.004). */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

test('model.compile(optimizer="adam") is Keras Adam with its defaults, not torch\'s', () => {
  const text = [
    'from tensorflow import keras',
    'model = keras.Sequential([keras.layers.Dense(10)])',
    'batch_size = 128',
    'model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])',
    'model.fit(x_train, y_train, batch_size=batch_size, epochs=15, validation_split=0.1)',
    '',
  ].join('\n');
  const x = extract(text, 'configs/mnist_convnet.py');
  expect(x.ecosystem).toBe('keras');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adam', line: 4, weightDecaySemantics: 'lr' });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-7, source: 'default' });
  expect(value(x, 'lr')).toMatchObject({ value: 1e-3, source: 'default' });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 128, line: 3 });
});

test('keras.optimizers.AdamW(...) reads its keywords; unwritten λ is Keras\' 0.004', () => {
  const text = [
    'import keras',
    'opt = keras.optimizers.AdamW(learning_rate=3e-4, beta_2=0.98)',
    'sgd = keras.optimizers.SGD(0.1, momentum=0.9)',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(x.ecosystem).toBe('keras');
  expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', line: 2 });
  expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 2 });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 2 });
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0.004, source: 'default' });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-7, source: 'default' });
  expect(x.optimizers[1]).toMatchObject({ kind: 'sgd', line: 3 });
  expect(value(x, 'lr', 1)).toMatchObject({ value: 0.1, line: 3 });
  expect(value(x, 'momentum', 1)).toMatchObject({ value: 0.9, line: 3 });
});

test('a compile string Keras has but OptLens does not model is not called Adam', () => {
  const x = extract('import keras\nmodel.compile(optimizer="rmsprop", loss="mse")\n', 'train.py');
  expect(x.optimizers[0]).toMatchObject({ name: 'rmsprop', kind: null });
});

test("a schedule object given as the learning rate: its peak is the lr, not the schedule's class name", () => {
  const text = [
    'import keras',
    'a = keras.optimizers.Adam(keras.optimizers.schedules.ExponentialDecay(0.01, decay_steps=1000, decay_rate=0.9))',
    'b = keras.optimizers.AdamW(learning_rate=keras.optimizers.schedules.CosineDecay(',
    '    1e-4, decay_steps=10000, warmup_target=1e-3, warmup_steps=500))',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(value(x, 'lr', 0)).toMatchObject({ value: 0.01, line: 2 });
  expect(value(x, 'lr', 1)).toMatchObject({ value: 1e-3, line: 4 });
  expect(findings(x, 'invalid-value')).toEqual([]);
});

test('`import tensorflow as tf` is Keras through its calls: tf.keras.optimizers.Adam is not torch\'s coupled Adam', () => {
  const text = [
    'import tensorflow as tf',
    'model = tf.keras.Sequential([tf.keras.layers.Dense(10)])',
    'model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=3e-4), loss="mse")',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(x.ecosystem).toBe('keras');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ kind: 'adam', implementation: 'keras.optimizers.Adam', weightDecaySemantics: 'lr' });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-7, source: 'default' });
});

test('a schedule bound to a name and given positionally is the lr; CosineDecay warms up to warmup_target', () => {
  const named = extract([
    'import keras',
    'steps_per_epoch = len(x_train) // 192',
    'lr = keras.optimizers.schedules.ExponentialDecay(0.01, steps_per_epoch, 0.6)',
    'optimizer = keras.optimizers.Adam(lr)',
    '',
  ].join('\n'), 'train.py');
  expect(value(named, 'lr')).toMatchObject({ value: 0.01, line: 3, source: 'written' });
  expect(value(named, 'schedule')).toMatchObject({ value: 'ExponentialDecay', line: 3 });
  const warm = extract([
    'import keras',
    'sched = keras.optimizers.schedules.CosineDecay(',
    '    0.0, decay_steps=9000, warmup_target=1e-3, warmup_steps=1000)',
    'opt = keras.optimizers.AdamW(learning_rate=sched, weight_decay=0.05)',
    '',
  ].join('\n'), 'train.py');
  expect(value(warm, 'lr')).toMatchObject({ value: 1e-3, line: 3 });
  expect(value(warm, 'warmupSteps')).toMatchObject({ value: 1000, line: 3 });
  // decay_steps counts the decay after the warmup only: not the run's length.
  expect(value(warm, 'steps')).toBeUndefined();
  expect(value(warm, 'schedule')).toMatchObject({ value: 'CosineDecay', line: 2 });
});

test('a torch.optim class in a script that also uses Keras is torch\'s, with torch\'s ε, not Keras\' Adam', () => {
  const x = extract([
    'import os',
    'os.environ["KERAS_BACKEND"] = "torch"',
    'import torch',
    'import torch.optim as optim',
    'import keras',
    'learning_rate = 0.01',
    'model = keras.Sequential([keras.layers.Dense(10)])',
    'optimizer = optim.Adam(model.parameters(), lr=learning_rate)',
    '',
  ].join('\n'), 'demo.py');
  expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.Adam', kind: 'adam' });
  expect(x.optimizers[0]?.implementation).not.toMatch(/keras/);
  expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
});
