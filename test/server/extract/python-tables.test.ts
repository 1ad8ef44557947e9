/**
 * The Python ecosystem tables through the whole extraction: plain PyTorch, optax, nanoGPT, modded-nanogpt
 * and OpenMMLab files written the ways their users write them.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('plain PyTorch', () => {
  test('torch.optim.Adam with weight_decay is coupled L2; defaults are torch\'s', () => {
    const text = 'import torch\nopt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=0.01)\n';
    const x = extract(text, 'train.py');
    expect(x.ecosystem).toBe('pytorch');
    const [adam] = x.optimizers;
    expect(adam).toMatchObject({ kind: 'adam', weightDecaySemantics: 'coupled-l2', line: 2 });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, source: 'written', key: 'opt.lr', line: 2 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.999, source: 'default' });
    expect(x.findings.map((f) => f.code)).toContain('coupled-l2-weight-decay');
  });

  test('AdamW through an aliased import, positional lr, a parameter-group weight decay', () => {
    const text = [
      'import torch.optim as optim',
      'groups = [{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}]',
      'def build():',
      '    return optim.AdamW(groups, 3e-4, betas=(0.9, 0.95))',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(x.ecosystem).toBe('pytorch');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', weightDecaySemantics: 'lr', implementation: 'torch.optim.AdamW' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, raw: '3e-4', line: 4 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 2 });
    expect(value(x, 'beta2')?.value).toBe(0.95);
  });

  test('two optimizers in one script are both reported', () => {
    const text = 'import torch\ng = torch.optim.SGD(gen.parameters(), lr=0.1, momentum=0.9)\nd = torch.optim.AdamW(disc.parameters(), lr=2e-4)\n';
    const x = extract(text, 'gan.py');
    expect(x.optimizers.map((o) => [o.kind, o.hyperparameters.lr?.value])).toEqual([
      ['sgd', 0.1],
      ['adamw', 2e-4],
    ]);
    expect(value(x, 'momentum')?.value).toBe(0.9);
  });
});

describe('optax', () => {
  test('adamw in a chain, with a warmup-cosine schedule as its learning rate', () => {
    const text = [
      'import optax',
      'schedule = optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=3e-4, warmup_steps=2_000, decay_steps=100_000)',
      'tx = optax.chain(optax.clip_by_global_norm(1.0), optax.adamw(learning_rate=schedule, b2=0.95, weight_decay=0.1))',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(x.ecosystem).toBe('optax');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', implementation: 'optax.adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 2 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, source: 'default' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'written' });
    expect(value(x, 'warmupSteps')?.value).toBe(2000);
    expect(value(x, 'steps')?.value).toBe(100000);
  });

  test('optax.adam takes no weight decay; sgd without momentum has none', () => {
    const x = extract('import optax\na = optax.adam(1e-3)\nb = optax.sgd(0.1)\n', 'train.py');
    expect(x.optimizers.map((o) => [o.kind, o.weightDecaySemantics, o.hyperparameters.lr?.value])).toEqual([
      ['adam', 'none', 1e-3],
      ['sgd', 'none', 0.1],
    ]);
    expect(value(x, 'momentum', 1)).toMatchObject({ value: 0, source: 'default' });
  });
});

describe('nanoGPT', () => {
  test('a config override file takes train.py defaults for what it leaves out', () => {
    const text = "out_dir = 'out-shakespeare-char'\nbatch_size = 64\nblock_size = 256\ngradient_accumulation_steps = 1\nlearning_rate = 1e-3\nmax_iters = 5000\nlr_decay_iters = 5000\nbeta2 = 0.99\nwarmup_iters = 100\n";
    const x = extract(text, 'config/train_shakespeare_char.py');
    expect(x.ecosystem).toBe('nanogpt');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, source: 'written', line: 5 });
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, source: 'default' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.99, source: 'written' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
    // gradient_accumulation_steps is the total over all GPUs: global batch = batch_size × accumulation.
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 64, source: 'derived' });
    expect(x.tokensPerStep?.value).toBe(64 * 256);
  });

  test('a script of its lineage writing micro_batch_size: batch_size is the global batch, no default accumulation', () => {
    const text = ['eval_interval = 50', 'learning_rate = 2e-4', 'batch_size = 64', 'micro_batch_size = 8',
      'max_iters = 2000', 'warmup_iters = 50', 'block_size = 512', ''].join('\n');
    const x = extract(text, 'finetune.py');
    expect(x.ecosystem).toBe('nanogpt');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 64, source: 'written', line: 3 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, source: 'written', line: 4 });
    expect(value(x, 'gradAccum')?.source).not.toBe('default');
  });

  test('micro_batch_size = batch_size copies the batch: batch_size stays the micro-batch', () => {
    const text = ['eval_iters = 20', 'log_interval = 5', 'learning_rate = 1e-3', 'batch_size = 6',
      'micro_batch_size = batch_size', 'max_iters = 900', 'warmup_iters = 30', ''].join('\n');
    const x = extract(text, 'finetune.py');
    expect(x.ecosystem).toBe('nanogpt');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 6, source: 'written', line: 4 });
  });

  test('decay_lr = False is a constant schedule', () => {
    const x = extract('decay_lr = False\nlearning_rate = 6e-4\nlr_decay_iters = 10\nblock_size = 64\n', 'train.py');
    expect(x.ecosystem).toBe('nanogpt');
    expect(x.scheduleKinds[0]).toBe('constant');
  });
});

describe('modded-nanogpt', () => {
  test('a 2025 record: DistAdam + Muon, token batches, a cooldown schedule function', () => {
    const text = [
      '@dataclass',
      'class Hyperparameters:',
      '    train_seq_len = 48 * 1024 # FlexAttention sequence length',
      '    val_seq_len = 4 * 64 * 1024',
      '    num_iterations = 1770',
      '    cooldown_frac = 0.4',
      'args = Hyperparameters()',
      'optimizer1 = DistAdam(scalar_params + head_params + embed_params, lr=0.008, betas=(0.8, 0.95), eps=1e-10, weight_decay=0.0)',
      'optimizer2 = Muon(hidden_matrix_params, lr=0.05, momentum=0.95, weight_decay=0.0)',
      'def get_lr(step: int):',
      '    x = step / args.num_iterations',
      '    if x < 1 - args.cooldown_frac:',
      '        return 1.0',
      '    else:',
      '        w = (1 - x) / args.cooldown_frac',
      '        return w * 1.0 + (1 - w) * 0.1',
      '',
    ].join('\n');
    const x = extract(text, 'train_gpt.py');
    expect(x.ecosystem).toBe('modded-nanogpt');
    expect(x.optimizers.map((o) => [o.name, o.kind, o.appliesTo])).toEqual([
      ['DistAdam', 'adamw', 'embeddings, lm_head and scalar parameters'],
      ['Muon', 'muon', 'hidden weight matrices (transformer blocks)'],
    ]);
    expect(value(x, 'eps')).toMatchObject({ value: 1e-10, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 49152, unit: 'tokens' });
    expect(value(x, 'schedule', 1)).toMatchObject({ value: 'trapezoidal', line: 12 });
    expect(x.scheduleKinds).toEqual(['wsd', 'wsd']);
  });

  test('HEAD NorMuonAndAdam: two optimizers from one call, Adam decaying by lr²·λ', () => {
    const text = [
      '@dataclass',
      'class Hyperparameters:',
      '    num_iterations: int = 1640',
      '    cooldown_frac: float = 0.5',
      'args = Hyperparameters()',
      'optimizer = NorMuonAndAdam(',
      '    model.named_parameters(),',
      '    adam_defaults=dict(lr=0.008, eps=1e-10, weight_decay=0.005),',
      '    normuon_defaults=dict(lr=0.023, momentum=0.95, beta2=0.95, weight_decay=1.2),',
      ')',
      '',
    ].join('\n');
    const x = extract(text, 'train_gpt.py');
    expect(x.ecosystem).toBe('modded-nanogpt');
    const adam = x.optimizers.find((o) => o.kind === 'adamw');
    const muon = x.optimizers.find((o) => o.kind === 'muon');
    expect(adam).toMatchObject({ weightDecaySemantics: 'lr-squared', appliesTo: 'embeddings, lm_head and scalar parameters' });
    expect(adam?.hyperparameters.eps?.value).toBe(1e-10);
    expect(muon).toMatchObject({ weightDecaySemantics: 'lr', appliesTo: 'hidden weight matrices (transformer blocks)' });
    expect(muon?.hyperparameters.weightDecay?.value).toBe(1.2);
    expect(muon?.hyperparameters.steps?.value).toBe(1640);
  });
});

describe('OpenMMLab', () => {
  test('an mmcv 1.x optimizer dict with a step policy', () => {
    const text = [
      "optimizer = dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001)",
      'optimizer_config = dict(grad_clip=None)',
      "lr_config = dict(policy='step', warmup='linear', warmup_iters=500, step=[8, 11])",
      "runner = dict(type='EpochBasedRunner', max_epochs=12)",
      '',
    ].join('\n');
    const x = extract(text, 'configs/_base_/schedules/schedule_1x.py');
    expect(x.ecosystem).toBe('mmlab');
    expect(x.optimizers[0]).toMatchObject({ name: 'SGD', kind: 'sgd', line: 1 });
    expect(value(x, 'momentum')?.value).toBe(0.9);
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 3 });
    expect(value(x, 'steps')).toBeUndefined();
  });

  test('a pure-Python config names the class itself', () => {
    const text = 'from torch.optim import AdamW\noptim_wrapper = dict(type=OptimWrapper, optimizer=dict(type=AdamW, lr=4e-3, weight_decay=0.05))\nparam_scheduler = [dict(type=LinearLR, end=20)]\n';
    const x = extract(text, 'configs/convnext.py');
    expect(x.ecosystem).toBe('mmlab');
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.AdamW', kind: 'adamw' });
    expect(value(x, 'lr')?.value).toBe(4e-3);
  });
});

describe('plain PyTorch with argparse', () => {
  test('the optimizer reads argparse defaults; run settings come from the options', () => {
    const text = [
      'import argparse, torch',
      'parser = argparse.ArgumentParser()',
      "parser.add_argument('--lr', type=float, default=1e-3)",
      "parser.add_argument('--batch-size', type=int, default=64)",
      "parser.add_argument('--max-steps', type=int, default=20_000)",
      "parser.add_argument('--fp16', action='store_true')",
      'args = parser.parse_args()',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)',
      '',
    ].join('\n');
    const x = extract(text, 'train.py');
    expect(x.ecosystem).toBe('pytorch');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 3, key: '--lr', raw: '1e-3' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 64, line: 4 });
    expect(value(x, 'steps')?.value).toBe(20000);
    expect(x.fp16?.value).toBe(false);
  });
});

describe("Tianshou's AdamOptimizerFactory", () => {
  test("is torch Adam with the factory's defaults, so the run is predicted", () => {
    const text = 'from tianshou.algorithm.optim import AdamOptimizerFactory\n\n' +
      'def main(actor_lr: float = 1e-3, batch_size: int = 64) -> None:\n' +
      '    actor_optim = AdamOptimizerFactory(lr=actor_lr)\n';
    const x = extract(text, 'train_agent.py');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adam', implementation: 'torch.optim.Adam (Tianshou AdamOptimizerFactory)' });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 3 });
  });
});
