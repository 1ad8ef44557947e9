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

describe('schedules', () => {
  test("OneCycleLR's max_lr is the run's peak lr, replacing the lr the optimizer's call writes", () => {
    const x = extract(lines(
      'import torch',
      'optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)',
      'scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=10000, pct_start=0.3)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 3, source: 'written' });
    expect(value(x, 'lr')?.via?.reason).toContain('OneCycleLR');
    expect(value(x, 'steps')).toMatchObject({ value: 10000, line: 3 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'OneCycleLR', line: 3 });
    // Another scheduler leaves the optimizer's own lr alone.
    const step = extract(lines(
      'import torch',
      'optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)',
      'scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=30, gamma=0.1)',
    ), 'train.py');
    expect(value(step, 'lr')).toMatchObject({ value: 0.01, line: 2 });
  });

  test('SequentialLR([warmup, cosine]) runs the cosine after a rising LinearLR warmup', () => {
    const x = extract(lines(
      'import torch',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)',
      'warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.01, total_iters=500)',
      'cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=9500)',
      'scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[warmup, cosine], milestones=[500])',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 2 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 3 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'CosineAnnealingLR', line: 4 });
  });

  test("transformers' get_cosine_schedule_with_warmup gives the warmup and the run length", () => {
    const x = extract(lines(
      'import torch',
      'from transformers import get_cosine_schedule_with_warmup',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)',
      'scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=100, num_training_steps=1000)',
    ), 'train.py');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 100, line: 4 });
    expect(value(x, 'steps')).toMatchObject({ value: 1000, line: 4 });
  });

  test('optax.warmup_cosine_decay_schedule passed as the learning rate carries the peak', () => {
    const x = extract(lines(
      'import optax',
      'schedule = optax.warmup_cosine_decay_schedule(',
      '    init_value=0.0, peak_value=3e-4, warmup_steps=1000, decay_steps=50000, end_value=1e-5)',
      'tx = optax.adamw(learning_rate=schedule, b1=0.9, b2=0.95, weight_decay=0.1)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 3 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 1000, line: 3 });
    expect(value(x, 'steps')).toMatchObject({ value: 50000, line: 3 });
  });

  test('a tf.keras schedule object given as the learning rate', () => {
    const x = extract(lines(
      'import tensorflow as tf',
      'lr_schedule = tf.keras.optimizers.schedules.CosineDecay(initial_learning_rate=1e-3, decay_steps=10000)',
      'optimizer = tf.keras.optimizers.Adam(learning_rate=lr_schedule)',
      'model.compile(optimizer=optimizer, loss="mse")',
      'model.fit(x, y, batch_size=32, epochs=5)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 2 });
    expect(value(x, 'steps')).toMatchObject({ value: 10000, line: 2 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'CosineDecay', line: 2 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 32, line: 5 });
  });
});

describe('module constants, the environment, log lines', () => {
  test('ALL_CAPS constants at the top of a script', () => {
    const x = extract(lines(
      'import torch',
      'LR = 3e-4',
      'BATCH_SIZE = 64',
      'EPOCHS = 10',
      'WEIGHT_DECAY = 0.05',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)',
      'loader = DataLoader(ds, batch_size=BATCH_SIZE, shuffle=True)',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 2 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 5 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 3 });
    // Epochs are no optimizer steps.
    expect(value(x, 'steps')).toBeUndefined();
  });

  test('float(args.lr) of an argparse default written as a string is that number, at the default', () => {
    const x = extract(lines(
      'import argparse',
      'import torch',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--lr", type=str, default="3e-4")',
      'args = parser.parse_args()',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=float(args.lr))',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 4, source: 'written' });
    expect(x.findings.filter((f) => f.code === 'invalid-value')).toEqual([]);
  });

  test('an os.environ default bound to a name is a value the run sets, told where the environment is read', () => {
    const x = extract(lines(
      'import os',
      'import torch',
      'lr = float(os.environ.get("LR", "3e-4"))',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=lr)',
    ), 'train.py');
    // As README's value-set-at-run-time says: never the default it names, never torch's default either.
    expect(value(x, 'lr')).toMatchObject({ source: 'written', line: 3,
      runtime: { kind: 'environment', expression: 'float(os.environ.get("LR", "3e-4"))' } });
  });

  test('a module attribute the reader does not follow is a run-time value, not an invalid number (wandb.config)', () => {
    const x = extract(lines(
      'import wandb',
      'import torch',
      'wandb.init(project="demo")',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=wandb.config.learning_rate)',
    ), 'train.py');
    expect(x.findings.filter((f) => f.code === 'invalid-value')).toEqual([]);
    expect(value(x, 'lr')).toMatchObject({ line: 4, runtime: { kind: 'name', expression: 'wandb.config.learning_rate' } });
  });

  test('numbers in f-strings and logging calls are not read', () => {
    const x = extract(lines(
      'import logging',
      'import torch',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)',
      'print(f"training with lr={2e-4} batch_size={128}")',
      'logging.info("lr=%s weight_decay=%s", 5e-5, 0.3)',
      'logger.info(f"warmup_steps={400}")',
    ), 'train.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 3 });
    expect(value(x, 'weightDecay')?.source).toBe('default');
    expect(value(x, 'microBatchSize')).toBeUndefined();
    expect(value(x, 'warmupSteps')).toBeUndefined();
  });
});
