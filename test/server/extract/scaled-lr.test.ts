/**
 * A learning rate scaled in the script (the linear scaling rule) before it reaches the optimizer: the run's lr is the
 * product. With every factor written it is that product, naming the base it scales; with a factor known only at run
 * time the written base is read and says it is a base, never passed off as the run's learning rate.
 */
import { describe, expect, test } from 'vitest';
import { plainPhrase, valueFoundPhrase, type EcosystemFacts } from '../../../core/provenance-words';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const FACTS: EcosystemFacts = { ecosystem: 'pytorch', ecosystemEvidence: 'content', ecosystemName: 'PyTorch' };

describe('a learning rate scaled by arithmetic', () => {
  test('every factor written: the product, with the base it comes from', () => {
    const x = extract(['import torch', 'BASE_LR = 1e-3', 'BATCH_SIZE = 512', 'lr = BASE_LR * BATCH_SIZE / 256',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.05)', ''].join('\n'), 'train.py');
    const lr = value(x, 'lr');
    expect(lr).toMatchObject({ value: 2e-3, line: 4, source: 'written', raw: 'BASE_LR * BATCH_SIZE / 256' });
    expect(lr?.derivedFrom).toEqual(['BASE_LR = 1e-3', 'BATCH_SIZE = 512']);
    expect(lr?.via?.scaled).toEqual({ expression: 'BASE_LR * BATCH_SIZE / 256', runTime: false });
    expect(plainPhrase((lr ? valueFoundPhrase(lr, FACTS) : null) ?? [])).toContain(
      'computed as `BASE_LR * BATCH_SIZE / 256` from `BASE_LR = 1e-3`, `BATCH_SIZE = 512`');
  });

  test('written in the call: the product too', () => {
    const x = extract(['base_lr = 0.1', 'batch = 1024',
      'opt = torch.optim.SGD(params, lr=base_lr * batch / 256, momentum=0.9)', ''].join('\n'), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 0.4, line: 3 });
    expect(value(x, 'lr')?.derivedFrom).toEqual(['base_lr = 0.1', 'batch = 1024']);
  });

  test('a factor known only at run time: the written base, said to be the base of a run-time value', () => {
    const x = extract(['import os, torch', 'base_lr = 5e-4', 'world_size = int(os.environ["WORLD_SIZE"])',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=base_lr * world_size)', ''].join('\n'), 'train.py');
    const lr = value(x, 'lr');
    expect(lr).toMatchObject({ value: 5e-4, line: 2, raw: '5e-4' });
    expect(lr?.via?.scaled).toEqual({ expression: 'base_lr * world_size', runTime: true });
    expect(plainPhrase((lr ? valueFoundPhrase(lr, FACTS) : null) ?? [])).toContain('the written base of `base_lr * world_size`');
  });

  test('a name bound to run-time arithmetic (the linear scaling rule on argparse options): the base, said so', () => {
    const x = extract(['import argparse, torch', 'parser = argparse.ArgumentParser()',
      'parser.add_argument("--lr", type=float, default=0.1)', 'parser.add_argument("--batch-size", type=int, default=256)',
      'args = parser.parse_args()', 'world_size = torch.distributed.get_world_size()',
      'lr = args.lr * args.batch_size * world_size / 256',
      'optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)', ''].join('\n'), 'train.py');
    const lr = value(x, 'lr');
    expect(lr).toMatchObject({ value: 0.1, line: 3, raw: '0.1' });
    expect(lr?.via?.scaled).toEqual({ expression: 'args.lr * args.batch_size * world_size / 256', runTime: true });
  });

  test("a framework's keyword computed at run time gives way to the run-level option it scales, said to be the base",
    () => {
      const x = extract(['import argparse', 'from nanochat.gpt import GPT, GPTConfig', 'parser = argparse.ArgumentParser()',
        'parser.add_argument("--matrix-lr", type=float, default=0.02)', 'args = parser.parse_args()',
        'model = GPT(GPTConfig())', 'scale = compute_scale()',
        'optimizer = model.setup_optimizer(matrix_lr=args.matrix_lr * scale, weight_decay=0.0)', ''].join('\n'),
      'base_train.py');
      const lr = x.optimizers.find((o) => o.name === 'MuonAdamW')?.hyperparameters.lr;
      expect(lr).toMatchObject({ value: 0.02, line: 4 });
      expect(lr?.via?.scaled).toEqual({ expression: 'args.matrix_lr * scale', runTime: true });
    });

  test("MAE's base lr (`--blr`, the absolute lr left None): the written base, said so", () => {
    const x = extract(['import argparse, torch', 'parser = argparse.ArgumentParser()',
      "parser.add_argument('--lr', type=float, default=None)", "parser.add_argument('--blr', type=float, default=1e-4)",
      'args = parser.parse_args()', 'eff_batch_size = args.batch_size * misc.get_world_size()',
      'if args.lr is None:', '    args.lr = args.blr * eff_batch_size / 256',
      'optimizer = torch.optim.AdamW(param_groups, lr=args.lr, betas=(0.9, 0.95))', ''].join('\n'), 'main.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 4, raw: '1e-4' });
  });

  test('a sum is no scaling: the literal learning rate written elsewhere is read as before', () => {
    const x = extract(['lr = 3e-4', 'warm = 1e-5',
      'optimizer = torch.optim.AdamW(params, lr=lr + warm)', ''].join('\n'), 'train.py');
    expect(value(x, 'lr')?.via?.scaled).toBeUndefined();
  });
});
