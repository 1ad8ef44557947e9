/** A learning rate written as a schedule with its start value (`lin_7.3e-4`), and values a framework may parse. */
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { extract } from '../../../server/extract';
import { lrScheduleString } from '../../../server/extract/lr-schedule-strings';
import { findings, value } from './helpers';

describe('a schedule word and its start value under an lr key', () => {
  test.each([
    ['lin_7.3e-4', 'lin', 7.3e-4],
    ['LIN_3e-4', 'LIN', 3e-4],
    ['cosine:1e-3', 'cosine', 1e-3],
    ['constant_2.5e-4', 'constant', 2.5e-4],
  ])('`%s` is the schedule %s from %s', (text, schedule, start) => {
    expect(lrScheduleString(text)).toEqual({ schedule, start });
  });
  test.each(['adam_1e-3', 'run_3', 'lin_', 'lin_1e-3_2', '7.3e-4', 'lin_abc'])('`%s` is no schedule string', (text) => {
    expect(lrScheduleString(text)).toBeNull();
  });

  test('an agent zoo file: each agent reads the start lr and its schedule, with no invalid-value error', () => {
    const text = [
      'Hopper:',
      '  n_timesteps: 2000000',
      '  learning_rate: lin_2.5e-4',
      '  batch_size: 128',
      '  ent_coef: 0.01',
      'Walker:',
      '  n_timesteps: 1000000',
      "  learning_rate: 'lin_1e-3'",
      '  batch_size: 64',
      '  ent_coef: 0.0',
      'Ant:',
      '  n_timesteps: 1000000',
      '  learning_rate: !!float 3e-4',
      '  batch_size: 64',
      '  ent_coef: 0.0',
      '',
    ].join('\n');
    const x = extract(text, 'ppo.yml');
    expect(value(x, 'lr', 0)).toMatchObject({ value: 2.5e-4, raw: 'lin_2.5e-4', line: 3, source: 'written' });
    expect(value(x, 'schedule', 0)).toMatchObject({ value: 'lin', line: 3, source: 'written' });
    expect(x.scheduleKinds[0]).toBe('linear');
    expect(value(x, 'lr', 1)).toMatchObject({ value: 1e-3, line: 8 });
    expect(value(x, 'schedule', 1)).toMatchObject({ value: 'lin', line: 8 });
    // A plain number has no schedule of its own.
    expect(value(x, 'lr', 2)).toMatchObject({ value: 3e-4, line: 13 });
    expect(value(x, 'schedule', 2)?.source).not.toBe('written');
    expect(findings(x, 'invalid-value')).toEqual([]);
  });

  test('a schedule written elsewhere is kept; the lr still reads its start value', () => {
    const x = extract('optimizer:\n  type: AdamW\n  lr: cos_1e-3\nscheduler: linear\n', 'x.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 3 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'linear', line: 4 });
  });

  test('a word that names no schedule is still not a number', () => {
    const x = extract('optimizer:\n  type: AdamW\n  lr: adam_1e-3\n', 'x.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 'adam_1e-3', raw: 'adam_1e-3' });
    expect(findings(x, 'invalid-value')).toHaveLength(1);
  });
});

describe('a value a framework may parse itself is no claim that the run fails', () => {
  test.each([
    ['lr: loguniform(1e-5, 1e-3)', 'lr'],
    ['lr: warmup_lin_1e-3', 'lr'],
    ["lr: '3e-4 * 8'", 'lr'],
  ])('`%s`: a warning, no prediction', (line) => {
    const text = `optimizer:\n  type: AdamW\n  ${line}\n`;
    const x = extract(text, 'x.yaml');
    const [finding] = findings(x, 'invalid-value');
    expect(finding).toMatchObject({ severity: 'warning', line: 3 });
    expect(finding?.message).not.toContain('will fail');
    expect(analyzeText(text, 'x.yaml', {}).optimizers[0]?.predictions).toBeNull();
  });
  test.each(['eps: 1e-8e', 'adam_beta1: abc', 'betas: [0..97, 0.95]'])('`%s` is still an error', (line) => {
    const x = extract(`optimizer:\n  type: AdamW\n  ${line}\n`, 'x.yaml');
    expect(findings(x, 'invalid-value')[0]).toMatchObject({ severity: 'error' });
  });
});
