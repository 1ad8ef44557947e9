/**
 * DeepSpeed `ds_config.json`: `optimizer.{type, params}`, `scheduler.{type, params}` and the batch triple
 * train_batch_size = train_micro_batch_size_per_gpu × gradient_accumulation_steps × data-parallel size.
 * `"type": "Adam"` runs FusedAdam in AdamW mode unless `adam_w_mode` is false
 * (deepspeedai/DeepSpeed@029f12b3 deepspeed/runtime/config.py: ADAM_W_MODE_DEFAULT = True).
 * `"auto"` values are filled by the Hugging Face integration at run time and are reported as `auto`.
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';
import { LION, TORCH_MUON, unmodelled } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

const FUSED_ADAM_SOURCE = 'DeepSpeed deepspeed/ops/adam/fused_adam.py FusedAdam defaults: lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0';
const FUSED_ADAM_DEFAULTS: Defaults = {
  lr: { value: 1e-3, from: FUSED_ADAM_SOURCE },
  beta1: { value: 0.9, from: FUSED_ADAM_SOURCE },
  beta2: { value: 0.999, from: FUSED_ADAM_SOURCE },
  eps: { value: 1e-8, from: FUSED_ADAM_SOURCE },
  weightDecay: { value: 0, from: FUSED_ADAM_SOURCE },
};

const COUPLED_ADAM = { kind: 'adam', implementation: 'deepspeed.ops.adam.FusedAdam (adam_w_mode=False)', weightDecaySemantics: 'coupled-l2', decoupledName: 'AdamW' } as const;

const ADAM: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'deepspeed.ops.adam.FusedAdam (adam_w_mode=True)',
  weightDecaySemantics: 'lr',
  defaults: FUSED_ADAM_DEFAULTS,
  modeSwitch: { key: 'params.adam_w_mode', whenFalse: COUPLED_ADAM },
  note: 'DeepSpeed runs "type": "Adam" as AdamW (decoupled weight decay, adam_w_mode defaults to true; deepspeed/runtime/config.py ADAM_W_MODE_DEFAULT). Set "adam_w_mode": false for L2-coupled Adam.',
};

/** The name shown when the config has no optimizer block. */
const CLIENT = 'client optimizer';

export const DEEPSPEED_OPTIMIZERS: Record<string, OptimizerInfo> = {
  Adam: ADAM,
  AdamW: { kind: 'adamw', implementation: 'deepspeed.ops.adam.FusedAdam (adam_w_mode=True)', weightDecaySemantics: 'lr', defaults: FUSED_ADAM_DEFAULTS },
  CPUAdam: { ...ADAM, implementation: 'deepspeed.ops.adam.DeepSpeedCPUAdam' },
  OneBitAdam: unmodelled('deepspeed.runtime.fp16.onebit.OnebitAdam'),
  ZeroOneAdam: unmodelled('deepspeed.runtime.fp16.onebit.ZeroOneAdam'),
  OneBitLamb: unmodelled('deepspeed.runtime.fp16.onebit.OnebitLamb'),
  Lamb: unmodelled('deepspeed.ops.lamb.FusedLamb'),
  Lion: { ...LION, implementation: 'deepspeed.ops.lion.FusedLion' },
  Muon: { ...TORCH_MUON, implementation: 'deepspeed MuonWithAuxAdam' },
  '*': unmodelled('torch.optim (looked up by name)'),
  // No `optimizer` block: the training script passes its own to deepspeed.initialize (the Hugging Face
  // integration's zero*.json files), so the config says nothing about the optimizer's hyperparameters.
  [CLIENT]: unmodelled("the training script's optimizer (deepspeed.initialize(optimizer=...))"),
};

export const deepspeed: EcosystemTable = {
  id: 'deepspeed',
  displayName: 'DeepSpeed',
  formats: ['json'],
  detect: {
    keys: [
      { pattern: 'train_micro_batch_size_per_gpu', weight: 3 },
      { pattern: 'zero_optimization', weight: 3 },
      { pattern: 'train_batch_size', weight: 2 },
      { pattern: 'optimizer.params', weight: 1 },
      { pattern: 'gradient_clipping', weight: 1 },
      { pattern: 'fp16.loss_scale', weight: 2 },
      { pattern: 'steps_per_print', weight: 2 },
      { pattern: 'wall_clock_breakdown', weight: 2 },
    ],
    fileNames: ['ds_config*.json', '*deepspeed*.json', 'zero*.json'],
  },
  run: {
    microBatchSize: ['train_micro_batch_size_per_gpu'],
    gradAccum: ['gradient_accumulation_steps'],
    globalBatchSize: ['train_batch_size'],
    steps: ['scheduler.params.total_num_steps'],
    warmupSteps: ['scheduler.params.warmup_num_steps'],
    schedule: ['scheduler.type'],
  },
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['type'],
      defaultName: CLIENT,
      hyperparameters: torchKwargs('params.'),
      names: DEEPSPEED_OPTIMIZERS,
    },
  ],
  defaults: {
    gradAccum: {
      value: 1,
      from: 'DeepSpeed deepspeed/runtime/config.py _set_batch_related_parameters: gradient_accumulation_steps = 1 when only one of train_batch_size and the micro batch is given',
      unlessWritten: ['globalBatchSize', 'microBatchSize'],
    },
  },
  batch: {},
  fp16Keys: ['fp16.enabled'],
  schedules: { WarmupLR: 'constant', WarmupDecayLR: 'linear', WarmupCosineLR: 'cosine' },
};
export default deepspeed;
