/**
 * NeMo (1.x/2.x YAML recipes with Megatron models): `model.optim.{name, lr, betas, weight_decay, sched}`,
 * `model.{micro,global}_batch_size`, `trainer.*`. Loaded by Hydra/OmegaConf, so `2e-4` is a float.
 * Gradient accumulation is implicit: global / (micro × data-parallel size); `trainer.accumulate_grad_batches`
 * must stay 1 and is not read.
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAM, TORCH_ADAMW, TORCH_SGD, unmodelled } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

const APEX_SOURCE = 'apex.optimizers.FusedAdam defaults: betas=(0.9, 0.999), eps=1e-8, weight_decay=0, adam_w_mode=True';
const FUSED: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'apex.optimizers.FusedAdam (adam_w_mode=True)',
  weightDecaySemantics: 'lr',
  defaults: {
    beta1: { value: 0.9, from: APEX_SOURCE },
    beta2: { value: 0.999, from: APEX_SOURCE },
    eps: { value: 1e-8, from: APEX_SOURCE },
    weightDecay: { value: 0, from: APEX_SOURCE },
  },
};

export const nemo: EcosystemTable = {
  id: 'nemo',
  displayName: 'NeMo',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'exp_manager', weight: 4 },
      { pattern: 'model.optim', weight: 3 },
      { pattern: 'trainer.devices', weight: 1 },
      { pattern: 'model.micro_batch_size', weight: 2 },
      { pattern: 'model.tensor_model_parallel_size', weight: 2 },
      { pattern: 'model.global_batch_size', weight: 1 },
      // NeMo's non-Megatron models (ASR, TTS, NLP classifiers): datasets and the scheduler under `model`.
      { pattern: 'model.optim.sched', weight: 2 },
      { pattern: 'model.train_ds', weight: 2 },
      { pattern: 'model.validation_ds', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf (Hydra)',
    dotlessExponent: 'float',
    source: 'omry/omegaconf@0019bcac omegaconf/_utils.py get_yaml_loader: float resolver without the dot',
  },
  run: {
    // Megatron models write micro_batch_size; the others batch per device in their training dataset.
    microBatchSize: ['model.micro_batch_size', 'model.train_ds.batch_size'],
    globalBatchSize: ['model.global_batch_size'],
    seqLen: ['model.encoder_seq_length', 'model.seq_length', 'model.data.seq_length', 'model.max_position_embeddings'],
    steps: ['trainer.max_steps', 'model.optim.sched.max_steps'],
    // nemo/core/optim/lr_scheduler.py WarmupPolicy: warmup_steps, else warmup_ratio × max_steps.
    warmupSteps: ['model.optim.sched.warmup_steps', { key: 'model.optim.sched.warmup_ratio', unit: 'fraction' }],
    schedule: ['model.optim.sched.name'],
  },
  optimizers: [
    {
      at: 'model.optim',
      nameKeys: ['name'],
      hyperparameters: torchKwargs(),
      names: {
        fused_adam: FUSED,
        distributed_fused_adam: { ...FUSED, implementation: 'apex DistributedFusedAdam (adam_w_mode=True)' },
        mcore_distributed_optim: { ...FUSED, implementation: 'Megatron-Core DistributedOptimizer (Adam, decoupled)' },
        adamw: TORCH_ADAMW,
        adam: TORCH_ADAM,
        sgd: TORCH_SGD,
        novograd: unmodelled('NeMo Novograd'),
        lamb: unmodelled('apex FusedLAMB'),
        '*': unmodelled('NeMo optimizer (by name)'),
      },
    },
  ],
  defaults: {},
  notRoles: [
    {
      key: 'trainer.accumulate_grad_batches',
      reason: 'Megatron models derive accumulation from global / (micro × data-parallel size); this key must stay 1',
      source: 'NeMo examples/nlp/language_modeling/conf/megatron_gpt_config.yaml (r1.23): "do not modify, grad acc is automatic"',
      // Only Megatron models batch this way; an ASR model (model.train_ds.batch_size) accumulates as Lightning does.
      whenWritten: ['model.micro_batch_size', 'model.global_batch_size'],
    },
  ],
  batch: {},
  fp16Keys: ['trainer.precision', 'model.precision'],
  schedules: {
    CosineAnnealing: 'cosine',
    WarmupAnnealing: 'linear',
    InverseSquareRootAnnealing: 'inverse-sqrt',
    SquareRootAnnealing: 'inverse-sqrt',
    NoamAnnealing: 'inverse-sqrt',
    WarmupHoldPolicy: 'constant',
    ConstantLR: 'constant',
    PolynomialDecayAnnealing: 'linear',
  },
};
export default nemo;
