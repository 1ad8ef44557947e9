/**
 * llm-foundry / Composer YAML (OmegaConf): `optimizer.{name, lr, betas, eps, weight_decay}`,
 * `scheduler.{name, t_warmup, alpha_f}`, durations as strings with units (`4800ba`, `100ba`, `1ep`).
 * Composer's decoupled optimizers scale λ by lr_t/lr_0, not by lr_t (mosaicml/llm-foundry@8c8dd48f
 * llmfoundry/optim, composer#1407): weight_decay 0.1 there is not AdamW's 0.1.
 */
import type { EcosystemTable } from './types';
import { TORCH_ADAM, TORCH_ADAMW } from './optimizer-names';
import { adamKwargs } from './torch-kwargs';

export const llmFoundry: EcosystemTable = {
  id: 'llm-foundry',
  displayName: 'llm-foundry / Composer',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'global_train_batch_size', weight: 2 },
      { pattern: 'device_train_microbatch_size', weight: 2 },
      { pattern: 'device_eval_batch_size', weight: 2 },
      { pattern: 'max_duration', weight: 1 },
      { pattern: 'train_loader', weight: 2 },
      { pattern: 'eval_interval', weight: 1 },
      { pattern: 'fsdp_config', weight: 1 },
      { pattern: 'variables', weight: 1 },
      { pattern: 'model.name', weight: 1 },
      { pattern: 'scheduler.t_warmup', weight: 1 },
    ],
    values: [
      { pattern: 'optimizer.name', value: 'decoupled_*', weight: 4 },
      { pattern: 'model.name', value: 'mpt_causal_lm', weight: 4 },
      { pattern: 'model.name', value: 'hf_causal_lm', weight: 3 },
    ],
  },
  yamlLoader: { library: 'OmegaConf (llm-foundry train.py om.load)', dotlessExponent: 'float', source: 'llm-foundry scripts/train/train.py: omegaconf.OmegaConf.load' },
  run: {
    microBatchSize: ['device_train_microbatch_size'],
    globalBatchSize: ['global_train_batch_size'],
    seqLen: ['variables.max_seq_len', 'max_seq_len', 'model.max_seq_len'],
    steps: [{ key: 'max_duration', unit: 'duration' }],
    warmupSteps: [{ key: 'scheduler.t_warmup', unit: 'duration' }],
    schedule: ['scheduler.name'],
  },
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['name'],
      hyperparameters: adamKwargs(),
      names: {
        decoupled_adamw: {
          kind: 'adamw',
          implementation: 'composer.optim.DecoupledAdamW',
          weightDecaySemantics: 'lr-ratio',
          note: "Composer's decoupled_adamw decays θ ← θ(1 − λ·lr_t/lr_0): weight_decay is not multiplied by the learning rate, so it is not torch AdamW's λ (λ_torch ≈ λ / lr).",
        },
        decoupled_lionw: { kind: 'lion', implementation: 'llmfoundry.optim.DecoupledLionW', weightDecaySemantics: 'lr-ratio' },
        clip_lion: { kind: 'lion', implementation: 'llmfoundry.optim.DecoupledClipLion', weightDecaySemantics: 'lr-ratio' },
        adalr_lion: { kind: 'lion', implementation: 'llmfoundry.optim.DecoupledAdaLRLion', weightDecaySemantics: 'lr-ratio' },
        decoupled_sgdw: { kind: 'sgd', implementation: 'composer.optim.DecoupledSGDW', weightDecaySemantics: 'lr-ratio' },
        adamw: TORCH_ADAMW,
        adam: TORCH_ADAM,
        '*': { kind: null, implementation: 'llm-foundry optimizer (by name)', weightDecaySemantics: 'lr' },
      },
    },
  ],
  defaults: {},
  batch: {},
  fp16Keys: ['precision'],
  schedules: {
    cosine_with_warmup: 'cosine',
    linear_decay_with_warmup: 'linear',
    constant_with_warmup: 'constant',
    inv_sqrt_with_warmup: 'inverse-sqrt',
    cosine: 'cosine',
    constant: 'constant',
    linear: 'linear',
  },
};
export default llmFoundry;
