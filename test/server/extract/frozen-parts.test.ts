/** The optimizer of a part the file freezes is never built (frozen-parts.ts), on made-up SpeechBrain-style files. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('an optimizer for a frozen part', () => {
  const hparams = (frozen: string): string => [
    `freeze_wav2vec: ${frozen}`,
    'lr: 0.9',
    'lr_wav2vec: 0.0001',
    'model_opt_class: !name:torch.optim.Adadelta',
    '  lr: !ref <lr>',
    '  rho: 0.95',
    'wav2vec_opt_class: !name:torch.optim.Adam',
    '  lr: !ref <lr_wav2vec>',
    'lr_annealing_model: !new:speechbrain.nnet.schedulers.NewBobScheduler',
    '  initial_value: !ref <lr>',
    '',
  ].join('\n');

  test('is left out when the file freezes the part, with its learning rate', () => {
    const x = extract(hparams('True'), 'hparams/train_with_wav2vec.yaml');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 0.9, line: 2 });
    const lines = x.optimizers.flatMap((o) => Object.values(o.hyperparameters).map((v) => v?.line));
    expect(lines).not.toContain(3);
  });

  test('stays when the part trains', () => {
    const x = extract(hparams('False'), 'hparams/train_with_wav2vec.yaml');
    expect(x.optimizers).toHaveLength(2);
    expect(x.optimizers.map((o) => o.hyperparameters.lr?.line).sort()).toEqual([2, 3]);
  });

  test("the part's own learning rate gets no optimizer of its own either", () => {
    const text = 'ssl_frozen: True\nlr: 0.0005\nlr_ssl: 0.00002\nopt: !name:torch.optim.AdamW\n  lr: !ref <lr>\n' +
      'opt_ssl: !name:torch.optim.AdamW\n  lr: !ref <lr_ssl>\n';
    const x = extract(text, 'hparams/speechllm.yaml');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 0.0005, line: 2 });
  });
});

describe("a part's or stage's learning rate and the run's own", () => {
  const options = (stage: string): string => [
    'import argparse',
    'parser = argparse.ArgumentParser()',
    'parser.add_argument("--optimizer", default="adam")',
    'parser.add_argument("--lr", type=float, default=0.02)',
    'parser.add_argument("--polish_lr", type=float, default=0.001)',
    `parser.add_argument("--polish", ${stage})`,
    'args = parser.parse_args()',
    '',
  ].join('\n');

  test('a stage the file switches off trains nothing: its rate is no optimizer, the run keeps its own', () => {
    const x = extract(options('action="store_true"'), 'options.py');
    expect(x.optimizers.map((o) => o.name)).toEqual(['adam']);
    expect(value(x, 'lr')).toMatchObject({ value: 0.02, line: 4, source: 'written' });
    const yaml = extract('optimizer: sgd\nlr: 0.1\nema_lr: 0.5\nuse_ema: false\n', 'train.yaml');
    expect(yaml.optimizers.map((o) => o.hyperparameters.lr?.value)).toEqual([0.1]);
  });

  test("a part's own rate beside the run's learning rate and name: the main optimizer stays, first", () => {
    const x = extract(options('action="store_false"'), 'options.py');
    expect(x.optimizers.map((o) => [o.name, o.hyperparameters.lr?.value])).toEqual([['adam', 0.02],
      ['not named in this file', 0.001]]);
  });
});

describe('a switch written beside the part it turns off', () => {
  test("a settings class's `<part>: bool = False` beside `<part>_lr`: that rate is no optimizer's", () => {
    const text = (on: string): string => [
      'from dataclasses import dataclass',
      '@dataclass',
      'class Config:',
      '    lr: float = 0.01',
      '    optimizer: str = "adam"',
      `    depth_refine: bool = ${on}`,
      '    depth_refine_lr: float = 0.0004',
      '',
    ].join('\n');
    const lrs = (on: string): unknown[] => extract(text(on), 'trainer.py').optimizers.map((o) => o.hyperparameters.lr?.value);
    expect(lrs('False')).toEqual([0.01]);
    expect(lrs('True')).toEqual([0.01, 0.0004]);
  });
});
