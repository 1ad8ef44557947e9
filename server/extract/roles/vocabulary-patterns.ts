/**
 * The rest of the role vocabulary (roles/vocabulary.ts re-exports it): words whose role depends on a sibling, the
 * numbered and factory optimizer names, the help text that makes a batch global, the roles' labels, list-valued
 * words and the parameter-group learning-rate patterns.
 */
import type { ValueUnit } from '../ecosystems/types';
import type { Role } from './vocabulary';

/**
 * A word's role beside a sibling: the sibling's number is below `below`, or its value is `is` when that is given, and
 * the siblings `with` names are written; the value counts `unit` when given.
 */
export interface SiblingWord {
  role: Role;
  siblings: readonly string[];
  below: number;
  is?: boolean;
  /** Siblings that must be written too. */
  with?: readonly string[];
  unit?: ValueUnit;
  reason: string;
}

/**
 * Words whose role depends on a sibling: torch's `LinearLR(start_factor=0.1, total_iters=20)` rising to the peak
 * is the warmup, so its `total_iters` is the warmup length (a LinearLR that decays is not).
 */
export const SIBLING_WORDS: ReadonlyMap<string, SiblingWord> =
  new Map<string, SiblingWord>([
    // DeepSpeed's batch triple (deepspeedai/DeepSpeed@029f12b3 deepspeed/runtime/config.py: train_batch_size =
    // train_micro_batch_size_per_gpu × gradient_accumulation_steps × data-parallel size), wherever a DeepSpeed
    // config is written (a JSON file, a here-document in a launch script): beside the micro-batch, it is global.
    // veRL's SFT trainer does the same with its `data.micro_batch_size_per_gpu` (volcengine/verl@0062357
    // verl/trainer/fsdp_sft_trainer.py _normalize_config_bsz: "Global batch size {train_batch_size} is not divisible
    // by dp size", then `train_batch_size //= dp_size`, split into micro-batches of micro_batch_size_per_gpu); its
    // engine trainer also beside a per-GPU token budget (volcengine/verl@b178a3c verl/trainer/sft_trainer.py:194
    // `self.global_batch_size = config.data.train_batch_size`, split over dp ranks, packed by max_token_len_per_gpu).
    [
      'train_batch_size',
      {
        role: 'globalBatchSize',
        siblings: ['train_micro_batch_size_per_gpu', 'micro_batch_size_per_gpu', 'max_token_len_per_gpu'],
        below: Number.POSITIVE_INFINITY,
        reason: '`train_batch_size` beside a per-device micro-batch is the global batch the micro-batches make up',
      },
    ],
    // A per-GPU token budget beside the global batch it splits, when the sibling switch turns dynamic batches on:
    // each GPU's micro-batches are packed up to that many tokens (veRL's SFT trainer, volcengine/verl@b178a3c
    // verl/trainer/sft_trainer.py:194, 287: data.train_batch_size split over the ranks, use_dynamic_bsz and
    // max_token_len_per_gpu passed to its engine, which packs micro-batches by token count). Without the global batch
    // beside it (an RL trainer's block of memory settings) it is left alone.
    [
      'max_token_len_per_gpu',
      {
        role: 'microBatchSize',
        siblings: ['use_dynamic_bsz'],
        below: Number.POSITIVE_INFINITY,
        is: true,
        with: ['train_batch_size'],
        unit: 'tokens',
        reason: 'a per-GPU token budget with dynamic batches on is each GPU\'s batch, counted in tokens',
      },
    ],
    // The same budget of a PPO worker (veRL's actor and critic): with `use_dynamic_bsz` on, each GPU's micro-batches of
    // the `ppo_mini_batch_size` update are packed up to `ppo_max_token_len_per_gpu` tokens (volcengine/verl@b178a3c
    // verl/workers/actor/dp_actor.py update_policy: prepare_dynamic_batch(mini_batch, max_token_len=
    // ppo_max_token_len_per_gpu * sp_size) if use_dynamic_bsz, else split(ppo_micro_batch_size_per_gpu)).
    [
      'ppo_max_token_len_per_gpu',
      {
        role: 'microBatchSize',
        siblings: ['use_dynamic_bsz'],
        below: Number.POSITIVE_INFINITY,
        is: true,
        with: ['ppo_mini_batch_size'],
        unit: 'tokens',
        reason: 'a PPO worker\'s per-GPU token budget with dynamic batches on is each GPU\'s micro-batch, in tokens',
      },
    ],
    // A flat run-hyperparameter file's short forms beside its global batch: DCLM's training JSON writes `acc` (passed
    // as open_lm's --accum-freq, micro-batches per optimizer step) and `tokens` (the run's token budget, passed as
    // --train-num-samples, which open_lm counts in tokens) beside `global_bs` and `warmup` (mlfoundations/dclm@361714b
    // training/params.py get_open_lm_args). Alone, `acc` is more often an accuracy and `tokens` a data count.
    [
      'acc',
      {
        role: 'gradAccum',
        siblings: ['global_bs', 'global_batch_size'],
        below: Number.POSITIVE_INFINITY,
        with: ['warmup'],
        reason: '`acc` beside a global batch and a warm-up is the gradient accumulation',
      },
    ],
    [
      'tokens',
      {
        role: 'steps',
        siblings: ['global_bs', 'global_batch_size'],
        below: Number.POSITIVE_INFINITY,
        with: ['warmup'],
        unit: 'tokens',
        reason: '`tokens` beside a global batch and a warm-up is the run length in tokens',
      },
    ],
    [
      'total_iters',
      {
        role: 'warmupSteps',
        siblings: ['start_factor'],
        below: 1,
        reason: '`total_iters` of a schedule rising from `start_factor` < 1 is the warmup length',
      },
    ],
  ]);

