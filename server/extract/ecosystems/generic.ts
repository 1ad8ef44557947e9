/**
 * The fallback when no ecosystem is recognised: only what is unambiguous. An optimizer block is a
 * mapping named like an optimizer (`optimizer`, `optim`, `opt`, `optimizer_config`, …) anywhere in the file,
 * or the document root; keys inside it are read with the spellings most frameworks share. Run-level keys
 * are read at the root and under the usual training blocks only, so `validation.steps` or a model's
 * `layer_norm_eps` are never taken.
 */
import type { EcosystemTable, KeySpelling, OptimizerInfo } from './types';
import { TORCH_NAMES } from './optimizer-names';
import { HF_OPTIM_NAMES } from './hf-trainer';

const BLOCKS = ['', 'train', 'training', 'trainer', 'solver', 'hparams', 'hyperparameters', 'args', 'config', 'optimization'];

function under(...keys: string[]): KeySpelling[] {
  return BLOCKS.flatMap((block) => keys.map((k) => (block === '' ? k : `${block}.${k}`)));
}

/** The same keys, read as a share of the run (batch.ts turns it into steps when the run length is known). */
function asFractions(spellings: KeySpelling[]): KeySpelling[] {
  return spellings.map((key) => (typeof key === 'string' ? { key, unit: 'fraction' as const } : key));
}

/** Without a framework the same name may have different defaults, so generic names carry none. */
function withoutDefaults(names: Record<string, OptimizerInfo>): Record<string, OptimizerInfo> {
  return Object.fromEntries(Object.entries(names).map(([name, { defaults: _unknown, ...info }]) => [name, info]));
}

const NAMES: Record<string, OptimizerInfo> = withoutDefaults({
  ...HF_OPTIM_NAMES,
  ...TORCH_NAMES,
  '*': { kind: null, implementation: 'unknown', weightDecaySemantics: 'lr' },
});

const BLOCK_SPELLINGS = {
  lr: ['lr', 'learning_rate', 'params.lr', 'init_args.lr', 'kwargs.lr'],
  beta1: [{ key: 'betas', index: 0 }, { key: 'params.betas', index: 0 }, { key: 'init_args.betas', index: 0 }, 'beta1', 'b1', 'adam_beta1'],
  beta2: [{ key: 'betas', index: 1 }, { key: 'params.betas', index: 1 }, { key: 'init_args.betas', index: 1 }, 'beta2', 'b2', 'adam_beta2'],
  eps: ['eps', 'epsilon', 'adam_eps', 'adam_epsilon', 'params.eps', 'init_args.eps'],
  weightDecay: ['weight_decay', 'wd', 'params.weight_decay', 'init_args.weight_decay'],
  momentum: ['momentum', 'params.momentum', 'init_args.momentum'],
};

