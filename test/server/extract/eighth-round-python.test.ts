/**
 * Rules from the eighth round's Python configs (C12): the LeRobot table, a schedule's config call as a schedule
 * block, decoy blocks that spell a normalisation layer or an advantage estimator, and OpenCLIP's accumulation flag.
 * All on made-up text.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('LeRobot policy configs', () => {
  const policy = (optimizer: string): string => [
    'from dataclasses import dataclass',
    '',
    'from lerobot.configs import PreTrainedConfig',
    `from lerobot.optim import ${optimizer}, DiffuserSchedulerConfig`,
    '',
    '',
    '@PreTrainedConfig.register_subclass("toy")',
    '@dataclass',
    'class ToyPolicyConfig(PreTrainedConfig):',
    '    horizon: int = 16',
    '    beta_start: float = 0.0001',
    '    optimizer_lr: float = 3e-4',
    '    optimizer_betas: tuple = (0.9, 0.99)',
    '    optimizer_eps: float = 1e-8',
    '    optimizer_weight_decay: float = 1e-5',
    '    scheduler_name: str = "linear"',
    '    scheduler_warmup_steps: int = 250',
    '',
    '    def get_optimizer_preset(self):',
    `        return ${optimizer}(`,
    '            lr=self.optimizer_lr,',
    '            betas=self.optimizer_betas,',
    '            eps=self.optimizer_eps,',
    '            weight_decay=self.optimizer_weight_decay,',
    '        )',
    '',
    '    def get_scheduler_preset(self):',
    '        return DiffuserSchedulerConfig(name=self.scheduler_name, num_warmup_steps=self.scheduler_warmup_steps)',
    '',
  ].join('\n');

  test('AdamConfig builds torch Adam (coupled L2) with the fields the preset passes; the scheduler name is the schedule', () => {
    const x = extract(policy('AdamConfig'), 'configuration_toy.py');
    expect(x.ecosystem).toBe('lerobot');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adam', line: 20, weightDecaySemantics: 'coupled-l2' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 12, source: 'written' });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, line: 13 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.99, line: 13 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 1e-5, line: 15 });
    expect(value(x, 'schedule')).toMatchObject({ value: 'linear', line: 16 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 250, line: 17 });
  });

  test('AdamWConfig builds torch AdamW, whose decay is decoupled', () => {
    const x = extract(policy('AdamWConfig'), 'configuration_toy.py');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', line: 20 });
    expect(x.optimizers[0]?.weightDecaySemantics).not.toBe('coupled-l2');
  });
});

describe("a schedule's config call is a schedule block", () => {
  test('the name keyword of a *SchedulerConfig call is the schedule, not the optimizer', () => {
    const text = [
      'import torch',
      'from mylib.optim import WarmupSchedulerConfig',
      '',
      'def build(model):',
      '    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)',
      '    sched = WarmupSchedulerConfig(name="cosine", num_warmup_steps=100)',
      '    return opt, sched',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]?.name).toMatch(/AdamW$/);
    expect(value(x, 'schedule')).toMatchObject({ value: 'cosine', line: 6 });
  });

  test("a diffusion model's noise scheduler is no learning-rate schedule", () => {
    const text = [
      'import torch',
      'from diffusers import DDPMScheduler',
      '',
      'noise_scheduler = DDPMScheduler(num_train_timesteps=1000, beta_schedule="linear")',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(value(x, 'schedule')?.source ?? 'default').toBe('default');
  });
});

describe('decoy blocks spelled out', () => {
  test("a model's `normalization=` block holds a norm layer's eps, not Adam's", () => {
    const text = [
      'from mylib import layers, optimizers',
      '',
      'def model_config():',
      '    cfg = layers.Model.default_config()',
      '    cfg.normalization = layers.RMSNorm.default_config().set(eps=1e-5)',
      '    return cfg',
      '',
      'def learner_config():',
      '    return optimizers.adamw_optimizer(learning_rate=3e-4, b1=0.9, b2=0.95, weight_decay=0.1)',
      '',
    ].join('\n');
    const x = extract(text, 'model.py');
    expect(x.optimizers.every((o) => o.hyperparameters.eps?.line !== 5)).toBe(true);
  });

  test("an RL advantage estimator's eps is not the optimizer's", () => {
    const text = [
      'trainer:',
      '  lr: 1.0e-6',
      '  weight_decay: 0.1',
      '  advantage_estimator:',
      '    name: grpo',
      '    eps: 1.0e-8',
      '  total_steps: 200',
      '',
    ].join('\n');
    const x = extract(text, 'rl.yaml');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-6, line: 2 });
    expect(x.optimizers.every((o) => o.hyperparameters.eps?.line !== 6)).toBe(true);
  });
});

test('an --accum-freq flag is the gradient accumulation (batches per optimizer step)', () => {
  const text = [
    'import argparse',
    'parser = argparse.ArgumentParser()',
    'parser.add_argument("--lr", type=float, default=5e-4)',
    'parser.add_argument("--accum-freq", type=int, default=4, help="Update the model every --accum-freq steps.")',
    'parser.add_argument("--opt", type=str, default="adamw")',
    'args = parser.parse_args()',
    '',
  ].join('\n');
  const x = extract(text, 'params.py');
  expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 4, source: 'written' });
});

describe('Python: what a builder function returns', () => {
  test('`return model, loader` is one tuple: the caller unpacking it keeps the DataLoader the function wrote', () => {
    const text = [
      'import torch',
      'from torch.utils.data import DataLoader',
      '',
      'def build(name):',
      '    data = load(name)',
      '    loader = DataLoader(data, batch_size=24, shuffle=True)',
      '    net = make(name)',
      '    return net, loader',
      '',
      'if __name__ == "__main__":',
      '    net, loader = build("toy")',
      '    opt = torch.optim.AdamW(net.parameters(), lr=3e-4)',
      '',
    ].join('\n');
    const x = extract(text, 'toy_train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 24, line: 6, source: 'written' });
  });

  test('adjusting a parsed option in main() (`args.accum = max(1, args.accum)`) configures no run of its own', () => {
    const text = [
      'import argparse',
      'import torch',
      '',
      'def parse():',
      '    parser = argparse.ArgumentParser()',
      '    parser.add_argument("--lr", type=float, default=0.1)',
      '    parser.add_argument("--grad-accum-steps", type=int, default=1)',
      '    args = parser.parse_args()',
      '    return args, str(args)',
      '',
      'def main():',
      '    args, text = parse()',
      '    args.grad_accum_steps = max(1, args.grad_accum_steps)',
      '    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)',
      '',
      'if __name__ == "__main__":',
      '    main()',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(x.optimizers).toHaveLength(1);
    expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 6 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 1, line: 7 });
  });
});

describe('a comment alone on the line above a setting is its help', () => {
  const text = (gap: string): string => [
    'import torch',
    'from dataclasses import dataclass',
    '',
    '@dataclass',
    'class TrainConfig:',
    '    # AdamW learning rate',
    '    learning_rate: float = 3e-4',
    '    # total training steps',
    `${gap}    update_steps: int = 50_000`,
    '',
    'config = TrainConfig()',
    'optim = torch.optim.AdamW(model.parameters(), lr=config.learning_rate)',
    '',
  ].join('\n');

  test('`# total training steps` over `update_steps` makes it the run length', () => {
    const x = extract(text(''), 'train.py');
    expect(value(x, 'steps')).toMatchObject({ value: 50000, line: 9, source: 'written' });
  });

  test('a blank line between them breaks the link', () => {
    const x = extract(text('\n'), 'train.py');
    expect(value(x, 'steps')?.source ?? 'default').toBe('default');
  });
});

describe('a `for _ in range(n):` loop repeats the code inside', () => {
  const script = (variable: string): string => [
    'import torch',
    'num_trials = 3',
    `for ${variable} in range(num_trials):`,
    '    train_steps = 2500',
    '    opt = torch.optim.AdamW(model.parameters(), lr=0.008, betas=(0.8, 0.95))',
    '',
  ].join('\n');

  test('its settings are the run\'s, as at the top of the script', () => {
    const x = extract(script('_'), 'train_gpt.py');
    expect(value(x, 'steps')).toMatchObject({ value: 2500, line: 4, source: 'written' });
    expect(value(x, 'lr')).toMatchObject({ value: 0.008, line: 5 });
  });

  test('a loop over a variable it uses stays a loop', () => {
    const x = extract(script('trial'), 'train_gpt.py');
    expect(value(x, 'steps')?.source ?? 'default').toBe('default');
  });
});
