/**
 * Python training code in the styles real projects write it, each small and made up: config dataclasses and
 * namespaces read through attributes, dicts spread into the optimizer, schedules that carry the peak lr, module
 * constants, values the environment sets, and numbers in log lines that are no settings.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

describe('config objects read through attributes', () => {
  test('a @dataclass TrainingConfig with defaults, used as cfg.lr', () => {
    const x = extract(lines(
      'from dataclasses import dataclass',
      'import torch',
      '@dataclass',
      'class TrainingConfig:',
      '    lr: float = 3e-4',
      '    weight_decay: float = 0.1',
      '    batch_size: int = 32',
      '    max_steps: int = 10000',
      '    warmup_steps: int = 500',
      'cfg = TrainingConfig()',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 5 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 6 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 32, line: 7 });
    expect(value(x, 'steps')).toMatchObject({ value: 10000, line: 8 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 9 });
  });

  test('keywords given to the config class override its field defaults', () => {
    const x = extract(lines(
      'from dataclasses import dataclass',
      'import torch',
      '@dataclass',
      'class TrainingConfig:',
      '    lr: float = 3e-4',
      '    batch_size: int = 32',
      'cfg = TrainingConfig(lr=1e-4, batch_size=64)',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 7 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 7 });
  });

  test('a nested config dataclass built by field(default_factory=...) read as cfg.optim.lr', () => {
    const x = extract(lines(
      'from dataclasses import dataclass, field',
      'import torch',
      '@dataclass',
      'class OptimConfig:',
      '    lr: float = 1e-4',
      '    betas: tuple = (0.9, 0.95)',
      '@dataclass',
      'class Config:',
      '    optim: OptimConfig = field(default_factory=OptimConfig)',
      '    batch_size: int = 16',
      'cfg = Config()',
      'opt = torch.optim.AdamW(model.parameters(), lr=cfg.optim.lr, betas=cfg.optim.betas)',
    ), 'train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 5, source: 'written' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 6 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 10 });
  });

  test('field(default=...) defaults, the config built inside main()', () => {
    const x = extract(lines(
      'from dataclasses import dataclass, field',
      'import torch',
      '@dataclass',
      'class Config:',
      '    learning_rate: float = field(default=1e-3)',
      '    betas: tuple = field(default=(0.9, 0.95))',
      '    batch_size: int = field(default=64, metadata={"help": "per device"})',
      '    num_train_steps: int = field(default=2000)',
      'def main():',
      '    config = Config()',
      '    opt = torch.optim.AdamW(model.parameters(), lr=config.learning_rate, betas=config.betas)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 5 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 6 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 7 });
    expect(value(x, 'steps')).toMatchObject({ value: 2000, line: 8 });
  });

  test('a tyro dataclass CLI (CleanRL style, docstrings under the fields)', () => {
    const x = extract(lines(
      'from dataclasses import dataclass',
      'import tyro',
      'import torch',
      '@dataclass',
      'class Args:',
      '    learning_rate: float = 2.5e-4',
      '    """the learning rate of the optimizer"""',
      '    batch_size: int = 128',
      'if __name__ == "__main__":',
      '    args = tyro.cli(Args)',
      '    optimizer = torch.optim.Adam(agent.parameters(), lr=args.learning_rate, eps=1e-5)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 2.5e-4, line: 6 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 128, line: 8 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-5, line: 11 });
  });

  test('a simple_parsing dataclass added to the parser', () => {
    const x = extract(lines(
      'from dataclasses import dataclass',
      'from simple_parsing import ArgumentParser',
      'import torch',
      '@dataclass',
      'class HParams:',
      '    lr: float = 0.001',
      '    momentum: float = 0.9',
      '    batch_size: int = 256',
      'parser = ArgumentParser()',
      'parser.add_arguments(HParams, dest="hparams")',
      'hp = parser.parse_args().hparams',
      'opt = torch.optim.SGD(model.parameters(), lr=hp.lr, momentum=hp.momentum)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 6 });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 7 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 256, line: 8 });
  });

  test('a jsonargparse CLI whose function takes a config dataclass', () => {
    const x = extract(lines(
      'from dataclasses import dataclass',
      'from jsonargparse import CLI',
      'import torch',
      '@dataclass',
      'class OptimConfig:',
      '    lr: float = 6e-4',
      '    weight_decay: float = 0.05',
      'def main(optim: OptimConfig = OptimConfig()):',
      '    opt = torch.optim.AdamW(model.parameters(), lr=optim.lr, weight_decay=optim.weight_decay)',
      'if __name__ == "__main__":',
      '    CLI(main)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 6e-4, line: 6 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 7 });
  });

  test('a pydantic BaseModel config class', () => {
    const x = extract(lines(
      'from pydantic import BaseModel',
      'import torch',
      'class TrainConfig(BaseModel):',
      '    learning_rate: float = 5e-5',
      '    per_device_batch_size: int = 8',
      '    gradient_accumulation_steps: int = 4',
      'config = TrainConfig()',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 5e-5, line: 4 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 5 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 6 });
  });

  test('OmegaConf.create({...}) read through attributes and subscripts, as the dict it wraps', () => {
    const x = extract(lines(
      'from omegaconf import OmegaConf',
      'import torch',
      'cfg = OmegaConf.create({',
      '    "optim": {"lr": 1e-4, "weight_decay": 0.05},',
      '    "train": {"batch_size": 48, "max_steps": 5000},',
      '})',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.optim.lr, weight_decay=cfg["optim"]["weight_decay"])',
    ), 'train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 4, source: 'written' });
    expect(value(x, 'lr')?.runtime).toBeUndefined();
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 4 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 48, line: 5 });
    expect(value(x, 'steps')).toMatchObject({ value: 5000, line: 5 });
  });

  test('a types.SimpleNamespace of settings', () => {
    const x = extract(lines(
      'from types import SimpleNamespace',
      'import torch',
      'args = SimpleNamespace(lr=7e-4, batch_size=24, weight_decay=0.02)',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 7e-4, line: 3 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.02, line: 3 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 24, line: 3 });
  });
});

describe('dicts of settings', () => {
  test('config = dict(...) spread into the optimizer with **config', () => {
    const x = extract(lines(
      'import torch',
      'config = dict(lr=3e-4, betas=(0.9, 0.98), eps=1e-9, weight_decay=0.01)',
      'optimizer = torch.optim.AdamW(model.parameters(), **config)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 2 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 2 });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-9, line: 2 });
  });

  test('lr=config["lr"] from a dict of the run', () => {
    const x = extract(lines(
      'import torch',
      'config = dict(lr=1e-3, batch_size=32, epochs=10)',
      'optimizer = torch.optim.Adam(model.parameters(), lr=config["lr"])',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 2 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 32, line: 2 });
  });

  test('betas=tuple(cfg["betas"]) is the list the dict writes', () => {
    const x = extract(lines(
      'import torch',
      'opt_cfg = {"lr": 1e-4, "betas": [0.9, 0.98], "weight_decay": 0.01}',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=opt_cfg["lr"], betas=tuple(opt_cfg["betas"]))',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 2 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, line: 2 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 2, via: { rule: 'table' } });
  });

  test('hparams = {...} with optimizer_kwargs spread into the optimizer', () => {
    const x = extract(lines(
      'import torch',
      'hparams = {',
      '    "batch_size": 64,',
      '    "optimizer_kwargs": {"lr": 2e-4, "betas": (0.9, 0.95), "weight_decay": 0.1},',
      '}',
      'optimizer = torch.optim.AdamW(model.parameters(), **hparams["optimizer_kwargs"])',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, line: 4 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 4 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 3 });
  });

  test('a module dict of settings per environment (RL Zoo) is read as the run\'s settings', () => {
    const x = extract(lines(
      'hyperparams = {',
      '    "Pendulum-v1": dict(',
      '        n_envs=1,',
      '        batch_size=8,',
      '        learning_rate=7.77e-05,',
      '        gae_lambda=0.9,',
      '    )',
      '}',
    ), 'config.py');
    expect(value(x, 'lr')).toMatchObject({ value: 7.77e-5, line: 5 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 4 });
  });
});

describe('optimizers built one call deep', () => {
  test('build_optimizer(cfg, model) reading a config class', () => {
    const x = extract(lines(
      'import torch',
      'def build_optimizer(cfg, model):',
      '    return torch.optim.AdamW(model.parameters(), lr=cfg.lr, betas=(cfg.beta1, cfg.beta2), weight_decay=cfg.wd)',
      'class Cfg:',
      '    lr = 2e-4',
      '    beta1 = 0.9',
      '    beta2 = 0.95',
      '    wd = 0.1',
      'optimizer = build_optimizer(Cfg, model)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, line: 5 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 7 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 8 });
  });

  test('functools.partial binds the optimizer and its settings; calling it later is that optimizer', () => {
    const x = extract(lines(
      'from functools import partial',
      'import torch',
      'optimizer_fn = partial(torch.optim.AdamW, lr=1e-4, betas=(0.9, 0.95), weight_decay=0.05)',
      'optimizer = optimizer_fn(model.parameters())',
    ), 'train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.AdamW', line: 3 });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 3 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 3 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 3 });
  });

  test('getattr(torch.optim, name)(...) is the class the name says, named where the name is written', () => {
    const x = extract(lines(
      'import argparse',
      'import torch',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--optimizer", default="SGD")',
      'args = parser.parse_args()',
      'opt = getattr(torch.optim, args.optimizer)(model.parameters(), lr=0.1, momentum=0.9)',
    ), 'train.py');
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.SGD', kind: 'sgd', line: 4 });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.9, line: 6 });
  });

  test("a LightningModule's configure_optimizers reading self.hparams from __init__ defaults", () => {
    const x = extract(lines(
      'import torch',
      'import lightning as L',
      'class LitModel(L.LightningModule):',
      '    def __init__(self, lr: float = 1e-3, weight_decay: float = 0.01):',
      '        super().__init__()',
      '        self.save_hyperparameters()',
      '    def configure_optimizers(self):',
      '        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=self.hparams.weight_decay)',
    ), 'model.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 4 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.01, line: 4 });
  });
});
