/** A second optimizer written as marked twins of the first one's keys (server/extract/roles/twin-blocks.ts). */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

/** Each optimizer as `name@line lr@line schedule@line`. */
function optimizers(text: string, file: string): string[] {
  return extract(text, file).optimizers.map((o) => {
    const { lr, schedule } = o.hyperparameters;
    return `${o.name}@${o.line ?? '-'} ${String(lr?.value)}@${lr?.line ?? '-'} ${String(schedule?.value)}@${
      schedule?.line ?? '-'}`;
  });
}

describe('a generator and a discriminator in one training block', () => {
  const text = [
    'gan_stage:',
    '  optim: adamw',
    '  optim_conf:',
    '    lr: 0.0003',
    '  scheduler: steplr',
    '  optim_d: sgd',
    '  optim_conf_d:',
    '    lr: 0.01',
    '  scheduler_d: constantlr',
    '  accum_grad: 1',
    '',
  ].join('\n');

  test('the marked twins are an optimizer of their own, with their own name and schedule', () => {
    expect(optimizers(text, 'gan.yaml')).toEqual(['adamw@2 0.0003@4 steplr@5', 'sgd@6 0.01@8 constantlr@9']);
    const d = extract(text, 'gan.yaml').optimizers[1];
    expect(d?.hyperparameters.gradAccum).toMatchObject({ value: 1, line: 10 });
  });

  test('a block that only looks marked (no base settings block beside it) is read as before', () => {
    const alone = text.split('\n').filter((l) => !/^ {2}optim_conf:|^ {4}lr: 0\.0003/.test(l)).join('\n');
    expect(optimizers(alone, 'gan.yaml').some((o) => o.startsWith('sgd@6'))).toBe(false);
  });
});

describe('a numbered second optimizer at the top level', () => {
  test('optim2, optim2_conf and scheduler2 beside optim, optim_conf and scheduler', () => {
    const text = [
      'optim: adam',
      'optim_conf:',
      '  lr: 0.0002',
      'scheduler: exponentiallr',
      'optim2: adam',
      'optim2_conf:',
      '  lr: 0.0001',
      'scheduler2: steplr',
      '',
    ].join('\n');
    expect(optimizers(text, 'train.yaml')).toEqual(['adam@1 0.0002@3 exponentiallr@4', 'adam@5 0.0001@7 steplr@8']);
  });
});
