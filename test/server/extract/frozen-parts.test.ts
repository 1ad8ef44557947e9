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
