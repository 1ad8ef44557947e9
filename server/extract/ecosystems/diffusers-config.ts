/**
 * Training configs written with the diffusers training scripts' option names, as YAML or JSON that a script loads and
 * reads as its `args` (XLabs-AI/x-flux's train_configs: `args = OmegaConf.load(config)`, then the same
 * `torch.optim.AdamW(lr=args.learning_rate, betas=(args.adam_beta1, args.adam_beta2), weight_decay=
 * args.adam_weight_decay, eps=args.adam_epsilon)` and `get_scheduler(args.lr_scheduler, num_warmup_steps=
 * args.lr_warmup_steps * num_processes, num_training_steps=args.max_train_steps * num_processes)` as diffusers'
 * text_to_image script). As there (the diffusers table), `train_batch_size` is the batch of each device, not
 * DeepSpeed's global batch; a block of its own that the script hands to the data loader (`loader(**args.data_config)`)
 * holds the batch the loader draws, ahead of the top-level one the script only logs. The file is the whole `args`: a
 * key it leaves out has no default (the script fails on it), so the table gives none.
 * Sources: XLabs-AI/x-flux@4749542 train_flux_lora_deepspeed.py:74, 146-173, 204-208; huggingface/diffusers@000280f
 * examples/text_to_image/train_text_to_image.py parse_args (--train_batch_size "Batch size (per device)").
 */
import type { EcosystemTable } from './types';
import { diffusers } from './diffusers';
import { TORCH_ADAMW, unmodelled } from './optimizer-names';

const [SCRIPT_OPTIMIZER] = diffusers.optimizers;

export const diffusersConfig: EcosystemTable = {
  id: 'diffusers-config',
  displayName: 'diffusers-style training config (script options as YAML/JSON)',
  formats: ['yaml', 'json'],
  detect: {
    keys: [
      { pattern: 'adam_weight_decay', weight: 2 },
      { pattern: 'checkpointing_steps', weight: 2 },
      { pattern: 'checkpoints_total_limit', weight: 2 },
      { pattern: 'lr_warmup_steps', weight: 1 },
      { pattern: 'max_train_steps', weight: 1 },
      { pattern: 'train_batch_size', weight: 1 },
      { pattern: 'tracker_project_name', weight: 1 },
    ],
  },
  yamlLoader: { library: 'OmegaConf', dotlessExponent: 'float',
    source: 'XLabs-AI/x-flux@4749542 train_flux_lora_deepspeed.py:74 OmegaConf.load; omry/omegaconf get_yaml_loader' },
  run: {
    microBatchSize: ['*.train_batch_size', 'train_batch_size'],
    gradAccum: ['gradient_accumulation_steps'],
    steps: ['max_train_steps'],
    warmupSteps: ['lr_warmup_steps'],
    schedule: ['lr_scheduler'],
  },
  optimizers: SCRIPT_OPTIMIZER === undefined ? [] : [{
    ...SCRIPT_OPTIMIZER,
    nameKeys: ['optimizer'],
    hyperparameters: {
      lr: ['learning_rate'],
      beta1: ['adam_beta1'],
      beta2: ['adam_beta2'],
      eps: ['adam_epsilon'],
      weightDecay: ['adam_weight_decay'],
    },
    names: {
      AdamW: { kind: 'adamw', implementation: 'torch.optim.AdamW', weightDecaySemantics: TORCH_ADAMW.weightDecaySemantics },
      '*': unmodelled('the training script\'s optimizer (by name)'),
    },
  }],
  defaults: {},
  batch: {},
  schedules: diffusers.schedules ?? {},
};
export default diffusersConfig;
