/**
 * nanoGPT: `train.py` keeps its configuration in module globals, and a config file (`config/train_gpt2.py`)
 * is exec'd on top of them by configurator.py, so both read the same names and what a config file leaves
 * out is train.py's default. The optimizer is torch AdamW built by model.py's `configure_optimizers`
 * (decay on 2-D parameters only, fused when available, eps left at torch's default).
 * Source: karpathy/nanoGPT@3adf61e1 train.py l.35-74, l.95, l.101, l.231-242; model.py configure_optimizers.
 */
import type { Defaults, EcosystemTable, SiblingCondition } from './types';
import { TORCH_ADAMW } from './optimizer-names';

const TRAIN = 'nanoGPT train.py @3adf61e1';
/** No `micro_batch_size` written beside (an unwritten one passes; a written one never does). */
const NO_MICRO_BATCH: SiblingCondition = { sibling: 'micro_batch_size', values: [], ifAbsent: true };

const DEFAULTS: Defaults = {
  lr: { value: 6e-4, from: `${TRAIN}: learning_rate = 6e-4` },
  beta1: { value: 0.9, from: `${TRAIN}: beta1 = 0.9` },
  beta2: { value: 0.95, from: `${TRAIN}: beta2 = 0.95` },
  eps: { value: 1e-8, from: 'torch.optim.AdamW default eps=1e-8 (nanoGPT model.py configure_optimizers passes none)' },
  weightDecay: { value: 0.1, from: `${TRAIN}: weight_decay = 1e-1` },
  microBatchSize: { value: 12, from: `${TRAIN}: batch_size = 12` },
  // A script of nanoGPT's lineage writing its global batch beside the micro-batch derives the accumulation from both.
  gradAccum: { value: 40, from: `${TRAIN}: gradient_accumulation_steps = 5 * 8`,
    unlessWritten: ['microBatchSize', 'globalBatchSize'] },
  seqLen: { value: 1024, from: `${TRAIN}: block_size = 1024` },
  steps: { value: 600000, from: `${TRAIN}: max_iters = 600000` },
  warmupSteps: { value: 2000, from: `${TRAIN}: warmup_iters = 2000` },
  schedule: { value: 'cosine', from: `${TRAIN}: decay_lr = True, get_lr = linear warmup then cosine to min_lr` },
};

export const nanogpt: EcosystemTable = {
  id: 'nanogpt',
  displayName: 'nanoGPT',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: 'decay_lr', weight: 3 },
      { pattern: 'always_save_checkpoint', weight: 3 },
      { pattern: 'lr_decay_iters', weight: 2 },
      { pattern: 'init_from', weight: 2 },
      { pattern: 'gradient_accumulation_steps', weight: 1 },
      { pattern: 'block_size', weight: 1 },
      { pattern: 'max_iters', weight: 1 },
      { pattern: 'warmup_iters', weight: 1 },
      { pattern: 'eval_iters', weight: 1 },
      { pattern: 'eval_interval', weight: 1 },
      { pattern: 'log_interval', weight: 1 },
      { pattern: 'wandb_run_name', weight: 1 },
      { pattern: 'n_embd', weight: 1 },
      { pattern: 'min_lr', weight: 1 },
    ],
    fileNames: ['config/train_*.py', 'config/finetune_*.py', 'config/eval_*.py'],
  },
  run: {
    // nanoGPT's `batch_size` is the micro-batch it accumulates; a script of its lineage that writes a
    // `micro_batch_size` beside it (Lightning-AI/lit-llama finetune/lora.py: `batch_size = 128`,
    // `micro_batch_size = 4`, `gradient_accumulation_iters = batch_size // micro_batch_size`; tloen/alpaca-lora
    // finetune.py the same) makes
    // `batch_size` the global batch: the table yields to the role vocabulary (roles/block-words.ts besideMicroBatch).
    microBatchSize: [{ key: 'batch_size', when: [NO_MICRO_BATCH] }],
    gradAccum: ['gradient_accumulation_steps'],
    seqLen: ['block_size'],
    steps: ['max_iters'],
    warmupSteps: ['warmup_iters'],
    schedule: ['decay_lr'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: [],
      defaultName: 'AdamW',
      hyperparameters: { lr: ['learning_rate'], beta1: ['beta1'], beta2: ['beta2'], weightDecay: ['weight_decay'] },
      names: { AdamW: { ...TORCH_ADAMW, implementation: 'torch.optim.AdamW (nanoGPT configure_optimizers: decay on 2-D weights only)', defaults: {} } },
    },
  ],
  defaults: DEFAULTS,
  // train.py divides gradient_accumulation_steps by the world size (l.95): the written value is the total.
  batch: { gradAccumIsTotal: true },
  fp16Keys: ['dtype'],
  // `decay_lr = True` is warmup + cosine decay to min_lr (get_lr); False keeps learning_rate constant.
  schedules: { true: 'cosine', false: 'constant' },
};
export default nanogpt;
