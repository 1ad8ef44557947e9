/**
 * Run lengths and batches under keys no framework table spells (roles/vocabulary.ts, roles/candidates.ts): iteration
 * counts of a training block, each on made-up files, with the places the same words must not be read.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('run lengths in iterations', () => {
  test('`total_iter` of a training block is the run length; a schedule milestone beside it is not', () => {
    const text = [
      'train:',
      '  optim_g:',
      '    type: AdamW',
      '    lr: 2.0e-4',
      '  scheduler:',
      '    type: MultiStepLR',
      '    milestones: [50000, 80000]',
      '  total_iter: 90000',
      '  warmup_iter: -1',
      '',
    ].join('\n');
    const x = extract(text, 'restore.yml');
    expect(value(x, 'steps')).toMatchObject({ value: 90000, line: 8, source: 'written' });
  });

  test('`num_iters` at the top level is the run length, and in an evaluation block it is not', () => {
    const x = extract('optimizer: adam\nlr: 1.0e-4\nnum_iters: 12000\n', 'codec.yml');
    expect(value(x, 'steps')).toMatchObject({ value: 12000, line: 3, source: 'written' });
    const y = extract('optimizer: adam\nlr: 1.0e-4\nvalidation:\n  num_iters: 50\n', 'codec.yml');
    expect(value(y, 'steps')?.source).not.toBe('written');
  });

  test("a LinearLR's `total_iters` is still its ramp, not the run length", () => {
    const text = 'scheduler = dict(type="LinearLR", start_factor=0.01, total_iters=700)\noptim = dict(lr=3e-4)\n';
    const x = extract(text, 'cfg.py');
    expect(value(x, 'steps')?.source).not.toBe('written');
  });
});

describe('a plain batch size beside a micro-batch', () => {
  test('in the signature of a training function it is the global batch the micro-batches make up', () => {
    const text = [
      'import fire',
      '',
      'def train(',
      '    batch_size: int = 256,',
      '    micro_batch_size: int = 8,',
      '    learning_rate: float = 1e-4,',
      '):',
      '    return batch_size // micro_batch_size',
      '',
      'fire.Fire(train)',
      '',
    ].join('\n');
    const x = extract(text, 'tune.py');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 4, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 5, source: 'written' });
  });

  test('as launcher flags', () => {
    const x = extract('python pretrain.py --lr 3e-4 --batch-size 512 --micro-batch-size 4\n', 'run.sh');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512, line: 1, source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 4, line: 1, source: 'written' });
  });

  test('alone, or beside an evaluation batch, it stays the per-device batch', () => {
    const x = extract('training:\n  lr: 1.0e-3\n  batch_size: 32\n  eval_batch_size: 8\n', 'cfg.yaml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 32, line: 3, source: 'written' });
    expect(value(x, 'globalBatchSize')?.source).not.toBe('written');
  });
});

describe("a PPO worker's token budget per GPU", () => {
  const launch = (dynamic: string): string => [
    'python3 -m trainer.main_ppo \\',
    '    data.train_batch_size=256 \\',
    '    actor_rollout_ref.actor.optim.lr=2e-6 \\',
    '    actor_rollout_ref.actor.ppo_mini_batch_size=32 \\',
    `    actor_rollout_ref.actor.use_dynamic_bsz=${dynamic} \\`,
    '    actor_rollout_ref.actor.ppo_max_token_len_per_gpu=24000 \\',
    '    actor_rollout_ref.rollout.log_prob_max_token_len_per_gpu=48000',
    '',
  ].join('\n');

  test('with dynamic batches on, it is each GPU\'s micro-batch in tokens; the rollout\'s budget is not', () => {
    const x = extract(launch('True'), 'grpo.sh');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 24000, line: 6, source: 'written', unit: 'tokens' });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 32, line: 4, source: 'written' });
  });

  test('with dynamic batches off, it is not read', () => {
    const x = extract(launch('False'), 'grpo.sh');
    expect(value(x, 'microBatchSize')?.source).not.toBe('written');
  });
});

describe('an ESPnet-style speech config', () => {
  const conf = (sampler: string): string => [
    'batch_size: 24',
    'accum_grad: 2',
    sampler,
    'optim: adam',
    'optim_conf:',
    '  lr: 0.002',
    'scheduler: warmuplr',
    'scheduler_conf:',
    '  warmup_steps: 20000',
    '',
  ].join('\n');

  test('counts its batch over all GPUs (ESPnet), unless a sampler hands each card whole batches (PaddleSpeech)', () => {
    expect(value(extract(conf('max_epoch: 50'), 'train_asr.yaml'), 'globalBatchSize'))
      .toMatchObject({ value: 24, line: 1, source: 'written' });
    const x = extract(conf('dist_sampler: True'), 'train_asr.yaml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 24, line: 1, source: 'written' });
    expect(value(x, 'globalBatchSize')?.source).not.toBe('written');
  });
});

describe('a comment about the total batch', () => {
  test('that gives the total its own number leaves the value per device', () => {
    const x = extract('batch_size: 8  # total batch size is 64\niters: 80000\noptimizer:\n  type: SGD\n', 'seg.yml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 1, source: 'written' });
    expect(value(x, 'globalBatchSize')?.source).not.toBe('written');
  });

  test('that says the value is the total makes it the global batch', () => {
    const x = extract('batch_size: 64  # total batch size over all GPUs\noptimizer:\n  type: SGD\n', 'seg.yml');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 64, line: 1, source: 'written' });
  });
});

describe('a launcher that leaves a variable to the script it sources', () => {
  const script = (own: string): string => [
    'DEFAULT_GRAD_ACCUM=4',
    own,
    'source scripts/setup.sh',
    'torchrun train.py --learning_rate 1e-5 --gradient_accumulation_steps $GRAD_ACCUM',
    '',
  ].join('\n');

  test('passes on its DEFAULT_<name>, which that script takes unless the environment sets the name', () => {
    const x = extract(script(''), 'sft.sh');
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 1, source: 'written' });
  });

  test('but a value the launcher sets itself is the one passed', () => {
    const x = extract(script('GRAD_ACCUM=8'), 'sft.sh');
    expect(value(x, 'gradAccum')).toMatchObject({ value: 8, line: 2, source: 'written' });
  });
});

describe('more spellings of run lengths, batches and accumulation', () => {
  test('per-card images, accumulation iterations, optimizer steps and warmup iterations', () => {
    const text = [
      'run:',
      '  images_per_gpu: 2',
      '  accum_grad_iters: 4',
      '  num_optimizer_steps: 30000',
      '  warmup_iterations: 500',
      '  max_seqlen: 2048',
      'optimizer:',
      '  lr: 1.0e-4',
      '',
    ].join('\n');
    const x = extract(text, 'cfg.yaml');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, line: 2, source: 'written' });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 4, line: 3, source: 'written' });
    expect(value(x, 'steps')).toMatchObject({ value: 30000, line: 4, source: 'written' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 5, source: 'written' });
    expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 6, source: 'written' });
  });

  test("detectron2-style IMS_PER_BATCH is the global batch, and the evaluation's is not read", () => {
    const x = extract('SOLVER:\n  BASE_LR: 0.02\n  IMS_PER_BATCH: 16\nTEST:\n  IMS_PER_BATCH: 1\n', 'base.yaml');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 16, line: 3, source: 'written' });
  });
});

describe("a script that drives Brax's trainers", () => {
  const script = (imports: string): string => [
    imports,
    'from absl import flags',
    '',
    "_LR = flags.DEFINE_float('learning_rate', 3e-4, 'Learning rate.')",
    "_BATCH_SIZE = flags.DEFINE_integer('batch_size', 256, 'Batch size.')",
    '',
  ].join('\n');

  test('passes on a batch of every device together: the global batch', () => {
    const x = extract(script('from brax.training.agents.ppo import train as ppo'), 'learn.py');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 5, source: 'written' });
  });

  test('without them, the same flag stays the per-device batch', () => {
    const x = extract(script('import torch'), 'learn.py');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 256, line: 5, source: 'written' });
  });
});
