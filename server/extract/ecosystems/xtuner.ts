/**
 * XTuner v1 (InternLM/xtuner, `xtuner.v1`): pre-training, SFT and RL of large models configured by a Python file of
 * pydantic config objects: `optim_cfg = AdamWConfig(lr=...)`, `lr_cfg = LRConfig(lr_type=..., warmup_ratio=...)`,
 * `DataloaderConfig(pack_max_length=...)` and `TrainerConfig(global_batch_size=..., total_step=...)`.
 *
 * The trainer builds the warmup from `warmup_ratio`: below 1 it is a share of the run, from 1 up a count of steps.
 * Sequences are packed to `pack_max_length` tokens, which is the length the model trains on (`sample_max_length`
 * only truncates one sample before packing); `global_batch_size` counts packed sequences.
 * Sources: InternLM/xtuner@b934f462095c xtuner/v1/config/optim.py (OptimConfig lr 1e-5; AdamWConfig weight_decay
 * 0.01, betas (0.9, 0.95), eps 1e-8; MuonConfig weight_decay 0.1, momentum 0.95, betas (0.9, 0.95); LRConfig lr_type
 * cosine, warmup_ratio 0.03), xtuner/v1/train/trainer.py (TrainerConfig global_batch_size, total_step, total_epoch;
 * build_lr_scheduler: warmup_ratio < 1 → int(ratio × steps), else int(ratio)).
 */
import type { EcosystemTable, Spellings } from './types';

const OPTIM = 'InternLM/xtuner@b934f462095c xtuner/v1/config/optim.py';
const ADAM_KWARGS: Spellings = {
  lr: ['lr'],
  beta1: [{ key: 'betas', index: 0 }],
  beta2: [{ key: 'betas', index: 1 }],
  eps: ['eps'],
  weightDecay: ['weight_decay'],
  momentum: ['momentum'],
};

export const xtuner: EcosystemTable = {
  id: 'xtuner',
  displayName: 'XTuner',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'xtuner.v1.config.AdamWConfig', weight: 5 },
      { name: 'xtuner.v1.config.MuonConfig', weight: 5 },
      { name: 'xtuner.v1.config.LRConfig', weight: 5 },
      { name: 'xtuner.v1.train.TrainerConfig', weight: 5 },
      { name: 'xtuner.v1.datasets.config.DataloaderConfig', weight: 3 },
    ],
  },
  run: {
    globalBatchSize: ['**.global_batch_size'],
    seqLen: ['**.pack_max_length'],
    steps: ['**.total_step'],
    warmupSteps: [{ key: '**.warmup_ratio', unit: 'fraction-or-steps' }],
    schedule: ['**.lr_type'],
  },
  optimizers: [
    {
      at: '',
      callees: ['AdamWConfig', 'MuonConfig'],
      nameKeys: [],
      hyperparameters: ADAM_KWARGS,
      names: {
        AdamWConfig: {
          kind: 'adamw', implementation: 'torch.optim.AdamW (xtuner AdamWConfig.build)', weightDecaySemantics: 'lr',
          defaults: {
            beta1: { value: 0.9, from: `${OPTIM}: AdamWConfig betas=(0.9, 0.95)` },
            beta2: { value: 0.95, from: `${OPTIM}: AdamWConfig betas=(0.9, 0.95)` },
            eps: { value: 1e-8, from: `${OPTIM}: AdamWConfig eps=1e-8` },
            weightDecay: { value: 0.01, from: `${OPTIM}: AdamWConfig weight_decay=0.01` },
          },
        },
        MuonConfig: {
          kind: 'muon', implementation: 'xtuner Muon (AdamW on non-matrix parameters)', weightDecaySemantics: 'lr',
          defaults: {
            momentum: { value: 0.95, from: `${OPTIM}: MuonConfig momentum=0.95` },
            beta1: { value: 0.9, from: `${OPTIM}: MuonConfig betas=(0.9, 0.95)` },
            beta2: { value: 0.95, from: `${OPTIM}: MuonConfig betas=(0.9, 0.95)` },
            eps: { value: 1e-8, from: `${OPTIM}: MuonConfig eps=1e-8` },
            weightDecay: { value: 0.1, from: `${OPTIM}: MuonConfig weight_decay=0.1` },
          },
        },
      },
    },
  ],
  defaults: {
    lr: { value: 1e-5, from: `${OPTIM}: OptimConfig lr=1e-5` },
    warmupSteps: { value: 0.03, from: `${OPTIM}: LRConfig warmup_ratio=0.03`, unit: 'fraction' },
    schedule: { value: 'cosine', from: `${OPTIM}: LRConfig lr_type=cosine` },
  },
  notRoles: [
    {
      key: '**.sample_max_length',
      reason: 'the cut of one sample before packing; the model trains on packed sequences of pack_max_length tokens',
      source: 'InternLM/xtuner@b934f462095c examples/v1/config/sft_glm5p2.py:78 (a tokenize function\'s max_length), ' +
        'xtuner/v1/datasets/config.py:291 (DataloaderConfig.pack_max_length, default 32768)',
      whenWritten: ['**.pack_max_length'],
    },
  ],
  batch: {},
  schedules: { cosine: 'cosine', linear: 'linear', constant: 'constant' },
};
export default xtuner;
