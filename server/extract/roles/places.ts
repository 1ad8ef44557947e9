/**
 * Where a key sits and what is not a role, as data: block names that mean an optimizer, a schedule, a trained
 * model or a training run; places and names whose values are never the optimizer's (with the reason); optimizer
 * settings outside OptLens's roles; words that hint at a role. roles/context.ts and roles/unclaimed.ts read them.
 */

/** `^(a|b|c)$`, case-insensitive, from a list of alternatives (each a regex fragment). */
function anyOf(parts: readonly string[]): RegExp {
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
  'train_ds',
  'train_dataloader',
  'train_data',
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
]);

/**
 * Blocks of settings for some parameters only, overriding the optimizer's for them: detectron2's
 * `optimizer.params.overrides = {"pos_embed": {"weight_decay": 0.0}}` (facebookresearch/detectron2@02b5c4e2
 * detectron2/solver/build.py get_default_optimizer_params(overrides=...)), mmengine's `paramwise_cfg.custom_keys`
 * (open-mmlab/mmengine@ff1e140 mmengine/optim/optimizer/default_constructor.py). A λ or lr there is one parameter's,
 * not the optimizer's: the optimizer's own value stands, and the override gets a hint at its line (unclaimed.ts).
 */
export const PER_PARAMETER = /^(overrides|param_overrides|parameter_overrides|custom_keys|per_param(eter)?_(settings|overrides))$/i;
export const PER_PARAMETER_REASON = "a setting for some parameters only (a per-parameter override), not the optimizer's";

/**
 * Contexts whose values are never the optimizer's, and why: a role match there is refused. A `weak` one (a
 * model block) refuses only the words that need context (`model.eps`), not the specific ones
 * (`model.max_seq_len`): some frameworks keep run settings beside the model's.
 */
export const DECOY_CONTEXTS: readonly { pattern: RegExp; reason: string; weak?: boolean }[] = [
  {
    pattern: anyOf([
      'eval',
      // big_vision's `config.evals.<name>` (its evaluators, each with its own `batch_size`).
      'evals',
      'evaluators',
      'evaluation',
      'validation',
      'valid',
      'val',
      'test',
      'testing',
      'validation_ds',
      'test_ds',
      // PaddleDetection's EvalReader / TestReader (PaddlePaddle/PaddleDetection@666f597 ppdet/data/reader.py).
      'eval_?reader',
      'test_?reader',
      'eval_args',
      'evaluator',
      'generation',
      'generate',
      'inference',
      'sampling',
      'predict',
      'train_eval',
      'infer_eval',
      'infer',
    ]),
    reason: 'evaluation or generation settings, not training',
  },
  {
    pattern: anyOf([
      'model',
      'model_config',
      'network',
      'net',
      'arch',
      'architecture',
      'encoder',
      'decoder',
      'backbone',
      'head',
      'neck',
      'transformer',
      'layers?',
    ]),
    reason: 'a model setting, not the optimizer',
    weak: true,
  },
  {
    pattern: /(norm|^bn$|batchnorm|layernorm|ln)$/i,
    reason: "a normalisation layer's setting (its ε or momentum is not the optimizer's)",
  },
  {
    // WeNet / ESPnet `filter_conf: {max_length: 40960, token_max_length: 400}` (wenet-e2e/wenet@0154699
    // wenet/dataset/processor.py filter): bounds that drop samples, in audio frames or label tokens.
    pattern: /^(filter|filters|filter_conf|length_filter)$/i,
    reason: 'bounds of a data filter that drops samples, not the training sequence length',
  },
  {
    pattern: /^(ema|swa|ema_model|model_ema|averaging)$/i,
    reason: "weight averaging's decay, not the optimizer's momentum",
  },
  {
    pattern: anyOf([
      'kl',
      'reward',
      'ref',
      'reference',
      'ref_model',
      'reference_model',
      'reward_model',
      'rm',
      'loss',
      'teacher',
      'critic_model',
    ]),
    reason: 'a loss or reference-model setting, not the optimizer',
  },
  {
    pattern: anyOf([
      'profiler',
      'profiling',
      'profile',
      'logging',
      'logger',
      'wandb',
      'checkpoint',
      'checkpointing',
      'callbacks?',
    ]),
    reason: 'logging, profiling or checkpointing settings, not training',
  },
  { pattern: /^(rollout|generation_config|vllm|sglang)$/i, reason: 'rollout settings, not the optimizer step' },
  { pattern: PER_PARAMETER, reason: PER_PARAMETER_REASON },
  {
    pattern: /offload|^zero_optimization$/i,
    reason: "memory offloading or sharding settings, not the optimizer's hyperparameters",
  },
];

