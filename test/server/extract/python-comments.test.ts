/** What the comment or help text beside a Python setting says about its role (code-use.ts, trailing comments). */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { lines, written } from './python-read';

describe('what the comment beside a setting says', () => {
  test('names the role of a name that says nothing (B, T, a model config\'s L)', () => {
    const text = lines(
      'import torch',
      'B = 64 # micro batch size',
      'T = 1024 # sequence length',
      'C = 768 # embedding size',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4)',
    );
    expect(written(text, 'microBatchSize')).toEqual(['2: 64']);
    expect(written(text, 'seqLen')).toEqual(['3: 1024']);
    const model = lines(
      'import ml_collections',
      'def get_config():',
      '    cfg = ml_collections.ConfigDict()',
      '    cfg.model = ml_collections.config_dict.create(',
      '        D=512,  # model/embed dim',
      '        L=512,  # max context/sequence length (move out of config?)',
      '    )',
      '    cfg.opt = ml_collections.config_dict.create(peak_learning_rate=0.0016)',
      '    return cfg',
    );
    expect(written(model, 'seqLen')).toEqual(['6: 512']);
  });

  test('says `base lr` for the written base of a learning rate the run scales (read as MAE\'s blr is)', () => {
    const text = lines(
      'import torch',
      'class Args:',
      '    tblr: float = 1e-4      # base lr',
      '    tlr: float = None       # lr = base lr * (bs / 256)',
      '    wp0: float = 0.005      # initial lr ratio at the beginning of warmup',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=Args.tlr)',
    );
    expect(written(text, 'lr')).toEqual(['3: 1e-4']);
  });

  test('a comment saying lr gives no run\'s rate to a schedule\'s lr (warmup_lr, min_lr_value)', () => {
    const text = lines(
      'optimizer:',
      '  name: adamw',
      '  weight_decay: 0.05',
      'scheduler:',
      '  name: cosine',
      '  warmup_lr: 1.0e-6  # initial lr',
      '  base_value: 5.0e-4  # peak',
      '  min_lr_value: 1.0e-7  # final lr',
      'train:',
      '  batch_size: 128',
    );
    const lrs = extract(text, 'train.yaml').optimizers.flatMap((o) => o.hyperparameters.lr?.source === 'written' ?
      [o.hyperparameters.lr.raw] : []);
    expect(lrs).toEqual([]);
  });

  test('says `wd` for the weight decay; a final wd is no weight decay the optimizer starts with', () => {
    const text = lines(
      'import torch',
      'class Args:',
      '    twd: float = 0.05       # initial wd',
      '    twde: float = 0         # final wd, =twde or twd',
      '    wdx: float = 0.3        # wd for the bias',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)',
    );
    expect(written(text, 'weightDecay')).toEqual(['3: 0.05']);
  });

  test('says `lr schedule` for a schedule named by a word the role words miss; a number is no schedule', () => {
    const text = lines(
      'import torch',
      'class Args:',
      "    sche: str = 'lin0'      # lr schedule",
      '    lsch: float = 0.5       # lr schedule',
      "    cfg_s: str = 'linear'   # guidance schedule",
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)',
    );
    expect(written(text, 'schedule')).toEqual(["3: 'lin0'"]);
  });

  test('says a batch counts every device; the name decides when it names a role itself', () => {
    const text = 'import torch\nbatch_size = 256  # Global batch size. Must be divisible by the #devices.\n' +
      'opt = torch.optim.SGD(p, lr=0.1)\n';
    expect(written(text, 'globalBatchSize')).toEqual(['2: 256']);
    expect(written('import torch\nwarmup = 100  # learning rate\nopt = torch.optim.SGD(p, lr=0.1)\n', 'lr'))
      .toEqual(['3: 0.1']);
  });

  test('only a phrase that opens the text and ends its clause: a help copied onto another option says nothing', () => {
    const text = lines(
      'import argparse, torch',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--decay_frac", type=float, default=1.0, help="learning rate warmup iterations")',
      'parser.add_argument("--lr-scale", type=float, default=0.5, help="learning rate scale: lr = lr * scale")',
      'parser.add_argument("--n", type=int, default=32, help="micro batch size, per GPU")',
      'args = parser.parse_args()',
      'opt = torch.optim.SGD(p, lr=0.01)',
    );
    expect(written(text, 'lr')).toEqual(['7: 0.01']);
    expect(written(text, 'microBatchSize')).toEqual(['5: 32']);
  });

  test("names the run's sequence length before a model config's capacity; alone, the capacity is read", () => {
    const model = [
      'import torch',
      'from dataclasses import dataclass',
      '@dataclass',
      'class TinyGPTConfig:',
      '    block_size: int = 2048',
      '    n_layer: int = 12',
    ];
    const text = lines(...model, 'T = 512 # sequence length', 'optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4)');
    expect(written(text, 'seqLen')).toEqual(['7: 512']);
    const alone = lines(...model, 'optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4)');
    expect(written(alone, 'seqLen')).toEqual(['5: 2048']);
  });

  test('says `Batch size (per device)` for a name a sibling reads elsewhere (DeepSpeed\'s global train_batch_size)', () => {
    const text = lines(
      'import argparse, optax',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument(',
      '    "--train_batch_size", type=int, default=4, help="Batch size (per device) for the training dataloader."',
      ')',
      'parser.add_argument("--eval_batch_size", type=int, default=16, help="Batch size (per device) for evaluation.")',
      'args = parser.parse_args()',
      'tx = optax.adamw(learning_rate=1e-4)',
    );
    expect(written(text, 'microBatchSize')).toEqual(['4: 4']);
    expect(written(text, 'globalBatchSize')).toEqual([]);
  });
});

describe("an option's help text that gives a beta to the optimizer", () => {
  test('is its β1; a loss\'s beta is not', () => {
    const text = lines(
      'import argparse',
      'p = argparse.ArgumentParser()',
      'p.add_argument("--lr", type=float, default=2e-4)',
      'p.add_argument("--beta", type=float, default=0.5, help="Beta parameter for the optimizer")',
      'p.add_argument("--kl_beta", type=float, default=0.1, help="beta of the KL penalty")',
    );
    expect(written(text, 'beta1')).toEqual(['4: 0.5']);
  });
});
