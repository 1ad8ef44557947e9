/**
 * Words whose role the block around them or a sibling beside them decides (server/extract/roles/block-words.ts),
 * the block names that say where a key sits (`lr_sched`, `regime`, `dataset_conf`, `filter_conf`), and the names
 * role inference now knows (`learner`, `target`, `grad_accumulation`, `warm_up_steps`, `max_num_tokens`): each on a
 * small text written for the test, in the style of a framework that writes it.
 */
import { describe, expect, test } from 'vitest';
import type { HyperparameterName } from '../../../core/hyperparams';
import { extract, type Extraction } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

/** Every written value of a role, over all optimizers, as `line: raw`. */
function written(x: Extraction, name: HyperparameterName): string[] {
  return x.optimizers.flatMap((o) => {
    const v = o.hyperparameters[name];
    return v?.source === 'written' ? [`${v.line}: ${v.raw}`] : [];
  });
}

describe('a generic word read by its block', () => {
  test("a regularizer block's `coeff` / `factor` is the weight decay (Paddle's L2Decay)", () => {
    const x = extract(lines(
      'Optimizer:',
      '  name: Momentum',
      '  momentum: 0.9',
      '  lr:',
      '    name: Piecewise',
      '    learning_rate: 0.1',
      '  regularizer:',
      "    name: 'L2'",
      '    coeff: 0.0001',
    ), 'resnet.yaml');
    expect(written(x, 'weightDecay')).toEqual(['9: 0.0001']);
    expect(written(x, 'schedule')).toEqual(['5: Piecewise']);
    expect(written(x, 'lr')).toEqual(['6: 0.1']);
    const y = extract(lines('OptimizerBuilder:', '  regularizer:', '    factor: 0.0005', '    type: L2'), 'det.yml');
    expect(written(y, 'weightDecay')).toEqual(['3: 0.0005']);
    // Outside a regularizer, `coeff` is nobody's (a loss coefficient).
    expect(written(extract(lines('loss:', '  coeff: 0.5', 'lr: 0.1'), 'a.yaml'), 'weightDecay')).toEqual([]);
  });

  test("a learning-rate block's start value is the lr where no peak is written; `L2` of a regularization block", () => {
    const x = extract(lines(
      'policy_optim:',
      '  optimizer_type: adamw',
      '  learning_rate:',
      '    initial: 0.0003',
      '    decay_factor: 0.1',
      '    epoch_schedule: [50]',
      '  regularization:',
      '    L2: 0.05',
      'min_std: 0.0001',
    ), 'bc.yaml');
    expect(written(x, 'lr')).toEqual(['4: 0.0003']);
    expect(written(x, 'weightDecay')).toEqual(['8: 0.05']);
    // A schedule dict with a peak (optax's init_value, peak_value, end_value): the peak is the lr, the start is where
    // the warmup starts.
    const y = extract(lines(
      'optimizer:',
      '  learning_rate:',
      '    name: cosine',
      '    init_value: 0.0',
      '    peak_value: 0.0002',
      '    end_value: 0.0',
    ), 'octo.yaml');
    expect(written(y, 'lr')).toEqual(['5: 0.0002']);
    // Outside a learning-rate block, `initial` is nobody's (an initial temperature).
    expect(written(extract(lines('alpha:', '  initial: 0.2', 'lr: 0.1'), 'sac.yaml'), 'lr')).toEqual(['3: 0.1']);
  });

  test('a plain `eps` beside a β2 is the optimizer\'s ε; alone in a block OptLens does not know, nobody\'s', () => {
    const x = extract(lines('paper_settings = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.95, "eps": 1e-6}'), 'hparams.py');
    expect(written(x, 'eps')).toEqual(['1: 1e-6']);
    const y = extract(lines('import torch', 'norm = dict(eps=1e-5, affine=True)',
      'opt = torch.optim.SGD(model.parameters(), lr=0.1)'), 'train.py');
    expect(written(y, 'eps')).toEqual([]);
  });

  test("a gradient accumulation block's `num_batches`, a regime's `num_steps` and a token budget", () => {
    const x = extract(lines(
      'dataset:',
      '  max_num_tokens: 8192',
      'optimizer:',
      '  config:',
      '    lr: 5e-05',
      'trainer:',
      '  grad_accumulation:',
      '    num_batches: 4',
      'regime:',
      '  num_steps: 20_000',
      '  checkpoint_every_n_steps: 1_000',
    ), 'asr.yaml');
    expect(written(x, 'gradAccum')).toEqual(['8: 4']);
    expect(written(x, 'steps')).toEqual(['10: 20_000']);
    const batch = x.optimizers[0]?.hyperparameters.microBatchSize;
    expect(batch).toMatchObject({ value: 8192, line: 2, unit: 'tokens' });
  });

  test("a tokenizer's `max_length` is the sequence length; a generation setting beside it is not", () => {
    const x = extract(lines(
      'tokenizer:',
      '  max_length: 512',
      'prediction:',
      '  max_length_inference: 256',
      'training:',
      '  batch_size: 2',
      '  learning_rate: 0.0001',
      '  grad_accumulation: 1',
      '  optimizer: AdamW',
    ), 'cfg.yaml');
    expect(written(x, 'seqLen')).toEqual(['2: 512']);
    expect(written(x, 'gradAccum')).toEqual(['8: 1']);
    expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', line: 9 });
  });

  test('the word naming a schedule inside a schedule block: `lr_sched.type`, `learning_rate_scheduler.decay`', () => {
    const json = '{\n  "optimizer": {"type": "adamw", "lr": 5e-4},\n  "lr_sched": {\n    "type": "constant"\n  }\n}\n';
    expect(written(extract(json, 'config.json'), 'schedule')).toEqual(['4: "constant"']);
    const ludwig = extract(lines(
      'trainer:',
      '  learning_rate: 0.025',
      '  learning_rate_scheduler:',
      '    decay: exponential',
      '    decay_rate: 0.9',
      '    decay_steps: 10000',
    ), 'ludwig.yaml');
    expect(written(ludwig, 'schedule')).toEqual(['4: exponential']);
    expect(written(ludwig, 'steps')).toEqual([]);
  });

  test("instantiate_from_config's `target` names the schedule of a `scheduler_config`; `warm_up_steps` its warmup", () => {
    const x = extract(lines(
      'model:',
      '  base_learning_rate: 1.0e-4',
      '  params:',
      '    scheduler_config:',
      '      target: sgm.lr_scheduler.LambdaLinearScheduler',
      '      params:',
      '        warm_up_steps: [10000]',
      '        f_start: [1.e-6]',
    ), 'sd.yaml');
    expect(written(x, 'schedule')).toEqual(['5: sgm.lr_scheduler.LambdaLinearScheduler']);
    expect(written(x, 'warmupSteps')).toEqual(['7: 10000']);
    expect(written(x, 'lr')).toEqual(['2: 1.0e-4']);
  });

  test('`learner: adam` names the optimizer (RecBole); an unknown word under it does not', () => {
    const x = extract(lines('train_batch_size: 2048', 'learner: adam', 'learning_rate: 0.001'), 'overall.yaml');
    expect(x.optimizers[0]).toMatchObject({ name: 'adam', line: 2 });
    const y = extract(lines('learner: ppo_agent', 'learning_rate: 0.001'), 'rl.yaml');
    expect(y.optimizers.map((o) => o.name)).not.toContain('ppo_agent');
  });

  test("`warmup_start_lr` in a schedule block is the warmup's start, not a parameter group's learning rate", () => {
    const x = extract(lines(
      'Optimizer:',
      '  name: AdamW',
      '  lr:',
      '    name: Cosine',
      '    learning_rate: 0.002',
      '    warmup_epoch: 20',
      '    warmup_start_lr: 0',
    ), 'mobilenet.yaml');
    expect(written(x, 'lr')).toEqual(['5: 0.002']);
    expect(x.optimizers[0]?.hyperparameters.warmupSteps).toMatchObject({ value: 20, unit: 'epochs' });
  });
});

