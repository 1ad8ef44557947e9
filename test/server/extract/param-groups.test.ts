/**
 * Parameter groups with learning rates of their own: the groups of one `torch.optim` call's list, and the
 * `<part>_lr` keywords of a call a table reads with another learning rate (nanochat's `setup_optimizer`). Each
 * learning rate is read at its line and says which group it is; none is dropped.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

describe('a torch.optim call with a list of parameter groups', () => {
  const text = [
    'import torch',
    'from torch.optim import AdamW',
    'model = torch.nn.Linear(4, 4)',
    'optimizer1 = AdamW([dict(params=[model.weight], lr=0.3),',
    '                    dict(params=[model.bias], lr=1/320, betas=(0.9, 0.99)),',
    '                    dict(params=[], weight_decay=0.1)],',
    '                   betas=(0.8, 0.95), eps=1e-10, weight_decay=0, fused=True)',
    '',
  ].join('\n');
  const x = extract(text, 'train_gpt.py');

  test('each group with its own learning rate is an optimizer of its own, at its line', () => {
    expect(x.optimizers).toHaveLength(2);
    expect(value(x, 'lr', 0)).toMatchObject({ value: 0.3, line: 4 });
    expect(value(x, 'lr', 1)).toMatchObject({ value: 1 / 320, line: 5, raw: '1/320' });
    expect(x.optimizers[0]?.appliesTo).toMatch(/^parameter group 1 \(groups 1, 2 /);
    expect(x.optimizers[1]?.appliesTo).toMatch(/^parameter group 2 /);
  });

  test("a group's own values win over the call's keywords; the others come from the call", () => {
    expect(value(x, 'beta1', 1)).toMatchObject({ value: 0.9, line: 5 });
    expect(value(x, 'beta2', 1)).toMatchObject({ value: 0.99, line: 5 });
    expect(value(x, 'beta1', 0)).toMatchObject({ value: 0.8, line: 7 });
    expect(value(x, 'eps', 1)).toMatchObject({ value: 1e-10, line: 7 });
    expect(value(x, 'weightDecay', 1)).toMatchObject({ value: 0, line: 7 });
  });

  test("the first group's own learning rate wins over the call's keyword, as in PyTorch", () => {
    const y = extract(
      ['import torch', 'opt = torch.optim.SGD([{"params": a, "lr": 0.5}, {"params": b, "lr": 0.05}], lr=0.1,',
        '    momentum=0.9)', ''].join('\n'),
      'train.py',
    );
    expect(y.optimizers.map((o) => o.hyperparameters.lr?.value)).toEqual([0.5, 0.05]);
    expect(value(y, 'momentum', 1)).toMatchObject({ value: 0.9, line: 3 });
  });

  test('a list bound to a name first is read the same, and no group is read a second time by its name', () => {
    const y = extract(
      ['import torch', 'adam_params = [dict(params=head, lr=0.008), dict(params=embed, lr=0.6)]',
        'optimizer1 = torch.optim.Adam(adam_params, betas=(0.8, 0.95), fused=True, eps=1e-10)', ''].join('\n'),
      'train_gpt.py',
    );
    expect(y.optimizers.map((o) => [o.name, o.hyperparameters.lr?.value, o.hyperparameters.lr?.line])).toEqual([
      ['torch.optim.Adam', 0.008, 2], ['torch.optim.Adam', 0.6, 2]]);
    expect(value(y, 'eps', 1)).toMatchObject({ value: 1e-10, line: 3 });
  });

  test('groups that differ only in weight decay (decay / no decay) stay one optimizer', () => {
    const y = extract(
      ['import torch', 'groups = [{"params": decay, "weight_decay": 0.1}, {"params": rest, "weight_decay": 0.0}]',
        'opt = torch.optim.AdamW(groups, lr=6e-4, betas=(0.9, 0.95))', ''].join('\n'),
      'train.py',
    );
    expect(y.optimizers).toHaveLength(1);
    expect(value(y, 'lr')).toMatchObject({ value: 6e-4, line: 3 });
  });
});

describe("nanochat: setup_optimizer's <part>_lr keywords passing argparse defaults", () => {
  const text = [
    'import argparse',
    'from nanochat.common import compute_init',
    'parser = argparse.ArgumentParser()',
    'parser.add_argument("--embedding-lr", type=float, default=0.2, help="learning rate for embedding parameters")',
    'parser.add_argument("--unembedding-lr", type=float, default=0.004, help="learning rate for unembedding")',
    'parser.add_argument("--matrix-lr", type=float, default=0.02, help="learning rate for matrix parameters")',
    'parser.add_argument("--weight-decay", type=float, default=0.0, help="weight decay")',
    'args = parser.parse_args()',
    'compute_init("cuda")',
    'optimizer = model.setup_optimizer(unembedding_lr=args.unembedding_lr, embedding_lr=args.embedding_lr,',
    '    matrix_lr=args.matrix_lr, weight_decay=args.weight_decay)',
    '',
  ].join('\n');
  const x = extract(text, 'mid_train.py');

  test('the matrix lr is the Muon part; the embedding and unembedding lrs are groups of the same optimizer', () => {
    expect(x.ecosystem).toBe('nanochat');
    expect(value(x, 'lr', 0)).toMatchObject({ value: 0.02, line: 6 });
    const parts = x.optimizers.slice(1).map((o) => [o.hyperparameters.lr?.value, o.hyperparameters.lr?.line,
      o.appliesTo]);
    expect(parts).toEqual([
      [0.2, 4, expect.stringMatching(/^the embedding parameters: a parameter group of MuonAdamW/)],
      [0.004, 5, expect.stringMatching(/^the unembedding parameters: a parameter group of MuonAdamW/)],
    ]);
  });

  test("the call's other keywords are not the groups' (the call builds them), and no lr is left unrecognised", () => {
    // nanochat's AdamW groups have their own weight decay; --weight-decay is the Muon part's.
    expect(value(x, 'weightDecay', 0)).toMatchObject({ value: 0, line: 7 });
    expect(value(x, 'weightDecay', 1)).toBeUndefined();
    expect(findings(x, 'unrecognized-hyperparameter')).toEqual([]);
  });
});
