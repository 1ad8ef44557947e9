/**
 * Where a key sits, as data: block names that mean an optimizer, a schedule, a trained model or a training run;
 * optimizer settings outside OptLens's roles; words that hint at a role. The places and names whose values are never
 * the optimizer's are in roles/decoys.ts. roles/context.ts and roles/unclaimed.ts read them.
 */

/** `^(a|b|c)$`, case-insensitive, from a list of alternatives (each a regex fragment). */
export function anyOf(parts: readonly string[]): RegExp {
  return new RegExp(`^(${parts.join('|')})$`, 'i');
}
/**
 * Block names that say "this is an optimizer": the values inside are the optimizer's, with high confidence.
 * A segment also counts when it contains `optim` or names an optimizer family.
 */
export const OPTIMIZER_CONTEXT = anyOf([
  'opt',
  'optim',
  'optimi[sz]ers?',
  'optim_\\w+',
  'optimi[sz]er_\\w+',
  // Numbered optimizers (modded-nanogpt's `optimizer1` / `optimizer2`) and a GAN's per-model ones (`optimizerD`).
  'optimi[sz]er(\\d+|[dg])',
  'optim\\d+',
  'opt\\d+',
  '\\w+_optim',
  '\\w+_optimi[sz]er',
  'solver',
  'adam\\w*',
  'sgd\\w*',
  'muon\\w*',
  'lion\\w*',
  'lamb',
  'adafactor',
  'sophia\\w*',
  'soap',
  'shampoo',
  '\\w+_(adamw?|sgd|lion|muon|lamb|adagrad|rmsprop)', // a hand-written update (python/optimizer-functions.ts)
]);

/**
 * Block names of a learning-rate schedule: the `name`/`type` directly inside names the schedule
 * (fairseq `lr_scheduler: {_name: polynomial_decay}`, TF Model Garden `learning_rate: {type: cosine}`).
 */
export const SCHEDULER_CONTEXT = anyOf([
  'lr_scheduler',
  'scheduler',
  'sched',
  'lr_schedule',
  'schedule',
  'lr_policy',
  'learning_rate_scheduler',
  'learning_rate',
  'lr_config',
  'param_scheduler',
  'lr_scheduler_config',
  // k-diffusion's `lr_sched: {type: constant}` (crowsonkb/k-diffusion@4601bf0 train.py), PaddleClas's optimizer
  // `lr: {name: Cosine, learning_rate: ...}` (PaddlePaddle/PaddleClas@d178931 ppcls/optimizer/__init__.py build_lr).
  'lr_sched',
  'lr',
]);

/** Blocks of one trained model in a multi-model run (PPO's actor and critic): each has its own optimizer. */
export const OWNER_CONTEXT = /^(actor|critic|generator|discriminator|student)$/i;

/**
 * Prefixes of a setting that name the model of a multi-model run it is for (DeepSpeed-Chat's
 * `--critic_weight_decay`, `--actor_learning_rate`): a trained model has an optimizer of its own (a reward model
 * too, trained beside the policy; as a block, `reward` holds the reward function's settings instead); a frozen one
 * (PPO's and DPO's reference model, a distillation teacher) has none, so a role word after its prefix is no
 * optimizer's setting.
 */
export const TRAINED_PREFIXES: readonly string[] = ['actor', 'critic', 'reward', 'generator', 'discriminator', 'student'];
export const FROZEN_PREFIXES: readonly string[] = ['ref', 'reference', 'teacher'];

/** Block names that say "training run": run-level values (batch, steps, warmup) live here. */
export const TRAINING_CONTEXT = anyOf([
  'train',
  'training',
  'trainer',
  'train_args',
  'training_args',
  'training_arguments',
  'args',
  'hparams',
  'hyperparameters',
  'hyper_params',
  // Module dicts and namespaces of one run's settings (RL Zoo's `hyperparams = {env: dict(batch_size=...)}`, `hp`).
  'hyperparams',
  'hparam',
  'hps?',
  'train_cfg',
  'training_cfg',
  'train_params',
  'training_params',
  'config',
  'cfg',
  'optimization',
  'run',
  'data',
  'dataloader',
  // Lightning's LightningDataModule, whose train_dataloader() takes the batch (microsoft/mattergen
  // mattergen/common/data/datamodule.py CrystDataModule(batch_size=...), Hydra's `data_module:` block).
  'data_?module',
  'train_ds',
  'train_dataloader',
  'train_data',
  // The datasets a run trains on, each with its loader's batch (LAVIS `datasets: {<name>: {batch_size: ...}}`).
  'datasets',
  'schedule',
  'scheduler',
  'lr_scheduler',
  'sched',
  'lr_schedule',
  'batch',
  'global',
  'common',
  'dataset',
  'policy',
  'actor',
  'critic',
  'model_args',
  'train_config',
  'training_config',
  'defaults',
  'grpo',
  'ppo',
  'dpo',
  'sft',
  'rl',
  'distillation',
  'pretrain',
  'pretraining',
  'finetune',
  'finetuning',
  'fine_tune',
  'algorithm',
  'algo',
  // PaddleDetection's TrainReader: the training data loader, its batch_size per card (PaddlePaddle/
  // PaddleDetection@666f597 ppdet/data/reader.py: TrainReader(BaseDataLoader), a DistributedBatchSampler).
  'train_?reader',
  // fairseq2's `regime:` section: the run's length and checkpointing (facebookresearch/fairseq2@027bdeb
  // recipes/lm/sft/config.py RegimeSection(num_steps=...)).
  'regime',
  // An off-policy RL learner's replay buffer: each update samples batch_size transitions (or sequences of seq_len)
  // from it (pytorch/rl sota-implementations/dreamer_v3: ReplayBuffer(sampler=SliceSampler(slice_len=
  // cfg.replay_buffer.seq_len), batch_size=cfg.replay_buffer.batch_size * cfg.replay_buffer.seq_len)).
  'replay_?buffer',
  'replay',
  // A data loader's own block (`loader_kwargs:`, read as `loader` by its settings suffix), as `dataloader:` is: its
  // batch_size is each process's training batch (jla-gardner/graph-pes@25d30ef src/graph_pes/config/
  // training-defaults.yaml fitting.loader_kwargs.batch_size, passed to the training DataLoader); an evaluation
  // loader stays a decoy.
  'loader',
  // graph-pes's `fitting:` section: the training run's trainer, optimizer, scheduler and loader settings
  // (src/graph_pes/config/shared.py FittingConfig).
  'fitting',
]);

