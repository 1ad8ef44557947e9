/**
 * AReaL (inclusionAI/AReaL): RL, SFT and DPO of language models, configured by YAML loaded with OmegaConf
 * (`${actor.path}` interpolations). The trained model is `actor`; its optimizer is `actor.optimizer` (`type` adam,
 * adam_bf16 or sgd, with flat beta1/beta2/eps, `lr_scheduler_type` and a warmup written as
 * `warmup_steps_proportion`, a share of the run). The batch is the dataloader's: `train_dataset.batch_size` is
 * global, divided by the world size when the DataLoader is built; one batch is one optimizer step, cut into
 * micro-batches by token count (`mb_spec.max_tokens_per_mb`). `train_dataset.max_length` is the sequence length.
 * Sources: inclusionAI/AReaL@4aef98d8d818 areal/api/cli_args.py (OptimizerConfig defaults: type adam, lr 1e-3,
 * weight_decay 0.01, beta1 0.9, beta2 0.999, eps 1e-8, lr_scheduler_type constant, warmup_steps_proportion 0.001;
 * DatasetConfig batch_size, max_length), areal/utils/dataloader.py:51 (batch_size // world_size),
 * areal/engine/fsdp_engine.py:1125-1145 (adam → torch.optim.AdamW, adam_bf16 → AnyPrecisionAdamW, sgd → SGD).
 */
import type { EcosystemTable } from './types';
import { TORCH_SGD } from './optimizer-names';

const ARGS = 'inclusionAI/AReaL@4aef98d8d818 areal/api/cli_args.py OptimizerConfig';
const ENGINE = 'inclusionAI/AReaL@4aef98d8d818 areal/engine/fsdp_engine.py';

export const areal: EcosystemTable = {
  id: 'areal',
  displayName: 'AReaL',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: '*.mb_spec.max_tokens_per_mb', weight: 3 },
      { pattern: 'actor.scheduling_spec', weight: 3 },
      { pattern: 'cluster.name_resolve.type', weight: 3 },
      { pattern: 'actor.optimizer.warmup_steps_proportion', weight: 2 },
      { pattern: 'stats_logger.fileroot', weight: 1 },
      { pattern: 'recover.freq_secs', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf (areal/api/cli_args.py load_expr_config)',
    dotlessExponent: 'float',
    source: 'inclusionAI/AReaL@4aef98d8d818 areal/api/cli_args.py: OmegaConf.load; omry/omegaconf get_yaml_loader ' +
      'adds a float resolver without the dot',
  },
  run: {
    globalBatchSize: ['train_dataset.batch_size'],
    seqLen: ['train_dataset.max_length'],
    warmupSteps: [{ key: 'actor.optimizer.warmup_steps_proportion', unit: 'fraction' }],
    schedule: ['actor.optimizer.lr_scheduler_type'],
  },
  optimizers: [
    {
      at: 'actor.optimizer',
      nameKeys: ['type'],
      defaultName: 'adam',
      hyperparameters: {
        lr: ['lr'],
        beta1: ['beta1'],
        beta2: ['beta2'],
        eps: ['eps'],
        weightDecay: ['weight_decay'],
      },
      names: {
        adam: { kind: 'adamw', implementation: `torch.optim.AdamW (${ENGINE})`, weightDecaySemantics: 'lr',
          note: 'AReaL\'s type "adam" builds torch.optim.AdamW (decoupled weight decay)' },
        adam_bf16: { kind: 'adamw', implementation: 'AReaL AnyPrecisionAdamW (bf16 states)', weightDecaySemantics: 'lr' },
        sgd: TORCH_SGD,
      },
      appliesTo: 'the actor',
    },
  ],
  defaults: {
    lr: { value: 1e-3, from: `${ARGS}: lr=1e-3` },
    beta1: { value: 0.9, from: `${ARGS}: beta1=0.9` },
    beta2: { value: 0.999, from: `${ARGS}: beta2=0.999` },
    eps: { value: 1e-8, from: `${ARGS}: eps=1e-8` },
    weightDecay: { value: 0.01, from: `${ARGS}: weight_decay=0.01` },
    warmupSteps: { value: 0.001, from: `${ARGS}: warmup_steps_proportion=0.001`, unit: 'fraction' },
    schedule: { value: 'constant', from: `${ARGS}: lr_scheduler_type=constant` },
  },
  notRoles: [
    {
      key: 'valid_dataset.batch_size',
      reason: 'the evaluation batch, not the training batch',
      source: 'inclusionAI/AReaL@4aef98d8d818 areal/api/cli_args.py DatasetConfig',
    },
    {
      key: 'valid_dataset.max_length',
      reason: 'the evaluation data\'s length cut, not the training sequence length',
      source: 'inclusionAI/AReaL@4aef98d8d818 areal/api/cli_args.py DatasetConfig',
    },
    {
      key: '*.mb_spec.max_tokens_per_mb',
      reason: 'tokens per micro-batch of one forward/backward, not the sequence length',
      source: 'inclusionAI/AReaL@4aef98d8d818 areal/api/cli_args.py MicroBatchSpec.max_tokens_per_mb',
    },
  ],
  batch: {},
  schedules: { constant: 'constant', cosine: 'cosine', linear: 'linear' },
};
export default areal;
