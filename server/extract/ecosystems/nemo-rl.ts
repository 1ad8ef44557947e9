/**
 * NeMo-RL (NVIDIA-NeMo/RL `examples/configs/*.yaml`): one `policy` trained by GRPO, SFT, DPO, RM or distillation.
 * With the DTensor backend the optimizer is `policy.optimizer`: a class path in `name` built with `kwargs`
 * (`torch.optim.AdamW`, so torch's defaults), and `policy.scheduler` a list of torch schedulers. With the Megatron
 * backend (`policy.megatron_cfg.enabled: true`) it is Megatron-Core's `OptimizerConfig(**megatron_cfg.optimizer)`
 * with `megatron_cfg.scheduler` (lr_warmup_iters, lr_decay_style); the switched-off backend's blocks are dropped
 * before any table reads them (disabled-blocks.ts). The batch is `policy.train_global_batch_size` (global) and
 * `policy.train_micro_batch_size`; the run `<algorithm>.max_num_steps`. Configs are loaded with OmegaConf (and
 * `defaults:` inheritance), so `1e-8` is a float there.
 * Sources: NVIDIA-NeMo/RL@017238e5abec nemo_rl/utils/config.py (load_config_with_inheritance: OmegaConf.load),
 * the policy workers (`get_class(cfg["optimizer"]["name"])(params, **cfg["optimizer"]["kwargs"])`,
 * `OptimizerConfig(**cfg["megatron_cfg"]["optimizer"])`); NVIDIA/Megatron-LM@d98e8a64ddf3
 * megatron/core/optimizer/optimizer_config.py (OptimizerConfig defaults).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { MCORE_OPTIMIZER_KEYS, MEGATRON_OPTIMIZERS } from './megatron-lm';
import { TORCH_NAMES, unmodelled } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

const MCORE = 'NVIDIA/Megatron-LM@d98e8a64ddf3 megatron/core/optimizer/optimizer_config.py: OptimizerConfig';
const MEGATRON = 'policy.megatron_cfg';
const NOT_NAMED = 'not named in this file';

const mcoreAdam: OptimizerInfo = {
  ...(MEGATRON_OPTIMIZERS.adam ?? unmodelled('Megatron-Core Adam')),
  implementation: 'Megatron-Core DistributedOptimizer over FusedAdam (adam_w_mode=True)',
  defaults: {
    beta1: { value: 0.9, from: `${MCORE}.adam_beta1=0.9` },
    beta2: { value: 0.999, from: `${MCORE}.adam_beta2=0.999` },
    eps: { value: 1e-8, from: `${MCORE}.adam_eps=1e-08` },
    weightDecay: { value: 0.01, from: `${MCORE}.weight_decay=0.01` },
  },
};

const TE = 'NVIDIA/TransformerEngine@04912bf02451 transformer_engine/pytorch/optimizers/fused_adam.py: FusedAdam';
/** Transformer Engine's FusedAdam, which recipes name as a class path: decoupled decay unless adam_w_mode=False. */
const TE_FUSED_ADAM: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'transformer_engine FusedAdam (adam_w_mode=True)',
  weightDecaySemantics: 'lr',
  defaults: {
    beta1: { value: 0.9, from: `${TE}(betas=(0.9, 0.999))` },
    beta2: { value: 0.999, from: `${TE}(betas=(0.9, 0.999))` },
    eps: { value: 1e-8, from: `${TE}(eps=1e-8)` },
    weightDecay: { value: 0, from: `${TE}(weight_decay=0.0)` },
  },
  modeSwitch: {
    key: 'kwargs.adam_w_mode',
    whenFalse: {
      kind: 'adam', implementation: 'transformer_engine FusedAdam (adam_w_mode=False: L2 added to the gradient)',
      weightDecaySemantics: 'coupled-l2',
    },
  },
};

export const nemoRl: EcosystemTable = {
  id: 'nemo-rl',
  displayName: 'NeMo-RL',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'policy.train_global_batch_size', weight: 3 },
      { pattern: 'policy.dtensor_cfg', weight: 3 },
      { pattern: MEGATRON, weight: 2 },
      { pattern: 'policy.max_total_sequence_length', weight: 2 },
      { pattern: 'policy.generation', weight: 1 },
      { pattern: '*.max_num_steps', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf (nemo_rl/utils/config.py load_config)',
    dotlessExponent: 'float',
    source: 'NVIDIA-NeMo/RL@017238e5abec nemo_rl/utils/config.py: OmegaConf.load(config_path); ' +
      'omry/omegaconf@0019bcac omegaconf/_utils.py get_yaml_loader: float resolver without the dot',
  },
  run: {
    globalBatchSize: ['policy.train_global_batch_size'],
    microBatchSize: ['policy.train_micro_batch_size'],
    seqLen: ['policy.max_total_sequence_length'],
    steps: ['*.max_num_steps'],
    warmupSteps: [`${MEGATRON}.scheduler.lr_warmup_iters`],
    schedule: [`${MEGATRON}.scheduler.lr_decay_style`],
  },
  optimizers: [
    {
      at: 'policy.optimizer',
      nameKeys: ['name'],
      // A recipe that writes no optimizer inherits it (and its backend) from the file `defaults:` names.
      defaultName: NOT_NAMED,
      hyperparameters: torchKwargs('kwargs.'),
      names: {
        ...TORCH_NAMES, FusedAdam: TE_FUSED_ADAM,
        [NOT_NAMED]: unmodelled('the optimizer of the config `defaults:` inherits'),
        '*': unmodelled('NeMo-RL optimizer (class path in policy.optimizer.name)'),
      },
    },
    {
      at: `${MEGATRON}.optimizer`,
      nameKeys: ['optimizer'],
      defaultName: NOT_NAMED,
      hyperparameters: MCORE_OPTIMIZER_KEYS,
      names: { ...MEGATRON_OPTIMIZERS, adam: mcoreAdam,
        [NOT_NAMED]: unmodelled('the Megatron-Core optimizer of the config `defaults:` inherits') },
    },
  ],
  defaults: {},
  notRoles: [
    {
      key: `${MEGATRON}.optimizer.min_lr`,
      reason: 'the floor the Megatron scheduler decays to, not the peak learning rate',
      source: `${MCORE}.min_lr`,
    },
    {
      key: `${MEGATRON}.scheduler.lr_warmup_init`,
      reason: 'the learning rate the Megatron warmup starts from',
      source: 'NVIDIA/Megatron-LM@d98e8a64ddf3 megatron/training/arguments.py: --lr-warmup-init',
    },
  ],
  batch: {},
  schedules: {
    cosine: 'cosine', linear: 'linear', constant: 'constant', WSD: 'wsd', 'inverse-square-root': 'inverse-sqrt',
  },
};
export default nemoRl;
