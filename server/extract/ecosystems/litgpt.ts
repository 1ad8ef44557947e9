/**
 * litgpt: YAML read by jsonargparse (LightningCLI-style), which types each value against the function
 * signature, so `lr: 4e-4` works although PyYAML alone gives a string. `optimizer` is a class path with
 * `init_args`, or a bare name. Training knobs live under `train:`.
 * Defaults: Lightning-AI/litgpt@26857050 litgpt/args.py TrainArgs and litgpt/pretrain.py (warmup then cosine).
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

export const litgpt: EcosystemTable = {
  id: 'litgpt',
  displayName: 'LitGPT',
  // Python: the entry points' signatures (`def setup(..., train: TrainArgs = TrainArgs(...), optimizer = "AdamW")`,
  // litgpt/pretrain.py, litgpt/finetune/*.py), whose defaults the YAML files override (python/command-line.ts).
  formats: ['yaml', 'python'],
  detect: {
    keys: [
      { pattern: 'train.micro_batch_size', weight: 3 },
      { pattern: 'train.global_batch_size', weight: 2 },
      { pattern: 'train.lr_warmup_steps', weight: 3 },
      { pattern: 'optimizer.init_args', weight: 1 },
      { pattern: 'model_name', weight: 2 },
      { pattern: 'out_dir', weight: 1 },
      { pattern: 'tokenizer_dir', weight: 2 },
      { pattern: 'eval.interval', weight: 2 },
      { pattern: 'train.max_tokens', weight: 2 },
    ],
  },
  yamlLoader: { library: 'PyYAML + jsonargparse', dotlessExponent: 'coerced', source: 'litgpt CLI (jsonargparse) parses values against the typed signature' },
  run: {
    // litgpt before the `optimizer:` argument (2024-06) read AdamW's settings from TrainArgs; config_hub files of
    // that era still write them under `train:` (litgpt/args.py: learning_rate, weight_decay, beta1, beta2).
    lr: ['train.learning_rate'],
    beta1: ['train.beta1'],
    beta2: ['train.beta2'],
    weightDecay: ['train.weight_decay'],
    microBatchSize: ['train.micro_batch_size'],
    globalBatchSize: ['train.global_batch_size'],
    seqLen: ['train.max_seq_length'],
    // TrainArgs.max_tokens: the run's length in tokens where max_steps is not set (litgpt/pretrain.py stops at
    // max_tokens, or at max_steps when given); steps = tokens / (global batch × max_seq_length) where both are known.
    steps: ['train.max_steps', { key: 'train.max_tokens', unit: 'tokens' }],
    warmupSteps: ['train.lr_warmup_steps'],
  },
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['class_path'],
      hyperparameters: torchKwargs('init_args.'),
      names: TORCH_NAMES,
    },
    { at: '', nameKeys: ['optimizer'], defaultName: 'AdamW', hyperparameters: {}, names: TORCH_NAMES },
  ],
  defaults: {
    schedule: { value: 'cosine', from: 'litgpt litgpt/pretrain.py: linear warmup then cosine decay to train.min_lr' },
  },
  batch: { dataParallelKeys: ['devices'] },
  fp16Keys: ['precision'],
};
export default litgpt;
