/**
 * DINOv2 self-supervised training configs (OmegaConf YAML: `optim`, `train`, `teacher`, `dino`, `ibot`; a run's file
 * overrides dinov2/configs/ssl_default_config.yaml). The optimizer is torch.optim.AdamW built in code with
 * `betas=(optim.adamw_beta1, optim.adamw_beta2)`; the learning rate is `optim.base_lr` scaled at start by
 * `sqrt(batch_size_per_gpu × GPUs / 1024)` (`scaling_rule: sqrt_wrt_1024`, the only rule), which overwrites `optim.lr`,
 * so a written `optim.lr` is a placeholder. The lr and weight decay follow cosine schedules over `optim.epochs` ×
 * `train.OFFICIAL_EPOCH_LENGTH` iterations, with `warmup_epochs` of linear warmup.
 * Sources: facebookresearch/dinov2@b8931f7b dinov2/train/train.py (get_optimizer l.62, build_schedulers),
 * dinov2/utils/config.py apply_scaling_rules_to_cfg, dinov2/configs/ssl_default_config.yaml.
 */
import type { Defaults, EcosystemTable } from './types';
import { TORCH_ADAMW } from './optimizer-names';

const CFG = 'facebookresearch/dinov2@b8931f7b dinov2/configs/ssl_default_config.yaml';
const SCALING = 'facebookresearch/dinov2@b8931f7b dinov2/utils/config.py apply_scaling_rules_to_cfg';

const DEFAULT_CONFIG: Defaults = {
  lr: { value: 0.004, from: `${CFG}: optim.base_lr 0.004 (at a global batch of 1024)` },
  beta1: { value: 0.9, from: `${CFG}: optim.adamw_beta1 0.9` },
  beta2: { value: 0.999, from: `${CFG}: optim.adamw_beta2 0.999` },
  weightDecay: { value: 0.04, from: `${CFG}: optim.weight_decay 0.04` },
};

export const dinov2: EcosystemTable = {
  id: 'dinov2',
  displayName: 'DINOv2',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'optim.scaling_rule', weight: 3 },
      { pattern: 'optim.adamw_beta1', weight: 3 },
      { pattern: 'optim.base_lr', weight: 1 },
      { pattern: 'train.OFFICIAL_EPOCH_LENGTH', weight: 3 },
      { pattern: 'train.batch_size_per_gpu', weight: 1 },
      { pattern: 'teacher.momentum_teacher', weight: 3 },
      { pattern: 'dino.head_n_prototypes', weight: 2 },
      { pattern: 'ibot.mask_ratio_min_max', weight: 2 },
      { pattern: 'student.block_chunks', weight: 2 },
    ],
  },
  yamlLoader: { library: 'OmegaConf', dotlessExponent: 'float', source: 'omry/omegaconf@0019bcac omegaconf/_utils.py get_yaml_loader' },
  run: {
    microBatchSize: ['train.batch_size_per_gpu'],
    steps: [{ key: 'optim.epochs', unit: 'epochs' }],
    warmupSteps: [{ key: 'optim.warmup_epochs', unit: 'epochs' }],
  },
  optimizers: [
    {
      at: '', nameKeys: [], defaultName: 'AdamW',
      hyperparameters: {
        lr: ['optim.base_lr'], beta1: ['optim.adamw_beta1'], beta2: ['optim.adamw_beta2'],
        weightDecay: ['optim.weight_decay'],
      },
      names: {
        AdamW: {
          ...TORCH_ADAMW,
          // The default config's values stand where a run's file is silent, before torch's own.
          defaults: { ...TORCH_ADAMW.defaults, ...DEFAULT_CONFIG },
          note: 'DINOv2 runs at lr = base_lr × √(batch_size_per_gpu × GPUs / 1024), set at start (scaling_rule ' +
            'sqrt_wrt_1024): base_lr is the learning rate at a global batch of 1024. Weight decay follows a cosine ' +
            'from weight_decay to weight_decay_end.',
        },
      },
      appliesTo: 'the student network (the teacher is its exponential moving average)',
    },
  ],
  notRoles: [
    { key: 'optim.lr', reason: 'a placeholder: DINOv2 overwrites it with base_lr scaled by the global batch', source: SCALING },
    { key: 'teacher.momentum_teacher', reason: "the teacher's EMA rate, not optimizer momentum", source: CFG },
  ],
  defaults: {
    // The run length and warmup defaults count epochs, which a default cannot carry: left unknown.
    schedule: { value: 'cosine', from: 'facebookresearch/dinov2@b8931f7b dinov2/train/train.py: CosineScheduler' },
  },
  batch: {},
};
export default dinov2;
