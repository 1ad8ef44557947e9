/**
 * nanotron YAML (`Config` dataclasses loaded with PyYAML's SafeLoader, then dacite with `strict=True`): the optimizer
 * in `optimizer` (`optimizer_factory.{name, adam_beta1, adam_beta2, adam_eps}`, in older files `adam_*` directly under
 * `optimizer`), the learning rate and schedule in `optimizer.learning_rate_scheduler`, the run in `tokens`, and the
 * data-parallel size in `parallelism.dp`: global batch = micro_batch_size × batch_accumulation_per_replica × dp.
 * `adam_beta1/2` and `adam_eps` have no defaults (a file without them does not load), so none is given here.
 * Sources: huggingface/nanotron@2411b022a75f src/nanotron/config/config.py (AdamWOptimizerArgs, OptimizerArgs,
 * LRSchedulerArgs, TokensArgs, Config.global_batch_size, get_config_from_dict), src/nanotron/helpers.py
 * (basic_optimizer_builder: torch.optim.AdamW(lr, weight_decay, eps, betas) or torch.optim.SGD(lr, weight_decay)).
 */
import type { EcosystemTable } from './types';
import { TORCH_SGD, unmodelled } from './optimizer-names';

const SOURCE = 'nanotron src/nanotron/config/config.py (huggingface/nanotron@2411b022a75f)';

export const nanotron: EcosystemTable = {
  id: 'nanotron',
  displayName: 'nanotron',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'tokens.batch_accumulation_per_replica', weight: 4 },
      { pattern: 'optimizer.optimizer_factory', weight: 3 },
      { pattern: 'optimizer.learning_rate_scheduler', weight: 3 },
      { pattern: 'optimizer.accumulate_grad_in_fp32', weight: 2 },
      { pattern: 'parallelism.tp_linear_async_communication', weight: 2 },
      { pattern: 'parallelism.pp_engine', weight: 2 },
      { pattern: 'general.consumed_train_samples', weight: 2 },
      { pattern: 'checkpoints.checkpoints_path', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'PyYAML yaml.load(Loader=SafeLoader), then dacite from_dict(strict=True)',
    dotlessExponent: 'string',
    source: `${SOURCE}: Config.load_from_yaml, get_config_from_dict (a string where a float is declared is a type error)`,
  },
  run: {
    microBatchSize: ['tokens.micro_batch_size'],
    gradAccum: ['tokens.batch_accumulation_per_replica'],
    seqLen: ['tokens.sequence_length'],
    steps: ['tokens.train_steps'],
    warmupSteps: ['optimizer.learning_rate_scheduler.lr_warmup_steps'],
    schedule: ['optimizer.learning_rate_scheduler.lr_decay_style'],
  },
  optimizers: [
    {
      at: 'optimizer',
      nameKeys: ['optimizer_factory.name'],
      // Files written before optimizer_factory existed always ran AdamW.
      defaultName: 'adamW',
      hyperparameters: {
        lr: ['learning_rate_scheduler.learning_rate'],
        beta1: ['optimizer_factory.adam_beta1', 'adam_beta1'],
        beta2: ['optimizer_factory.adam_beta2', 'adam_beta2'],
        eps: ['optimizer_factory.adam_eps', 'adam_eps'],
        weightDecay: ['weight_decay'],
      },
      names: {
        adamW: { kind: 'adamw', implementation: 'torch.optim.AdamW (nanotron optimizer_factory)', weightDecaySemantics: 'lr' },
        sgd: { ...TORCH_SGD, implementation: 'torch.optim.SGD (nanotron optimizer_factory, no momentum)' },
        '*': unmodelled('nanotron optimizer (by name)'),
      },
    },
  ],
  defaults: {
    warmupSteps: { value: 0, from: `${SOURCE}: LRSchedulerArgs.lr_warmup_steps=0` },
    schedule: { value: 'linear', from: `${SOURCE}: LRSchedulerArgs.__post_init__ lr_decay_style None -> "linear"` },
  },
  batch: { dataParallelKeys: ['parallelism.dp'] },
  schedules: { linear: 'linear', cosine: 'cosine' },
};
export default nanotron;
