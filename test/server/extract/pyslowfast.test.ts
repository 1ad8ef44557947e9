/** The PySlowFast table (ecosystems/pyslowfast.ts): yacs SOLVER/TRAIN keys in YAML and in the defaults module. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('an experiment YAML: the method, the epochs, the warmup in epochs and the batch over every GPU', () => {
  const text = ['TRAIN:', '  BATCH_SIZE: 32', 'SOLVER:', '  BASE_LR: 0.05', '  LR_POLICY: cosine', '  MAX_EPOCH: 40',
    '  MOMENTUM: 0.9', '  WEIGHT_DECAY: 5e-5', '  WARMUP_EPOCHS: 2.5', '  WARMUP_START_LR: 0.001',
    '  OPTIMIZING_METHOD: sgd', 'TEST:', '  BATCH_SIZE: 8', 'NUM_GPUS: 4', ''].join('\n');
  const x = extract(text, 'MVIT_B.yaml');
  expect(x.ecosystem).toBe('pyslowfast');
  expect(x.optimizers[0]).toMatchObject({ name: 'sgd', line: 11 });
  expect(value(x, 'lr')).toMatchObject({ value: 0.05, line: 4 });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 32, line: 2 });
  expect(value(x, 'steps')).toMatchObject({ value: 40, line: 6, unit: 'epochs' });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 2.5, line: 9, unit: 'epochs' });
  expect(value(x, 'schedule')).toMatchObject({ value: 'cosine', line: 5 });
  expect(x.scheduleKinds[0]).toBe('cosine');
});

test("the defaults module's betas reach Adam only; an SGD run's are not read, an adamw run's are", () => {
  const sgd = '_C = CfgNode()\n_C.SOLVER = CfgNode()\n_C.SOLVER.BASE_LR = 0.1\n_C.SOLVER.OPTIMIZING_METHOD = "sgd"\n' +
    '_C.SOLVER.MAX_EPOCH = 300\n_C.SOLVER.BETAS = (0.9, 0.999)\n';
  const x = extract(sgd, 'defaults.py');
  expect(x.ecosystem).toBe('pyslowfast');
  expect(x.optimizers[0]).toMatchObject({ name: 'sgd', line: 4 });
  expect(value(x, 'beta1')?.source).not.toBe('written');
  // Each element is named for its own role in the hint.
  const hints = x.findings.filter((f) => f.code === 'not-a-hyperparameter' && f.line === 6).map((f) => f.message);
  expect(hints.some((m) => m.includes('BETAS[1]`') && m.includes('not read as β2'))).toBe(true);
  expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 3 });
  const adamw = extract(sgd.replace('"sgd"', '"adamw"'), 'defaults.py');
  expect(value(adamw, 'beta2')).toMatchObject({ value: 0.999, line: 6 });
});