/** Key names that look like a role but are something else, with the reason shown when found in an optimizer block. */
export const DECOY_WORDS: ReadonlyMap<string, string> = new Map([
  ['min_lr', "the schedule's floor, not the peak learning rate"],
  ['min_learning_rate', "the schedule's floor, not the peak learning rate"],
  ['lr_min', "the schedule's floor, not the peak learning rate"],
  ['final_lr', "the schedule's final value, not the peak learning rate"],
  ['end_lr', "the schedule's final value, not the peak learning rate"],
  ['lr_end', "the schedule's final value, not the peak learning rate"],
  ['eta_min', "the cosine schedule's floor, not the peak learning rate"],
  ['warmup_lr', 'the learning rate at the start of warmup, not the peak'],
  ['warmup_init_lr', 'the learning rate at the start of warmup, not the peak'],
  ['init_lr', 'the learning rate at the start of warmup, not the peak'],
  ['lr_warmup_init', 'the learning rate at the start of warmup, not the peak'],
  ['min_lr_ratio', "the schedule's floor as a fraction of the peak"],
  ['min_decay_lr', "the schedule's floor, not the peak learning rate"],
  ['beta', "a loss coefficient (DPO/KL β), not one of Adam's betas"],
  ['layer_norm_eps', "the layer norm's ε, not Adam's"],
  ['layer_norm_epsilon', "the layer norm's ε, not Adam's"],
  ['layernorm_epsilon', "the layer norm's ε, not Adam's"],
  ['rms_norm_eps', "the RMSNorm's ε, not Adam's"],
  ['rms_norm_epsilon', "the RMSNorm's ε, not Adam's"],
  ['norm_eps', "the normalisation layer's ε, not Adam's"],
  ['norm_epsilon', "the normalisation layer's ε, not Adam's"],
  ['normalization_layer_epsilon', "the normalisation layer's ε, not Adam's"],
  ['ema_decay', "weight averaging's decay, not the optimizer's"],
  ['lr_decay_rate', 'a schedule factor, not the learning rate'],
  ['gamma', 'a schedule factor, not the learning rate'],
  ['label_smoothing', 'a loss setting'],
  ['max_grad_norm', 'gradient clipping, which OptLens does not model'],
  ['clip_grad', 'gradient clipping, which OptLens does not model'],
  ['grad_clip', 'gradient clipping, which OptLens does not model'],
  ['gradient_clipping', 'gradient clipping, which OptLens does not model'],
  ['clip_grad_norm', 'gradient clipping, which OptLens does not model'],
  ['clip_norm', 'gradient clipping, which OptLens does not model'],
  ['warmup_ratio', 'a fraction of the run, not a step count'],
  ['warmup_fraction', 'a fraction of the run, not a step count'],
  ['lr_warmup_fraction', 'a fraction of the run, not a step count'],
  ['warmup_steps_fraction', 'a fraction of the run, not a step count'],
  // Adafactor's second-moment decay: β2 at step t is 1 − t^(−decay_rate) (google-research/t5x@247d329
  // t5x/adafactor.py: Adafactor.decay_rate, `_decay_rate_pow(step - step_offset, exponent=decay_rate)`).
  ['decay_rate', "Adafactor's second-moment decay exponent (β2 = 1 − t^−decay_rate), not the weight decay λ"],
  // mmengine paramwise_cfg (open-mmlab/mmengine@ff1e140 mmengine/optim/optimizer/default_constructor.py:
  // DefaultOptimWrapperConstructor: lr_mult, decay_mult, bias_lr_mult, bias_decay_mult, norm_decay_mult, ...).
  ['decay_mult', 'a multiplier of λ for one parameter group, not the optimizer\'s weight decay'],
  ['lr_mult', 'a multiplier of the learning rate for one parameter group, not the learning rate'],
  ['bias_decay_mult', 'a multiplier of λ for the biases, not the optimizer\'s weight decay'],
  ['norm_decay_mult', 'a multiplier of λ for normalisation layers, not the optimizer\'s weight decay'],
  ['bias_lr_mult', 'a multiplier of the learning rate for the biases, not the learning rate'],
  ['constant_steps', "the length of a schedule's constant phase, not the warmup or the run length"],
  // mmpretrain LearningRateDecayOptimWrapperConstructor (open-mmlab/mmpretrain@9fe593e mmpretrain/engine/
  // optimizers/layer_decay_optim_wrapper_constructor.py: paramwise_cfg.layer_decay_rate): lr × rate^(depth − layer).
  ['layer_decay_rate', 'a per-layer factor of the learning rate (layer-wise lr decay), not the weight decay λ'],
  ['max_norm', 'gradient clipping, which OptLens does not model'],
  ['clip_value', 'gradient clipping, which OptLens does not model'],
  // veRL trainer.critic_warmup (volcengine/verl@1acd108 verl/trainer/config/ppo_trainer.yaml): the steps that
  // train only the critic before the actor's updates start.
  ['critic_warmup', 'the steps the critic trains alone before the actor, not the learning-rate warmup'],
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
