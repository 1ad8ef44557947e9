/**
 * diffusers training scripts (`accelerate launch train_text_to_image.py --pretrained_model_name_or_path ...`): the
 * argparse flags its examples share. `--train_batch_size` is the batch *per device* ("Batch size (per device) for
 * the training dataloader"), not a global batch as in DeepSpeed; the optimizer is torch AdamW (bitsandbytes'
 * AdamW8bit with `--use_8bit_adam`, same update) with `--adam_beta1/2`, `--adam_epsilon`, `--adam_weight_decay`.
 * The learning rate and the weight decay default differently from script to script (text_to_image: lr 1e-4, λ 1e-2;
 * the DreamBooth LoRA scripts: λ 1e-4 for the UNet), so they have no default here; the betas and ε are the
 * text_to_image script's, which most scripts share (each default names that source).
 * Sources: huggingface/diffusers@000280f examples/text_to_image/train_text_to_image.py parse_args
 * (--train_batch_size default 16 per device, --adam_beta1 0.9, --adam_beta2 0.999, --adam_epsilon 1e-08,
 * --lr_scheduler "constant", --lr_warmup_steps, --max_train_steps, --gradient_accumulation_steps 1;
 * `optimizer_cls = torch.optim.AdamW`, `bnb.optim.AdamW8bit` with --use_8bit_adam).
 */
import type { EcosystemTable } from './types';
import { TORCH_ADAMW, unmodelled } from './optimizer-names';

const SOURCE = 'huggingface/diffusers@000280f examples/text_to_image/train_text_to_image.py parse_args';

export const diffusers: EcosystemTable = {
  id: 'diffusers',
  displayName: 'diffusers training scripts',
  // The launch scripts, and the training scripts themselves (their argparse options are the same flags).
  formats: ['shell', 'python'],
  detect: {
    callees: [
      { name: 'diffusers', weight: 3 },
      { name: 'diffusers.optimization.get_scheduler', weight: 2 },
    ],
    keys: [
      { pattern: '--pretrained_model_name_or_path', weight: 2 },
      { pattern: '--adam_weight_decay', weight: 2 },
      { pattern: '--instance_prompt', weight: 2 },
      { pattern: '--train_batch_size', weight: 1 },
      { pattern: '--lr_warmup_steps', weight: 1 },
      { pattern: '--resolution', weight: 1 },
      { pattern: '--max_train_steps', weight: 1 },
    ],
  },
  run: {
    microBatchSize: ['--train_batch_size'],
    gradAccum: ['--gradient_accumulation_steps'],
    steps: ['--max_train_steps'],
    warmupSteps: ['--lr_warmup_steps'],
    schedule: ['--lr_scheduler'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: ['--optimizer'],
      defaultName: 'AdamW',
      hyperparameters: {
        lr: ['--learning_rate'],
        beta1: ['--adam_beta1'],
        beta2: ['--adam_beta2'],
        eps: ['--adam_epsilon'],
        weightDecay: ['--adam_weight_decay'],
      },
      names: {
        AdamW: { kind: 'adamw', implementation: 'torch.optim.AdamW (bnb AdamW8bit with --use_8bit_adam)',
          weightDecaySemantics: TORCH_ADAMW.weightDecaySemantics },
        prodigy: unmodelled('Prodigy (prodigyopt)'),
        '*': unmodelled('diffusers script optimizer (by name)'),
      },
    },
  ],
  defaults: {
    beta1: { value: 0.9, from: `${SOURCE}: --adam_beta1 0.9` },
    beta2: { value: 0.999, from: `${SOURCE}: --adam_beta2 0.999` },
    eps: { value: 1e-8, from: `${SOURCE}: --adam_epsilon 1e-08` },
    gradAccum: { value: 1, from: `${SOURCE}: --gradient_accumulation_steps 1` },
  },
  notRoles: [
    {
      // The denoiser trains on latents; the prompt is cut to this many tokens before the text encoder reads it.
      key: '--model_max_length',
      reason: "the text encoder's token limit for the prompt, not the length of a trained sequence",
      source: 'PKU-YuanGroup/Open-Sora-Plan@f7fa604f opensora/dataset/t2v_datasets.py:181,278 ' +
        '(tokenizer(..., max_length=args.model_max_length) of the mT5/T5 text encoder)',
    },
  ],
  batch: {},
  schedules: {
    constant: 'constant',
    constant_with_warmup: 'constant',
    linear: 'linear',
    cosine: 'cosine',
    cosine_with_restarts: 'cosine',
  },
};
export default diffusers;