/**
 * Variables of a file that builds several optimizers (modded-nanogpt's `optimizer2 = Muon(...)`, a GAN's `optimizerD =
 * Adam(...)`, an actor-critic's `actor_optim = AdamOptimizerFactory(...)`, thu-ml/tianshou@f240205 examples/mujoco):
 * each names its optimizer as `optimizer` does; a verb before `_optim` (`build_optimizer`) is a factory, not one.
 */
export const NUMBERED_OPTIMIZER = new RegExp('^(optimi[sz]er(\\d+|[dg])|optim\\d+|opt\\d+|' +
  '(?!(use|no|build|create|make|get|setup|init|load|save|zero|configure|step)_)[a-z][a-z0-9]*_optim(i[sz]er)?)$');

/**
 * Calls that build an optimizer from a name (timm's `create_optimizer_v2(model, opt='sgd')`, `build_optimizer`):
 * the name passed to them, not the factory, is the optimizer.
 */
export const OPTIMIZER_FACTORY = /(^|\.)(create|build|make|get|setup)_?optim(izer)?(_v\d+)?$/i;

/**
 * Classes named for the optimizer's settings, not for an optimizer (fairseq2's `OptimizerSection(
 * name=ADAMW_OPTIMIZER, config=AdamWConfig(...))`, a recipe's `OptimizerConfig`, `OptimArgs`): a call of one is the
 * optimizer's block, and its class names no optimizer. `AdamWConfig` names one (AdamW) and is no match.
 */
export const OPTIMIZER_SETTINGS_CLASS = /(^|\.)optimi[sz](er|ation)?_?(section|config|cfg|args|arguments|options|params|settings|spec)$/i;

/**
 * A command-line option's help text that says a batch size counts every device (`this is the total batch size of
 * all GPUs`, pytorch/examples imagenet): the value is the global batch, whatever its name says.
 */
export const GLOBAL_BATCH_HELP = new RegExp(
  // A comment that gives the total's own number (`batch_size: 4  # total batch size is 16`, PaddlePaddle/PaddleSeg
  // configs/*: four per card on four cards) tells what the value makes up with the devices, not what it is.
  '^(?![^]*\\b(total|global)\\b[^.]*\\bbatch([ _-]?size)?\\s*(is|=|:|equals)\\s*\\d)[^]*?' +
  '(\\b(total|global)\\b[^.]*\\bbatch\\b|\\bbatch size of all\\b|\\bacross (all )?(gpus|devices|ranks|nodes)\\b)', 'i');

/** What each role is called in messages and hovers. */
export const ROLE_LABELS: Record<Role, string> = {
  lr: 'the learning rate',
  beta1: 'β1',
  beta2: 'β2',
  eps: 'ε',
  weightDecay: 'the weight decay λ',
  momentum: 'the momentum',
  microBatchSize: 'the per-device batch size',
  gradAccum: 'the gradient accumulation',
  globalBatchSize: 'the global batch size',
  seqLen: 'the sequence length',
  steps: 'the run length in steps',
  warmupSteps: 'the warmup length',
  schedule: 'the learning-rate schedule',
  optimizer: "the optimizer's name",
};

