/**
 * What is not a role, as data: places whose values are never the optimizer's (an evaluation block, a rollout's
 * settings, per-parameter overrides, offloading), and names that look like a role but are something else (a schedule's
 * floor, gradient clipping), each with the reason shown where it is found. roles/context.ts, roles/candidates.ts and
 * roles/unclaimed.ts read them.
 */
import { anyOf } from './places';

/**
 * Blocks of settings for some parameters only, overriding the optimizer's for them: detectron2's
 * `optimizer.params.overrides = {"pos_embed": {"weight_decay": 0.0}}` (facebookresearch/detectron2@02b5c4e2
 * detectron2/solver/build.py get_default_optimizer_params(overrides=...)), mmengine's `paramwise_cfg.custom_keys`
 * (open-mmlab/mmengine@ff1e140 mmengine/optim/optimizer/default_constructor.py), OLMo-core's `group_overrides=[
 * OptimGroupOverride(params=["embeddings.weight"], opts=dict(weight_decay=0.0))]` (allenai/OLMo-core@fa6c501
 * src/olmo_core/optim/config.py OptimConfig.group_overrides). A λ or lr there is one parameter's, not the optimizer's:
 * the optimizer's own value (or its default) stands, and the override gets a hint at its line (unclaimed.ts).
 */
export const PER_PARAMETER =
  /^(overrides|param_overrides|parameter_overrides|group_overrides|custom_keys|per_param(eter)?_(settings|overrides))$/i;
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
    // `normalization=RMSNorm.default_config().set(eps=1e-5)` (apple/axlearn@34aed43 axlearn/experiments/text/gpt/
    // fuji.py:1093): a model's normalisation layer under a key that spells the word out.
    pattern: /(norm|^bn$|batchnorm|layernorm|ln|(^|_)normali[sz]ation)$/i,
    reason: "a normalisation layer's setting (its ε or momentum is not the optimizer's)",
  },
  {
    // An RL trainer's advantage estimator (`advantage_estimator_config=GRPOAdvantageConfig(eps=1e-8)`,
    // InternLM/xtuner@b934f46 examples/v1/config/rl_dapo_math.py:206): its ε keeps the normalised advantages finite.
    pattern: /^(advantage|advantages|advantage_estimator|adv_estimator|advantage_estimation)$/i,
    reason: "the advantage estimator's setting (its ε normalises advantages), not the optimizer's",
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
  {
    // What measures the run rather than runs it: a throughput tracker's `warmup_steps` are the steps it leaves out of
    // its average (huggingface/accelerate@16cb6eb examples/torch_native_parallelism/utils.py PerformanceTracker),
    // a profiler's or timer's `warmup` its skipped steps (torch.profiler.schedule(wait, warmup, active)).
    pattern: /(tracker|profiler|timer|stopwatch|(?<!para)meter|throughput|benchmark(er)?)$/i,
    reason: 'a measurement of the run (a throughput tracker, timer or profiler), not its training settings',
  },
  {
    // Sparse training's mask schedule: how often the sparsity mask is updated and from which step (google-research/
    // rigl@d39fc7d rigl/rigl_tf2/configs: `mask_updater.update_freq = 100`, `pruning.begin_step`), and a pruning
    // schedule's own `frequency` and `end_step`: the mask's steps, not an accumulation or the run length.
    pattern: /^(mask|prun(e|er|ing)|sparsit(y|ies))/i,
    reason: "a sparsity mask's or pruning schedule's setting, not the optimizer's",
  },
  {
    // Latent diffusion's frozen parts: the autoencoder of `first_stage_config` and the conditioning encoders of
    // `cond_stage_config` are built, put in eval mode and never trained with the diffusion model
    // (CompVis/latent-diffusion ldm/models/diffusion/ddpm.py instantiate_first_stage: `model.train = disabled_train`,
    // `requires_grad = False`); the autoencoder's own `base_learning_rate` and `batchsize` there are from its own run
    // (haoheliu/AudioLDM-training-finetuning@702a638 audioldm_original.yaml reloads it from a checkpoint).
    pattern: /^(first_stage_config|cond_stage_config|first_stage_model|cond_stage_model)$/i,
    reason: "a frozen part's settings (latent diffusion's autoencoder or conditioning encoder), not the trained model's",
  },
  {
    // A diffusion model's noising process: its schedule's `num_steps` counts noise levels (microsoft/mattergen
    // mattergen/diffusion/corruption: `corruption.discrete_corruptions.<field>.d3pm.schedule.num_steps`, D3PM's
    // transition steps; score SDEs' `sde: {N: 1000}`), not optimizer steps.
    pattern: /^(corruptions?|discrete_corruptions|d3pm|sde|noise_schedule|forward_process|diffusion_schedule)$/i,
    reason: "the diffusion process's noising settings (its steps are noise levels), not the training run's",
  },
  { pattern: /^(rollout|generation_config|vllm|sglang)$/i, reason: 'rollout settings, not the optimizer step' },
  {
    // An RL run's environment block: its `max_steps` ends an episode (pytorch/rl@ae9719f sota-implementations/grpo/
    // config/grpo_gsm8k.yaml `env.max_steps`, "Maximum number of dialog turns per episode"), its `batch_size` is the
    // number of environments stepped together, not the optimizer's.
    pattern: /^(env|environment)$/i,
    reason: "the environment's settings (an episode's length, how many run at once), not the training run's",
  },
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
  // The length of the decay where a framework lets it differ from the run: Megatron's --lr-decay-iters/-samples
  // (megatron/training/arguments.py), nanotron's lr_decay_steps (src/nanotron/config/config.py LRSchedulerArgs),
  // EasyLM's (EasyLM/optimizers.py), fairseq tri_stage's decay_steps
  // (fairseq/optim/lr_scheduler/tri_stage_lr_scheduler.py), and torchtitan's decay_ratio, the run's share spent
  // decaying (torchtitan/config/job_config.py LRScheduler).
  ['lr_decay_steps', 'the length of the learning-rate decay (its horizon), not the run length or the warmup'],
  ['lr_decay_iters', 'the length of the learning-rate decay (its horizon), not the run length or the warmup'],
  ['lr_decay_samples', 'the length of the learning-rate decay in samples, not the run length or the warmup'],
  ['decay_steps', 'the length of the learning-rate decay, not the run length or the warmup'],
  ['decay_ratio', 'the share of the run a warmup-stable-decay schedule spends decaying, not the warmup or a rate'],
  // mmpretrain LearningRateDecayOptimWrapperConstructor (open-mmlab/mmpretrain@9fe593e mmpretrain/engine/
  // optimizers/layer_decay_optim_wrapper_constructor.py: paramwise_cfg.layer_decay_rate): lr × rate^(depth − layer).
  ['layer_decay_rate', 'a per-layer factor of the learning rate (layer-wise lr decay), not the weight decay λ'],
  ['max_norm', 'gradient clipping, which OptLens does not model'],
  ['clip_value', 'gradient clipping, which OptLens does not model'],
  // veRL trainer.critic_warmup (volcengine/verl@1acd108 verl/trainer/config/ppo_trainer.yaml): the steps that
  // train only the critic before the actor's updates start.
  ['critic_warmup', 'the steps the critic trains alone before the actor, not the learning-rate warmup'],
]);
