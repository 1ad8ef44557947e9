/** A learning rate given as an optax schedule (server/extract/schedule-factories.ts), in gin and in Python. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

const GIN = [
  'from __gin__ import dynamic_registration',
  'from t5x import optimizers',
  'from t5x import utils',
  'import optax',
  'include "t5x/configs/runs/pretrain.gin"',
  'OPTIMIZER = @optimizers.chain()',
  'optimizers.chain:',
  '  transformations = [@optax.clip(), @optax.adamw()]',
  'optax.clip:',
  '  max_delta = 1.0',
  'optax.adamw:',
  '  learning_rate = @optax.warmup_cosine_decay_schedule()',
  'optax.warmup_cosine_decay_schedule:',
  '  init_value = 0.0',
  '  peak_value = 3e-4',
  '  warmup_steps = 2000',
  '  decay_steps = 50000',
  '  end_value = 0.0',
  '',
].join('\n');

describe('gin: an optax optimizer with a schedule bound as its learning rate', () => {
  test('the optimizer sits at its reference; lr, warmup, length and shape come from the schedule', () => {
    const x = extract(GIN, 'adamw.gin');
    expect(x.ecosystem).toBe('t5x');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'optax.adamw', kind: 'adamw', line: 8 });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, raw: '3e-4', line: 15, source: 'written' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 2000, line: 16 });
    expect(value(x, 'steps')).toMatchObject({ value: 50000, line: 17 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'warmup_cosine_decay_schedule', line: 12 });
    expect(x.scheduleKinds[0]).toBe('cosine');
    // optax's own defaults, not T5X's Adafactor-era scheduler defaults.
    expect(value(x, 'beta2')).toMatchObject({ value: 0.999, source: 'default' });
    expect(findings(x, 'invalid-value')).toHaveLength(0);
  });

  test('a schedule bound in another file leaves the lr unknown: no error, no default in its place', () => {
    const text = GIN.split('\n').slice(0, 12).join('\n');
    const x = extract(text, 'adamw.gin');
    expect(value(x, 'lr')?.runtime).toBeDefined();
    expect(value(x, 'lr')?.source).toBe('written');
    expect(findings(x, 'invalid-value')).toHaveLength(0);
    expect(value(x, 'schedule')).toMatchObject({ value: 'warmup_cosine_decay_schedule', line: 12 });
  });
});

describe('Python: optax schedule factories given as the learning rate', () => {
  test('a falling linear_schedule: lr is its start, the run decays linearly over transition_steps', () => {
    const x = extract([
      'import optax',
      'tx = optax.adamw(learning_rate=optax.linear_schedule(init_value=1e-3, end_value=0.0, transition_steps=5000),',
      '                 weight_decay=0.05)',
    ].join('\n'), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, raw: '1e-3', line: 2 });
    expect(value(x, 'lr')?.runtime).toBeUndefined();
    expect(value(x, 'steps')).toMatchObject({ value: 5000, line: 2 });
    expect(value(x, 'schedule')?.value).toBe('linear_schedule');
    expect(x.scheduleKinds[0]).toBe('linear');
  });

  test('a rising linear_schedule is a warmup to its end value, then held: lr is the end value, shape constant', () => {
    const x = extract([
      'import optax',
      'tx = optax.adam(optax.linear_schedule(0.0, 2e-4, 1000))',
    ].join('\n'), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, raw: '2e-4' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 1000 });
    expect(x.scheduleKinds[0]).toBe('constant');
  });

  test('join_schedules of inline schedules: the peak of the parts, the first part as warmup, the last as shape', () => {
    const x = extract([
      'import optax',
      'sched = optax.join_schedules(',
      '    schedules=[optax.linear_schedule(0.0, 6e-4, 700),',
      '               optax.cosine_decay_schedule(init_value=6e-4, decay_steps=9300)],',
      '    boundaries=[700])',
      'tx = optax.adamw(learning_rate=sched, weight_decay=0.1)',
    ].join('\n'), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 6e-4, line: 3 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 700, line: 3 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'cosine_decay_schedule', line: 4 });
    expect(value(x, 'steps')).toMatchObject({ value: 10000, source: 'derived' });
    expect(x.scheduleKinds[0]).toBe('cosine');
  });

  test('schedules joined by name: read as the file\'s schedule, marked as a likely reading', () => {
    const x = extract([
      'import optax',
      'warm = optax.linear_schedule(init_value=0.0, end_value=6e-4, transition_steps=700)',
      'decay = optax.cosine_decay_schedule(init_value=6e-4, decay_steps=9300, alpha=0.1)',
      'sched = optax.join_schedules([warm, decay], boundaries=[700])',
      'tx = optax.adam(sched)',
    ].join('\n'), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 6e-4, line: 2 });
    expect(value(x, 'lr')?.via?.confidence).toBe('medium');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 700, line: 2 });
    // The run is the last boundary plus the last part's decay, not the decay alone (9300).
    expect(value(x, 'steps')).toMatchObject({ value: 10000, source: 'derived' });
    expect(x.scheduleKinds[0]).toBe('cosine');
  });

  test('a schedule the core does not model (exponential decay) keeps its name and no guessed shape', () => {
    const x = extract([
      'import optax',
      'tx = optax.sgd(optax.exponential_decay(init_value=0.1, transition_steps=1000, decay_rate=0.5), momentum=0.9)',
    ].join('\n'), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 0.1 });
    expect(value(x, 'schedule')?.value).toBe('exponential_decay');
    expect(x.scheduleKinds[0]).toBeNull();
  });
});
