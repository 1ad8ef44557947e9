/**
 * T5X (gin files): the run is bound on configurables. Batch size is the global batch
 * (`train/utils.DatasetConfig.batch_size`, usually through a `BATCH_SIZE` macro), gradient accumulation is
 * `trainer.Trainer.num_microbatches`, the schedule is `utils.create_learning_rate_scheduler` (a product of
 * factors), and the optimizer is a configurable (`OPTIMIZER = @adafactor.Adafactor()`).
 * Sources: google-research/t5x@cc342d419ec3 t5x/configs/runs/finetune.gin (BATCH_SIZE, TRAIN_STEPS macros),
 * t5x/trainer.py (`num_microbatches`: the batch is split into this many microbatches whose gradients are
 * accumulated), t5x/utils.py `create_learning_rate_scheduler` defaults (also copied verbatim in
 * huggingface/transformers examples/flax/language-modeling/run_t5_mlm_flax.py).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';
import { OPTAX_NAMES } from './optax';
import { OPTAX_SCHEDULE_KINDS, OPTAX_SCHEDULES } from './optax-schedules';

const SCHEDULER =
  't5x/utils.py create_learning_rate_scheduler(factors="constant * linear_warmup * rsqrt_decay", ' +
  'base_learning_rate=0.5, warmup_steps=1000)';
const ADAFACTOR: OptimizerInfo = unmodelled('t5x.adafactor.Adafactor');

export const t5x: EcosystemTable = {
  id: 't5x',
  displayName: 'T5X',
  formats: ['gin'],
  detect: {
    keys: [
      { pattern: 'trainer.Trainer', weight: 3 },
      { pattern: 'utils.create_learning_rate_scheduler', weight: 3 },
      { pattern: 'train.utils.DatasetConfig', weight: 2 },
      { pattern: 'TRAIN_STEPS', weight: 1 },
      { pattern: 'MIXTURE_OR_TASK_NAME', weight: 2 },
      // seqio's feature lengths macro, which T5X's run gins pass to every DatasetConfig (google-research/t5x
      // t5x/configs/runs/pretrain.gin `train/utils.DatasetConfig.task_feature_lengths = %TASK_FEATURE_LENGTHS`).
      { pattern: 'TASK_FEATURE_LENGTHS', weight: 2 },
    ],
    callees: [
      { name: 't5x.utils', weight: 3 },
      { name: 't5x.adafactor', weight: 3 },
    ],
  },
  run: {
    lr: ['utils.create_learning_rate_scheduler.base_learning_rate'],
    globalBatchSize: ['train.utils.DatasetConfig.batch_size', 'BATCH_SIZE'],
    gradAccum: ['trainer.Trainer.num_microbatches'],
    steps: ['TRAIN_STEPS', 'train_script.train.total_steps'],
    warmupSteps: ['utils.create_learning_rate_scheduler.warmup_steps'],
    schedule: ['utils.create_learning_rate_scheduler.factors'],
  },
  optimizers: [
    {
      at: '',
      callees: [
        'adafactor.Adafactor',
        'Adafactor',
        'optax.adamw',
        'optax.adam',
        'optax.sgd',
        'optax.nadamw',
        'optax.lion',
        'optimizers.MultiOptimizer',
      ],
      nameKeys: [],
      hyperparameters: {
        lr: ['learning_rate'],
        beta1: ['b1'],
        beta2: ['b2'],
        eps: ['eps'],
        weightDecay: ['weight_decay'],
      },
      names: {
        'adafactor.Adafactor': ADAFACTOR,
        Adafactor: ADAFACTOR,
        // optax's own aliases, with their defaults (optax optax/_src/alias.py).
        ...OPTAX_NAMES,
        '*': unmodelled('T5X optimizer (by configurable)'),
      },
    },
  ],
  defaults: {
    lr: { value: 0.5, from: SCHEDULER },
    warmupSteps: { value: 1000, from: SCHEDULER },
    schedule: { value: 'constant * linear_warmup * rsqrt_decay', from: SCHEDULER },
  },
  batch: {},
  // T5X wraps optax (t5x/optimizers.py): an optax schedule can be bound as an optax optimizer's learning_rate.
  scheduleFactories: OPTAX_SCHEDULES,
  schedules: {
    ...OPTAX_SCHEDULE_KINDS,
    constant: 'constant',
    'constant * rsqrt_decay': 'inverse-sqrt',
    'constant * linear_warmup * rsqrt_decay': 'inverse-sqrt',
  },
};
export default t5x;