/** Optimizer settings OptLens knows are not among its roles: never reported as unrecognised. */
export const NON_ROLE_WORDS: ReadonlySet<string> = new Set([
  'ns_steps',
  'nesterov',
  'amsgrad',
  'foreach',
  'fused',
  'capturable',
  'maximize',
  'differentiable',
  'dampening',
  'adam_w_mode',
  'bias_correction',
  'decoupled',
  'clipping_threshold',
  'relative_step',
  'scale_parameter',
  'warmup_init',
  'freeze_step',
  'cuda_aware',
  'comm_backend_name',
  'torch_adam',
  'lr_ratio',
  'start_factor',
  'end_factor',
  'total_iters_ratio',
  'power',
  'cycle_momentum',
  'by_epoch',
  'begin',
  'end',
  'factor',
  'milestones',
  'step_size',
  'last_epoch',
  'verbose',
  'num_cycles',
  'cooldown',
  'patience',
  'threshold',
  'offload',
  'pin_memory',
  'stage',
  'zero_stage',
  'loss_scale',
  'initial_scale_power',
  'hysteresis',
  'min_loss_scale',
  'seed',
  // OLMo's optimizer config: how often optimizer metrics are logged (allenai/OLMo@362f460 olmo/config.py:
  // OptimizerConfig.metrics_log_interval).
  'metrics_log_interval',
  // DeepSpeed 1-bit LAMB: bounds and averaging of the LAMB trust ratio (deepspeedai/DeepSpeed@eed7bd6
  // deepspeed/runtime/fp16/onebit/lamb.py: OnebitLamb max_coeff=10.0, min_coeff=0.01, coeff_beta=0.9,
  // factor_max=4.0, factor_min=0.5, factor_threshold=0.1).
  'max_coeff',
  'min_coeff',
  'coeff_beta',
  'factor_max',
  'factor_min',
  'factor_threshold',
  // DeepSpeed 0/1 Adam: variance freezing and local-step policy (deepspeedai/DeepSpeed@eed7bd6
  // deepspeed/runtime/fp16/onebit/zoadam.py: ZeroOneAdam var_freeze_step=100000, var_update_scaler=16,
  // local_step_scaler=32678, local_step_clipper=16).
  'var_freeze_step',
  'var_update_scaler',
  'local_step_scaler',
  'local_step_clipper',
  // Adafactor's step count offset (google-research/t5x@247d329 t5x/adafactor.py: Adafactor.step_offset).
  'step_offset',
  // Megatron's share of the optimizer state moved to the host: memory, not the update (NVIDIA/Megatron-LM@0075637
  // megatron/core/optimizer/optimizer_config.py: OptimizerConfig.optimizer_offload_fraction=0.0).
  'optimizer_offload_fraction',
  // torchtune: the optimizer steps inside the backward pass to save memory; the update is the same
  // (meta-pytorch/torchtune recipes/full_finetune_single_device.py: cfg.optimizer_in_bwd).
  'optimizer_in_bwd',
]);

/** Words that suggest a role, for the hint on an unrecognised number (`adam_b2_decay` may be β2). */
export const ROLE_HINTS: readonly { pattern: RegExp; role: string }[] = [
  { pattern: /lr|learn|rate/i, role: 'learning rate' },
  { pattern: /beta|b1|b2/i, role: 'β1 or β2' },
  { pattern: /eps/i, role: 'ε' },
  { pattern: /decay|wd|l2/i, role: 'weight decay λ' },
  { pattern: /mom/i, role: 'momentum' },
  { pattern: /batch|bs/i, role: 'a batch size' },
  { pattern: /accum/i, role: 'gradient accumulation' },
  { pattern: /warm/i, role: 'warmup steps' },
  { pattern: /step|iter|epoch/i, role: 'the run length' },
];
