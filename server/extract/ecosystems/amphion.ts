/**
 * Amphion experiment configs (JSON5: `//` comments, trailing commas; `base_config` names the file it overrides):
 * `train.optimizer` names the optimizer (AdamW in config/base.json) built as `torch.optim.AdamW(params,
 * **train.adam)` (or `train.adamw`), so torch's defaults hold for what the block leaves out; with
 * `train.use_dynamic_batchsize` true the batches are cut by token count, `train.max_tokens` per process (the sampler
 * gets `max_tokens × num_processes`) and `train.max_sentences` as a cap on utterances, and `train.batch_size` is not
 * used; `train.gradient_accumulation_step` is Accelerate's accumulation; the run stops at `train.num_train_steps`
 * (or `max_steps`) or at `train.max_epoch` epochs (-1: no limit); `lr_warmup_steps` and `lr_scheduler` feed
 * transformers' get_scheduler.
 * Sources: open-mmlab/Amphion@d3de90f models/base/base_trainer.py (l.208, l.373, l.410, _build_optimizer l.477),
 * models/vc/Noro/noro_trainer.py (l.191, _build_scheduler l.220, loop l.435), models/tts/valle/valle_trainer.py
 * (l.266-307), config/base.json (train block), utils/util.py l.434 (json5.loads).
 */
import type { EcosystemTable, SiblingCondition } from './types';
import { TORCH_NAMES } from './optimizer-names';

const BASE = 'open-mmlab/Amphion@d3de90f models/base/base_trainer.py';
const DYNAMIC: SiblingCondition = { sibling: 'use_dynamic_batchsize', values: [true], ifAbsent: false };
const FIXED: SiblingCondition = { sibling: 'use_dynamic_batchsize', values: [false], ifAbsent: true };

export const amphion: EcosystemTable = {
  id: 'amphion',
  displayName: 'Amphion',
  formats: ['json'],
  detect: {
    keys: [
      { pattern: 'base_config', weight: 2 },
      { pattern: 'train.use_dynamic_batchsize', weight: 3 },
      { pattern: 'train.save_checkpoint_stride', weight: 3 },
      { pattern: 'train.keep_last', weight: 2 },
      { pattern: 'train.run_eval', weight: 2 },
      { pattern: 'train.max_sentences', weight: 1 },
      { pattern: 'train.gradient_accumulation_step', weight: 2 },
      { pattern: 'train.adam', weight: 1 },
      { pattern: 'train.adamw', weight: 1 },
      { pattern: 'preprocess', weight: 1 },
      { pattern: 'log_dir', weight: 1 },
    ],
  },
  run: {
    microBatchSize: [{ key: 'train.max_tokens', unit: 'tokens', when: [DYNAMIC] },
      { key: 'train.batch_size', when: [FIXED] }],
    gradAccum: ['train.gradient_accumulation_step'],
    steps: ['train.num_train_steps', 'train.max_steps', { key: 'train.max_epoch', unit: 'epochs' }],
    warmupSteps: ['train.lr_warmup_steps'],
    schedule: ['train.lr_scheduler', 'train.scheduler'],
  },
  optimizers: [
    {
      at: 'train', nameKeys: ['optimizer'], defaultName: 'AdamW',
      hyperparameters: {
        lr: ['adam.lr', 'adamw.lr'],
        beta1: [{ key: 'adam.betas', index: 0 }, { key: 'adamw.betas', index: 0 }],
        beta2: [{ key: 'adam.betas', index: 1 }, { key: 'adamw.betas', index: 1 }],
        eps: ['adam.eps', 'adamw.eps'], weightDecay: ['adam.weight_decay', 'adamw.weight_decay'],
      },
      names: TORCH_NAMES,
    },
  ],
  notRoles: [
    { key: 'train.max_sentences', reason: 'a cap on utterances in a token-cut batch, not its size', source: `${BASE} l.410` },
  ],
  defaults: {},
  batch: {},
};
export default amphion;
