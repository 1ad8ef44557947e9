/**
 * EasyLM (JAX on TPU pods): launch scripts pass mlxu flags with dotted config paths to `EasyLM.models.*_train`
 * (`--optimizer.adamw_optimizer.lr=3e-4`, `--train_dataset.json_dataset.batch_size=2048`). `--optimizer.type` picks
 * the factory (`adamw`, default, or `palm`); AdamW is `optax.adamw` behind a warmup-cosine-decay schedule. The
 * dataset's `batch_size` is the batch of the whole pod: the data loader yields it in one array that pjit shards over
 * the mesh.
 * Sources: young-geng/EasyLM@fe5b2c35 EasyLM/optimizers.py (OptimizerFactory: accumulate_gradient_steps=1,
 * type='adamw'; AdamWOptimizerFactory: lr=0.01, lr_warmup_steps=2000, b1=0.9, b2=0.95, weight_decay=1e-4,
 * optax.warmup_cosine_decay_schedule(init_lr, lr, lr_warmup_steps, lr_decay_steps, end_lr)), EasyLM/data.py
 * (JsonDataset and HuggingfaceDataset: seq_length=1024, batch_size=8, one `batch_size × seq_length` chunk per step),
 * EasyLM/models/llama/llama_train.py (total_steps=10000), docs/optimizer.md.
 */
import type { DefaultValue, EcosystemTable } from './types';
import { unmodelled } from './optimizer-names';

const OPTIMIZERS = 'young-geng/EasyLM@fe5b2c35 EasyLM/optimizers.py';
const DATA = 'young-geng/EasyLM@fe5b2c35 EasyLM/data.py';
const of = (value: number | string, from: string): DefaultValue => ({ value, from });
const ADAMW = '--optimizer.adamw_optimizer';
const DATASETS = ['--train_dataset.json_dataset', '--train_dataset.huggingface_dataset'];

export const easylm: EcosystemTable = {
  id: 'easylm',
  displayName: 'EasyLM',
  formats: ['shell'],
  detect: {
    keys: [
      { pattern: `${ADAMW}.lr`, weight: 3 },
      { pattern: `${ADAMW}.lr_warmup_steps`, weight: 2 },
      { pattern: `${ADAMW}.end_lr`, weight: 2 },
      { pattern: '--optimizer.palm_optimizer.lr', weight: 3 },
      { pattern: '--optimizer.accumulate_gradient_steps', weight: 3 },
      { pattern: '--train_dataset.json_dataset.path', weight: 3 },
      { pattern: '--train_dataset.huggingface_dataset.path', weight: 3 },
      { pattern: '--load_llama_config', weight: 2 },
      { pattern: '--save_milestone_freq', weight: 1 },
    ],
  },
  run: {
    globalBatchSize: DATASETS.map((d) => `${d}.batch_size`),
    seqLen: DATASETS.map((d) => `${d}.seq_length`),
    gradAccum: ['--optimizer.accumulate_gradient_steps'],
    steps: ['--total_steps'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: ['--optimizer.type'],
      defaultName: 'adamw',
      hyperparameters: {
        lr: [`${ADAMW}.lr`],
        beta1: [`${ADAMW}.b1`],
        beta2: [`${ADAMW}.b2`],
        weightDecay: [`${ADAMW}.weight_decay`],
        warmupSteps: [`${ADAMW}.lr_warmup_steps`],
      },
      // The `palm` factory's own block (`--optimizer.palm_optimizer.*`) is left to role inference: its Adafactor
      // with a scheduled decay is no optimizer the science models.
      onlyFor: { lr: ['adamw'], beta1: ['adamw'], beta2: ['adamw'], weightDecay: ['adamw'], warmupSteps: ['adamw'] },
      names: {
        adamw: {
          kind: 'adamw',
          implementation: 'optax.adamw (EasyLM AdamWOptimizerFactory)',
          weightDecaySemantics: 'lr',
          defaults: {
            lr: of(0.01, `${OPTIMIZERS}: AdamWOptimizerFactory lr = 0.01`),
            beta1: of(0.9, `${OPTIMIZERS}: AdamWOptimizerFactory b1 = 0.9`),
            beta2: of(0.95, `${OPTIMIZERS}: AdamWOptimizerFactory b2 = 0.95`),
            // Not passed by the factory: optax's own default (google-deepmind/optax optax/_src/alias.py adamw).
            eps: of(1e-8, 'optax optax/_src/alias.py: adamw(..., eps=1e-8)'),
            weightDecay: of(1e-4, `${OPTIMIZERS}: AdamWOptimizerFactory weight_decay = 1e-4`),
            warmupSteps: of(2000, `${OPTIMIZERS}: AdamWOptimizerFactory lr_warmup_steps = 2000`),
            schedule: of('cosine', `${OPTIMIZERS}: optax.warmup_cosine_decay_schedule`),
          },
        },
        palm: unmodelled('EasyLM PalmOptimizerFactory (unfactored optax.adafactor, scheduled weight decay)'),
        '*': unmodelled('EasyLM optimizer (by --optimizer.type)'),
      },
    },
  ],
  defaults: {
    gradAccum: of(1, `${OPTIMIZERS}: OptimizerFactory accumulate_gradient_steps = 1`),
    globalBatchSize: of(8, `${DATA}: JsonDataset batch_size = 8`),
    seqLen: of(1024, `${DATA}: JsonDataset seq_length = 1024`),
    steps: of(10000, 'young-geng/EasyLM@fe5b2c35 EasyLM/models/llama/llama_train.py: total_steps=10000'),
  },
  notRoles: [
    { key: `${ADAMW}.end_lr`, reason: 'the learning rate the cosine decay ends at',
      source: `${OPTIMIZERS}: end_value=config.end_lr` },
    { key: `${ADAMW}.init_lr`, reason: 'the learning rate the warmup starts from',
      source: `${OPTIMIZERS}: init_value=config.init_lr` },
  ],
  batch: {},
  schedules: { cosine: 'cosine' },
};
export default easylm;