describe('gin: Trax optimizers and multifactor schedules', () => {
  const gin = lines(
    'batcher.batch_size_per_device = 32',
    'multifactor.constant = 1.0',
    "multifactor.factors = 'constant * linear_warmup * rsqrt_decay'",
    'multifactor.warmup_steps = 20000',
    'Adafactor.beta1 = 0.0',
    'Adafactor.epsilon1 = 1e-16',
    'Adafactor.epsilon2 = 0.001',
    'train.steps = 100000',
    'train.optimizer = @trax.optimizers.Adafactor',
  );

  test("`constant` beside `factors` that multiply it is the lr, `factors` the schedule; Adafactor's ε is epsilon1", () => {
    const x = extract(gin, 'wmt.gin');
    expect(written(x, 'lr')).toEqual(['2: 1.0']);
    expect(written(x, 'schedule')).toEqual(["3: 'constant * linear_warmup * rsqrt_decay'"]);
    expect(written(x, 'eps')).toEqual(['6: 1e-16']);
    expect(written(x, 'warmupSteps')).toEqual(['4: 20000']);
  });

  test('a reference `@trax.optimizers.Adafactor` names the optimizer its `Adafactor.*` bindings configure', () => {
    const x = extract(gin, 'wmt.gin');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ line: 9 });
    expect(x.optimizers[0]?.name).toMatch(/Adafactor$/);
  });

  test("a macro bound into a model's configurable is the model's; a training preprocessor's max_length is the length", () => {
    const x = extract(lines(
      'wmt_preprocess.max_length = 512',
      'train.steps = 1000',
      'max_len = 2048',
      'Transformer.max_len = %max_len',
    ), 'wmt.gin');
    expect(written(x, 'seqLen')).toEqual(['1: 512']);
    // Unbound, a top-level `max_len` is read by its name.
    expect(written(extract(lines('max_len = 2048', 'train.steps = 1000'), 'lm.gin'), 'seqLen')).toEqual(['1: 2048']);
  });

  test("`Momentum.mass` is the momentum; a `constant` with no factors beside it is nobody's", () => {
    const x = extract(lines('Momentum.mass = 0.9', 'train.optimizer = @trax.optimizers.Momentum'), 'resnet.gin');
    expect(written(x, 'momentum')).toEqual(['1: 0.9']);
    expect(written(extract(lines('schedule.constant = 0.5', 'train.steps = 10'), 'a.gin'), 'lr')).toEqual([]);
  });
});

