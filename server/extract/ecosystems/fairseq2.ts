/**
 * fairseq2 recipe configs in Python: a dataclass whose fields are sections built by `default_factory` lambdas,
 * `optimizer: OptimizerSection = field(default_factory=lambda: OptimizerSection(name=ADAMW_OPTIMIZER,
 * config=AdamWConfig(lr=3e-4, betas=(0.9, 0.95))))`. The section's `name` is a registered optimizer (the constant
 * ADAMW_OPTIMIZER is "adamw") and its `config` that optimizer's settings; the schedule is `lr_scheduler.name`
 * (COSINE_ANNEALING_LR is "cosine_annealing") with its `config`; the run length is `regime.num_steps`; a dataset
 * section's `max_num_tokens` is the most tokens a batch holds on each rank, `max_seq_len` the longest sequence.
 * Its YAML files override a recipe's own Python defaults, which they do not show: no table reads them (generic rules
 * do).
 * Source: facebookresearch/fairseq2@02f0d90 src/fairseq2/recipe/config.py (OptimizerSection: name = ADAMW_OPTIMIZER,
 * config = AdamWConfig(); AdamWConfig: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight_decay 0.0, run by torch's AdamW;
 * LRSchedulerSection; CosineAnnealingLRConfig.num_warmup_steps; RegimeSection.num_steps "the maximum number of steps
 * to train for"; GradAccumulationConfig.num_batches "batches to accumulate gradients before an optimizer update").
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { adamKwargs } from './torch-kwargs';
import { unmodelled } from './optimizer-names';

const CONFIG = 'facebookresearch/fairseq2@02f0d90 src/fairseq2/recipe/config.py AdamWConfig';
const ADAMW: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'fairseq2 AdamW (torch.optim.AdamW)',
  weightDecaySemantics: 'lr',
  defaults: {
    lr: { value: 1e-3, from: `${CONFIG}: lr = 1e-3` },
    beta1: { value: 0.9, from: `${CONFIG}: betas = (0.9, 0.999)` },
    beta2: { value: 0.999, from: `${CONFIG}: betas = (0.9, 0.999)` },
    eps: { value: 1e-8, from: `${CONFIG}: eps = 1e-8` },
    weightDecay: { value: 0, from: `${CONFIG}: weight_decay = 0.0` },
  },
};
const ADAFACTOR = unmodelled('fairseq2 Adafactor');

export const fairseq2: EcosystemTable = {
  id: 'fairseq2',
  displayName: 'fairseq2',
  formats: ['python'],
  detect: {
    keys: [],
    // The recipe sections' class names, which no other framework uses.
    callees: [
      { name: 'OptimizerSection', weight: 4 },
      { name: 'LRSchedulerSection', weight: 4 },
      { name: 'RegimeSection', weight: 4 },
      { name: 'ADAMW_OPTIMIZER', weight: 2 },
      { name: 'GangSection', weight: 2 },
    ],
  },
  run: {
    steps: ['**.regime.num_steps'],
    warmupSteps: ['**.lr_scheduler.config.num_warmup_steps'],
    schedule: ['**.lr_scheduler.name'],
    seqLen: ['**.max_seq_len'],
    microBatchSize: [{ key: '**.max_num_tokens', unit: 'tokens' }],
    gradAccum: ['**.trainer.grad_accumulation.num_batches'],
  },
  optimizers: [
    {
      at: '**.optimizer',
      nameKeys: ['name'],
      // OptimizerSection's default name (config.py: name: str = ADAMW_OPTIMIZER).
      defaultName: 'adamw',
      hyperparameters: adamKwargs('config.'),
      names: { ADAMW_OPTIMIZER: ADAMW, adamw: ADAMW, ADAFACTOR_OPTIMIZER: ADAFACTOR, adafactor: ADAFACTOR },
    },
  ],
  defaults: {},
  batch: { unit: 'tokens' },
  // config.py's registered schedule names (COSINE_ANNEALING_LR = "cosine_annealing", PASSTHROUGH_LR = "passthrough");
  // myle, noam, polynomial_decay and tri_stage are shapes the science core does not model as written.
  schedules: {
    COSINE_ANNEALING_LR: 'cosine', cosine_annealing: 'cosine', PASSTHROUGH_LR: 'constant', passthrough: 'constant',
  },
};
export default fairseq2;