/**
 * A list-valued key whose elements are roles (`betas: [0.9, 0.95]`, `adam_betas: '(0.9, 0.98)'`), and where it is
 * read: `anywhere` for a key that names its optimizer itself; `config` for one that is a setting wherever a config
 * writes it (a block or module constant) but not as the keyword of a call that is not an optimizer's (a list
 * `betas=` passed to a plotting helper); `optimizer` only inside an optimizer block or call (`b=[1, 2, 3]`).
 */
export interface ListWord {
  roles: Role[];
  where: 'anywhere' | 'config' | 'optimizer';
}

export const LIST_WORDS: ReadonlyMap<string, ListWord> = new Map<string, ListWord>([
  ['betas', { roles: ['beta1', 'beta2'], where: 'config' }],
  ['adam_betas', { roles: ['beta1', 'beta2'], where: 'anywhere' }],
  ['optimizer_betas', { roles: ['beta1', 'beta2'], where: 'anywhere' }],
  ['adamw_betas', { roles: ['beta1', 'beta2'], where: 'anywhere' }],
  ['opt_betas', { roles: ['beta1', 'beta2'], where: 'anywhere' }],
  ['b', { roles: ['beta1', 'beta2'], where: 'optimizer' }],
]);

/**
 * `<part>_lr` / `<part>_learning_rate`: the learning rate of one parameter group or model (nanochat's
 * `matrix_lr`, Megatron's `decoupled_lr`, OpenRLHF's `actor_learning_rate`); the part names its optimizer.
 * Prefixes that make it a schedule value instead are listed in NOT_A_GROUP.
 */
export const GROUP_LR = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*?)_(lr|learning_rate)$/;
/** `lr_<part>` / `learning_rate_<part>` (nanoVLM's `lr_mp`, SpeechBrain's `lr_wav2vec`): roles/group-lr.ts. */
export const GROUP_LR_AFTER = /^(lr|learning_rate)_([a-z][a-z0-9]*(?:_[a-z0-9]+)*)$/;
/**
 * Words of the part in `lr_<part>` that name a model's part, which takes a rate of its own: nanoVLM's `lr_mp`
 * (modality projector), `lr_vision_backbone`, `lr_language_backbone` (huggingface/nanoVLM models/config.py);
 * SpeechBrain's `lr_wav2vec`, `lr_ssl` (speechbrain/speechbrain recipes); the encoders, heads, towers and adapters
 * of multi-part models. Another part counts when the file names it elsewhere (roles/group-lr.ts).
 */
export const MODEL_PART_WORDS: ReadonlySet<string> = new Set([
  'backbone', 'vision', 'language', 'text', 'image', 'audio', 'speech', 'encoder', 'decoder', 'head', 'heads', 'mp',
  'ssl', 'wav2vec', 'wav2vec2', 'whisper', 'connector', 'projector', 'projection', 'adapter', 'adapters', 'tower',
  'embed', 'embedding', 'embeddings', 'lm', 'llm', 'classifier', 'model', 'unet', 'actor', 'critic', 'generator',
  'discriminator', 'prompt', 'lora', 'bias', 'biases', 'visual', 'transformer', 'bert', 'vit', 'clip',
  // The weight matrices' group beside the biases' and norms' (facebookresearch/barlowtwins@8e8d284 main.py
  // `--learning-rate-weights` beside `--learning-rate-biases`, one LARS parameter group each).
  'weights',
  // The text encoder, abbreviated: kohya_ss's `learning_rate_te`, `learning_rate_te1`, `learning_rate_te2` (bmaltais/
  // kohya_ss config example.toml; sd-scripts train_network.py --text_encoder_lr, one rate per SDXL text encoder).
  'te',
]);
/**
 * Words after `lr_` that modify the rate and never name a part (fairseq's `--lr-shrink`, StyleGAN's `lr_mul`,
 * `lr_alpha`, `lr_coef`), even where the file writes them elsewhere (`alpha:` of a loss).
 */
export const NOT_A_PART: ReadonlySet<string> = new Set([
  'shrink', 'mul', 'coef', 'coeff', 'alpha', 'factor', 'decay', 'gamma', 'scale', 'ratio', 'beta', 'eta',
]);
export const NOT_A_GROUP: ReadonlySet<string> = new Set([
  'min',
  'max',
  'final',
  'end',
  'init',
  'initial',
  'warmup',
  'warmup_init',
  'base',
  'peak',
  'start',
  'target',
  'decay',
  'scaled',
  'default',
  'cur',
  'current',
  'last',
  'decoupled_min',
  'lr',
  'optimizer',
  'adam',
  'adamw',
  'sgd',
  'muon',
  'lion',
  'eval',
  'finetune',
  'pretrain',
  'train',
  'lower',
]);