describe('settings blocks named for their stem, and what switches a batch off', () => {
  const wenet = (batchType: string): string => lines(
    'dataset_conf:',
    '    filter_conf:',
    '        max_length: 40960',
    '        token_max_length: 400',
    '    batch_conf:',
    `        batch_type: '${batchType}'`,
    '        batch_size: 24',
    '        max_frames_in_batch: 12000',
    'accum_grad: 4',
    'optim: adam',
    'optim_conf:',
    '    lr: 0.001',
    'scheduler: warmuplr',
    'scheduler_conf:',
    '    warmup_steps: 25000',
  );

  test('`dataset_conf.batch_conf.batch_size` is the batch with a static batch type, not with a dynamic one', () => {
    expect(written(extract(wenet('static'), 'train.yaml'), 'microBatchSize')).toEqual(['7: 24']);
    expect(written(extract(wenet('dynamic'), 'train.yaml'), 'microBatchSize')).toEqual([]);
  });

  test("a data filter's lengths are no sequence length; the scheduler block's warmup is read", () => {
    const x = extract(wenet('static'), 'train.yaml');
    expect(written(x, 'seqLen')).toEqual([]);
    expect(written(x, 'warmupSteps')).toEqual(['15: 25000']);
    expect(written(x, 'gradAccum')).toEqual(['9: 4']);
  });
});

describe('a block that names its optimizer is one run', () => {
  test('each experiment block (FuxiCTR style) is an optimizer of its own with its lr and batch', () => {
    const x = extract(lines(
      'Base:',
      '    verbose: 1',
      'DCN_test:',
      '    optimizer: adam',
      '    learning_rate: 1.0e-3',
      '    batch_size: 128',
      'DCN_default:',
      '    optimizer: adam',
      '    learning_rate: 1.0e-3',
      '    batch_size: 10000',
    ), 'model_config.yaml');
    expect(x.optimizers.map((o) => o.line)).toEqual([4, 8]);
    expect(written(x, 'lr')).toEqual(['5: 1.0e-3', '9: 1.0e-3']);
    expect(written(x, 'microBatchSize')).toEqual(['6: 128', '10: 10000']);
  });

  test('a block naming no optimizer, or one inside an evaluation block, is not a run', () => {
    const x = extract(lines('eval:', '  exp:', '    optimizer: adam', '    batch_size: 64', 'lr: 0.1'), 'a.yaml');
    expect(written(x, 'microBatchSize')).toEqual([]);
    const y = extract(lines('data_test:', '  batch_size: 64', 'optimizer: sgd', 'lr: 0.1'), 'b.yaml');
    expect(written(y, 'microBatchSize')).toEqual([]);
  });
});