export const generic: EcosystemTable = {
  id: 'generic',
  displayName: 'generic config',
  formats: ['yaml', 'json', 'toml', 'python', 'shell', 'gin', 'ini'],
  detect: { keys: [] },
  run: {
    lr: under('learning_rate', 'lr', 'base_lr'),
    beta1: under('adam_beta1', 'beta1'),
    beta2: under('adam_beta2', 'beta2'),
    eps: under('adam_epsilon', 'adam_eps'),
    weightDecay: under('weight_decay'),
    momentum: under('momentum'),
    microBatchSize: under('micro_batch_size', 'per_device_train_batch_size', 'train_micro_batch_size_per_gpu', 'batch_size_per_device', 'local_batch_size', 'device_batch_size', 'batch_size'),
    gradAccum: under('gradient_accumulation_steps', 'grad_accum', 'accumulate_grad_batches', 'grad_accum_steps'),
    globalBatchSize: under('global_batch_size', 'train_batch_size', 'total_batch_size'),
    seqLen: under('seq_len', 'seq_length', 'max_seq_len', 'max_seq_length', 'sequence_length', 'sequence_len', 'block_size', 'context_length'),
    steps: under('max_steps', 'train_steps', 'total_steps', 'train_iters', 'max_iters', 'num_iterations', 'training_steps', 'steps'),
    warmupSteps: [
      ...under('warmup_steps', 'warmup_iters', 'num_warmup_steps', 'lr_warmup_steps'),
      ...asFractions(under('warmup_ratio', 'warmup_fraction', 'warmup_steps_fraction')),
    ],
    schedule: under('lr_scheduler_type', 'lr_scheduler', 'lr_schedule', 'lr_decay_style', 'scheduler', 'schedule'),
  },
  optimizers: [
    // A wrapper's own `name` beside the torch optimizer it builds: S3PRL's `optimizer: {name: TorchOptim,
    // torch_optim_name: Adam}` (s3prl/s3prl s3prl/optimizers.py get_TorchOptim: getattr(torch.optim, ...name)).
    { at: '**.optimizer', nameKeys: ['torch_optim_name', 'type', 'name', '_target_', 'class_path', '_component_'], defaultName: 'unknown', hyperparameters: BLOCK_SPELLINGS, names: NAMES },
    { at: '**.optim', nameKeys: ['type', 'name', '_target_', 'class_path', '_component_'], defaultName: 'unknown', hyperparameters: BLOCK_SPELLINGS, names: NAMES },
    // Several optimizers (Muon for matrices + AdamW for the rest): a list or a map of optimizer blocks.
    { at: '**.optimizers.*', nameKeys: ['type', 'name', '_target_', 'class_path', '_component_'], defaultName: 'unknown', hyperparameters: BLOCK_SPELLINGS, names: NAMES },
    { at: '**.optimizer_config', nameKeys: ['type', 'name', '_target_', 'class_path'], defaultName: 'unknown', hyperparameters: BLOCK_SPELLINGS, names: NAMES },
    { at: '', nameKeys: ['optimizer', 'optim', 'optimizer_name', 'opt'], defaultName: 'unknown', hyperparameters: {}, names: NAMES },
  ],
  notRoles: [
    // H2O LLM Studio's exported experiment configs (no table of their own: read here): `differential_learning_rate`
    // is the rate of the layers `differential_learning_rate_layers` lists, every other parameter taking
    // `learning_rate` (h2oai/h2o-llmstudio llm_studio/src/utils/modeling_utils.py get_optimizer: the groups of
    // `any(layer in name for layer in differential_layers)`); the list is most often empty (`[]`), no layer takes it.
    {
      key: 'training.differential_learning_rate', unlessListed: 'training.differential_learning_rate_layers',
      reason: 'the rate of the layers differential_learning_rate_layers lists, and it lists none',
      source: 'h2oai/h2o-llmstudio llm_studio/src/utils/modeling_utils.py get_optimizer',
    },
    // veRL's PPO workers (no table of their own: their Hydra overrides and YAML are read here): with the block's
    // `use_dynamic_bsz` on, each micro-batch is packed up to `ppo_max_token_len_per_gpu` tokens and
    // `ppo_micro_batch_size_per_gpu` is not read (volcengine/verl@b178a3c verl/workers/actor/dp_actor.py:551-558
    // update_policy, verl/workers/critic/dp_critic.py update_critic: prepare_dynamic_batch if use_dynamic_bsz, else
    // mini_batch.split(ppo_micro_batch_size_per_gpu)); off by default.
    ...['actor_rollout_ref.actor', 'critic'].map((block) => ({
      key: `${block}.ppo_micro_batch_size_per_gpu`,
      unless: { key: `${block}.use_dynamic_bsz`, values: [false], default: false },
      reason: 'ignored: use_dynamic_bsz packs the micro-batches up to ppo_max_token_len_per_gpu tokens',
      source: 'volcengine/verl@b178a3c verl/workers/actor/dp_actor.py update_policy, verl/workers/critic/dp_critic.py',
    })),
  ],
  defaults: {},
  batch: {},
  fp16Keys: ['fp16', 'fp16.enabled', 'trainer.precision', 'precision', 'mixed_precision'],
};
export default generic;