describe('Paddle detection and OCR configs', () => {
  test('PaddleDetection: TrainReader is the training loader, EvalReader an evaluation one; a LinearWarmup steps', () => {
    const x = extract(lines(
      'epoch: 270',
      'LearningRate:',
      '  base_lr: 0.001',
      '  schedulers:',
      '  - !PiecewiseDecay',
      '    gamma: 0.1',
      '    milestones: [216, 243]',
      '  - !LinearWarmup',
      '    start_factor: 0.',
      '    steps: 4000',
      'OptimizerBuilder:',
      '  optimizer:',
      '    momentum: 0.9',
      '    type: Momentum',
      '  regularizer:',
      '    factor: 0.0005',
      '    type: L2',
      'TrainReader:',
      '  batch_size: 8',
      'EvalReader:',
      '  batch_size: 1',
    ), 'yolov3.yml');
    expect(written(x, 'warmupSteps')).toEqual(['10: 4000']);
    expect(written(x, 'microBatchSize')).toEqual(['19: 8']);
    expect(written(x, 'weightDecay')).toEqual(['16: 0.0005']);
    // `steps` with no rising start factor beside it is no warmup.
    expect(written(extract(lines('train:', '  steps: 1000', '  lr: 0.1'), 'a.yaml'), 'warmupSteps')).toEqual([]);
  });

  test("PaddleOCR: `Train.loader.batch_size_per_card` is the per-card batch, Eval's is not read", () => {
    const x = extract(lines(
      'Optimizer:',
      '  name: Adam',
      '  lr:',
      '    learning_rate: 0.001',
      'Train:',
      '  loader:',
      '    batch_size_per_card: 256',
      'Eval:',
      '  loader:',
      '    batch_size_per_card: 128',
    ), 'rec.yml');
    expect(written(x, 'microBatchSize')).toEqual(['7: 256']);
  });
});

describe('a Composer time string under max_duration', () => {
  test("`max_duration: 200000ba` of a Hydra-built composer.Trainer is the run's length in batches", () => {
    const x = extract(lines(
      'optimizer:',
      '  _target_: torch.optim.AdamW',
      '  lr: 1.0e-4',
      'trainer:',
      '  _target_: composer.Trainer',
      '  max_duration: 5000ba',
      '  eval_interval: 500ba',
    ), 'train.yaml');
    expect(written(x, 'steps')).toEqual(['6: 5000ba']);
    expect(x.optimizers[0]?.hyperparameters.steps).toMatchObject({ value: 5000 });
  });

  test('an epoch count or a number under the name is not read (lhotse: seconds of audio per batch)', () => {
    expect(written(extract(lines('optimizer:', '  lr: 0.1', 'trainer:', '  max_duration: 3ep'), 'a.yaml'), 'steps'))
      .toEqual([]);
    expect(written(extract(lines('optimizer:', '  lr: 0.1', 'data:', '  max_duration: 600'), 'b.yaml'), 'steps'))
      .toEqual([]);
  });
});

describe('the learning rate a schedule starts from', () => {
  test('is the learning rate where no peak is written beside it', () => {
    const run = extract(lines('run:', '  lr_sched: "cosine"', '  init_lr: 4e-5', '  warmup_lr: 1e-7'), 'run.yaml');
    expect(written(run, 'lr')).toEqual(['3: 4e-5']);
    const flags = extract('python train.py --lr_init 8e-4 --lr_final 1e-5\n', 'launch.sh');
    expect(written(flags, 'lr')).toEqual(['1: 8e-4']);
  });

  test('is where a warmup starts beside a peak, and not read', () => {
    const x = extract(lines('optimizer:', '  type: adamw', '  init_lr: 0.0', '  lr: 0.002'), 'opt.yaml');
    expect(written(x, 'lr')).toEqual(['4: 0.002']);
    const args = lines('import argparse', 'p = argparse.ArgumentParser()', 'p.add_argument("--learning-rate", default=0.1)',
      'p.add_argument("--initial_lr", default=0.01)');
    expect(written(extract(args, 'train.py'), 'lr')).toEqual(['3: 0.1']);
  });
});

describe("a replay buffer's dataset", () => {
  test('its `sample_batch_size` is the batch each training step samples; another call\'s is not read', () => {
    const text = lines(
      'import tensorflow as tf',
      'def train_eval(batch_size=128, learning_rate=3e-4):',
      '    optimizer = tf.keras.optimizers.Adam(learning_rate=learning_rate)',
      '    dataset = replay_buffer.as_dataset(sample_batch_size=batch_size, num_steps=2)',
      '    probe = sampler.draw(sample_batch_size=7)',
    );
    expect(written(extract(text, 'train_eval.py'), 'microBatchSize')).toEqual(['2: 128']);
  });
});
