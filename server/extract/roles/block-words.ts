/**
 * Words whose role depends on where they sit or on what is written beside them: a generic name (`coeff`, `mass`,
 * `num_batches`, `decay`, `constant`) names a role only inside a block that says which (`regularizer.coeff` is an L2
 * weight decay, `Momentum.mass` the momentum, `grad_accumulation.num_batches` the accumulation), or beside a sibling
 * that says so (`constant` beside `factors: 'constant * linear_warmup * rsqrt_decay'` is the learning rate). Read
 * after roles/vocabulary.ts's words, which name a role wherever they appear.
 */
import type { ValueUnit } from '../ecosystems/types';
import type { ContextKind } from './context';
import { normaliseWord } from './context';
import { SCHEDULER_CONTEXT } from './places';
import type { Role } from './vocabulary';

/**
 * A product of schedule factors (T2T / Trax `multifactor`, T5X `create_learning_rate_scheduler`): `constant *
 * linear_warmup * rsqrt_decay`, each factor a word (google/trax@7c189c2 trax/supervised/lr_schedules.py multifactor).
 */
export const FACTOR_PRODUCT = /^\s*[a-z][a-z0-9_]*(\s*\*\s*[a-z][a-z0-9_]*)+\s*$/i;
/**
 * A Composer time string in batches, tokens or samples (`200000ba`, `100tok`); one in epochs (`2ep`) is no step count
 * until the dataset's size is known, so it is left, as an epoch count is elsewhere.
 */
const COMPOSER_TIME = /^\s*\d[\d_]*\s*(ba|tok|sp)\s*$/i;

export interface BlockWord {
  role: Role;
  /** The block directly around the key must be one of these (normalised names). */
  parent?: RegExp;
  /** The key must sit in this kind of place (roles/context.ts). */
  context?: ContextKind;
  /** A sibling whose value must match (a word) or be below a bound (a number) for the key to be read. */
  sibling?: { key: string; value?: RegExp; below?: number; written?: boolean };
  /** Keys that must not be written beside it: a schedule's start value is its lr only where no peak is written. */
  without?: readonly string[];
  /** The key's own value must match (a word naming the schedule, a product of factors). */
  value?: RegExp;
  /** The value's unit when not the role's default (a Composer time string is a `duration`). */
  unit?: ValueUnit;
  reason: string;
}

const REGULARIZER = /^(regularizer|regularization|l2_decay)$/;
/** A block named for the learning rate, holding its value and its schedule (`learning_rate: {initial: 1e-4, ...}`). */
const LR_BLOCK = /^(learning_rate|lr)$/;
/** The peak of a schedule's values (optax's `peak_value`): where one is written, a start value is the warmup's. */
const PEAK_WORDS = ['peak_value', 'peak', 'max_value'];

/**
 * A schedule function's block, bound or called by name (gin's `transfer_utils.transfer_warmup_cosine_decay_schedule:
 * peak_value = 1e-2`, google-research/pix2struct configs/optimizers/adafactor.gin; optax's
 * `warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps)`, the function bound as the
 * trainer's learning_rate_fn): its peak is the learning rate's. Only a learning-rate schedule's: its name says its
 * shape or the rate, and names no other quantity a schedule ramps (DeepSpeed data efficiency's `random_ltd_schedule:
 * {min_value, max_value}` counts kept tokens; a diffusion `noise_schedule`, a `momentum_schedule`).
 */
const SCHEDULE_FN = new RegExp('^(?!(?:.*_)?(noise|beta|alpha|sigma|momentum|temperature|tau|kl|entropy|dropout|ema|' +
  'batch|seq|ltd|curriculum|mask|drop)(_|$))(\\w+_)?(lr|learning_rate|warmup|cosine|linear|constant|exponential|' +
  'polynomial|poly|piecewise|rsqrt|inverse_sqrt|decay|cyclic|one_?cycle)(_\\w+)?_schedule$');
/** The peak of a learning-rate block, where one is written (optax's schedules take `peak_value`). */
const peakOfLrBlock = (word: string): [string, BlockWord[]] => [word, [
  { role: 'lr', parent: LR_BLOCK, reason: `\`${word}\` of a learning-rate block is the peak learning rate` },
  { role: 'lr', parent: SCHEDULE_FN, reason: `\`${word}\` of a schedule function is the peak learning rate` },
]];
/**
 * A learning-rate block's start or base value, the learning rate unless a peak is written beside it (then it is
 * where a warmup starts: optax's warmup_cosine_decay_schedule(init_value, peak_value, ...)).
 */
const startOfLrBlock = (word: string): [string, BlockWord[]] => [word, [{ role: 'lr', parent: LR_BLOCK,
  without: PEAK_WORDS, reason: `\`${word}\` of a learning-rate block without a peak is the learning rate` }]];

/**
 * The learning rate a schedule starts from (`init_lr`, `lr_init`, `initial_lr`, `lr_initial`) is the run's learning
 * rate where no peak is written beside it: LAVIS-style runners decay from `run.init_lr`, their warmup starting at
 * `warmup_lr` (lavis/runners/runner_base.py `init_lr = self.config.run_cfg.init_lr`, LinearWarmupCosineLRScheduler(
 * init_lr=..., warmup_start_lr=...), public-code index copies); RWKV-LM's `--lr_init` decays to `--lr_final`
 * (BlinkDL/RWKV-LM train.py). Beside a peak it is where a warmup starts (EasyLM's `init_lr` under
 * optax.warmup_cosine_decay_schedule(init_value=init_lr, peak_value=lr), young-geng/EasyLM@fe5b2c35
 * EasyLM/optimizers.py), so it is not read there.
 */
const PEAK_LR_WORDS = ['lr', 'learning_rate', 'max_lr', 'lr_max', 'peak_lr', 'base_lr', 'max_learning_rate',
  'peak_learning_rate', 'base_learning_rate'];
/** A key as a block, a flag and an argparse option spell it: `learning_rate`, `--learning_rate`, `--learning-rate`. */
const FLAG_FORMS = (k: string): string[] => [k, `--${k}`, `--${k.replace(/_/g, '-')}`];
/** A peak's keys in every form (FLAG_FORMS). */
const PEAK_LR_KEYS = [...new Set(PEAK_LR_WORDS.flatMap(FLAG_FORMS))];
const startLr = (word: string): [string, BlockWord[]] => [word, [{ role: 'lr', without: PEAK_LR_KEYS,
  reason: `\`${word}\` with no peak learning rate beside it is the learning rate the schedule starts from` }]];

/**
 * Spellings of a per-device micro-batch, as a block key, a flag and a module constant write them: a plain batch size
 * beside one is the batch the micro-batches make up, the global batch of an optimizer step. alpaca-lora's and
 * lit-llama's `batch_size = 128` beside `micro_batch_size = 4` (tloen/alpaca-lora finetune.py
 * `gradient_accumulation_steps = batch_size // micro_batch_size`; Lightning-AI/lit-llama finetune/lora.py
 * `gradient_accumulation_iters = batch_size // micro_batch_size`), a launcher's `--batch-size` beside
 * `--micro-batch-size`.
 */
const MICRO_BATCH_KEYS: readonly string[] = ['micro_batch_size', 'micro_bsz', 'microbatch_size',
  'per_device_train_batch_size', 'per_device_batch_size', 'batch_size_per_device', 'batch_size_per_gpu',
  'micro_batch_size_per_gpu', 'train_micro_batch_size_per_gpu', 'device_batch_size']
  .flatMap((w) => [...FLAG_FORMS(w), w.toUpperCase()]);
const besideMicroBatch = (word: string): [string, BlockWord[]] => [word, MICRO_BATCH_KEYS.map((key) => ({
  role: 'globalBatchSize', sibling: { key, written: true },
  reason: `\`${word}\` beside a per-device micro-batch is the global batch the micro-batches make up`,
}))];

/**
 * A batch of sequences sampled from a replay buffer: `batch_size` sequences of `batch_length` steps each update
 * (danijar/dreamerv3@e3f0224 dreamerv3/configs.yaml and main.py `replay.sample(config.batch_size)`, the batch then
 * split over the train devices; the PyTorch ports write the same pair). The length is each training sequence's; the
 * count is the whole update's batch.
 */
const SEQUENCE_LENGTH: [string, BlockWord[]] = ['batch_length', [{ role: 'seqLen',
  sibling: { key: 'batch_size', written: true },
  reason: '`batch_length` beside `batch_size` is the length of each sequence the batch samples' }]];
const SEQUENCE_COUNT: BlockWord = { role: 'globalBatchSize', sibling: { key: 'batch_length', written: true },
  reason: '`batch_size` beside `batch_length` counts the sequences one update samples: the whole batch' };
const batchWords = (word: string): [string, BlockWord[]] => {
  const [key, words] = besideMicroBatch(word);
  return [key, word === 'batch_size' ? [...words, SEQUENCE_COUNT] : words];
};

/**
 * A scheduler's name beside the optimizer's names the learning-rate schedule (lifeiteng/vall-e@9c69096
 * valle/bin/trainer.py `--optimizer-name ScaledAdam`, `--scheduler-name Eden`, valle/modules/scheduler.py
 * get_scheduler); alone it may name a diffusion sampler's noise scheduler, so it is read only there.
 */
const SCHEDULER_NAME: readonly [string, BlockWord[]][] = FLAG_FORMS('scheduler_name').map((word) => [word,
  FLAG_FORMS('optimizer_name').map((key) => ({ role: 'schedule', sibling: { key, written: true },
    reason: `\`${word}\` beside the optimizer's name names the learning-rate schedule` }))]);

export const BLOCK_WORDS: ReadonlyMap<string, readonly BlockWord[]> = new Map<string, BlockWord[]>([
  ...SCHEDULER_NAME,
  ...['batch_size', 'bs', 'bsz'].map(batchWords),
  SEQUENCE_LENGTH,
  ...['init_lr', 'lr_init', 'initial_lr', 'lr_initial'].map(startLr),
  // Paddle's regularizer block (PaddlePaddle/PaddleClas@d178931 ppcls/optimizer/__init__.py: `regularizer: {name: L2,
  // coeff: ...}` builds paddle.regularizer.L2Decay(coeff); PaddleDetection and PaddleOCR write `factor`): a coupled
  // L2 penalty, the weight decay of a Momentum or SGD optimizer.
  ['coeff', [{ role: 'weightDecay', parent: REGULARIZER, reason: '`coeff` of a regularizer block is its L2 weight decay' }]],
  ['factor', [{ role: 'weightDecay', parent: REGULARIZER, reason: '`factor` of a regularizer block is its L2 weight decay' }]],
  // robomimic's per-network optim_params (ARISE-Initiative/robomimic robomimic/utils/torch_utils.py
  // optimizer_from_optim_params: Adam/AdamW(lr=net_optim_params["learning_rate"]["initial"],
  // weight_decay=net_optim_params["regularization"]["L2"])): `L2` of a regularization block is the weight decay, and
  // `initial` of a learning-rate block the learning rate its schedule decays from.
  ['l2', [{ role: 'weightDecay', parent: REGULARIZER, reason: '`L2` of a regularization block is its weight decay' }]],
  ...PEAK_WORDS.map(peakOfLrBlock),
  ...['initial', 'initial_value', 'init_value', 'base_value', 'value'].map(startOfLrBlock),
  // Trax's Momentum (google/trax@7c189c2 trax/optimizers/momentum.py: Momentum(learning_rate, mass=0.9, ...)).
  [
    'mass',
    [
      { role: 'momentum', context: 'optimizer', reason: '`mass` of a momentum optimizer is its momentum' },
      { role: 'momentum', parent: /^momentum$/, reason: '`mass` of a momentum optimizer is its momentum' },
    ],
  ],
  // Adafactor's ε1, the regulariser of the squared gradient (google/trax@7c189c2 trax/optimizers/adafactor.py
  // epsilon1=1e-16; T5X / Mesh TensorFlow adafactor epsilon1); its epsilon2 scales parameters, no ε of Adam's.
  ['epsilon1', [{ role: 'eps', context: 'optimizer', reason: "`epsilon1` is Adafactor's ε for the squared gradient" }]],
  // fairseq2's trainer section (facebookresearch/fairseq2@027bdeb recipes/wav2vec2/asr/config.py:
  // grad_accumulation=GradAccumulationConfig(num_batches=4)).
  [
    'num_batches',
    [{ role: 'gradAccum', parent: /^grad(ient)?_accum(ulation)?$/, reason: '`num_batches` of a gradient accumulation block' }],
  ],
  // A replay buffer's dataset of training samples: each training step takes sample_batch_size items from it
  // (tensorflow/agents tf_agents/replay_buffers/replay_buffer.py ReplayBuffer.as_dataset(sample_batch_size=...),
  // the batch the agent's train step is given in every TF-Agents example).
  [
    'sample_batch_size',
    [{ role: 'microBatchSize', parent: /^as_dataset$/, reason: '`sample_batch_size` of a replay buffer\'s dataset is ' +
      'the batch each training step samples' }],
  ],
  // A tokenizer's maximum length is the length training samples are cut to (H2O LLM Studio tokenizer.max_length:
  // h2oai/h2o-llmstudio@a4971c1 documentation/docs/tooltips/experiments/_max-length.mdx).
  // A T2T / Trax preprocessing function's `max_length` drops longer training examples (google/trax@7c189c2
  // trax/data/tf_inputs.py wmt_preprocess(dataset, training, max_length=-1, max_eval_length=-1)).
  [
    'max_length',
    [
      { role: 'seqLen', parent: /^tokenizer$/, reason: "a tokenizer's `max_length` is the training sequence length" },
      {
        role: 'seqLen',
        parent: /(^|_)preprocess(ing)?$/,
        reason: "a training preprocessor's `max_length` is the longest training sequence",
      },
    ],
  ],
  // A model block's `length` is the length of the sequences it is built for and trained on: MDLM-style diffusion LMs
  // cut the training text into blocks of `config.model.length` tokens (kuleshov-group/mdlm dataloader.py
  // get_dataloaders: `block_size=config.model.length`), launched as `python -m main model.length=1024`, and its forks
  // (BD3-LM, jdeschena/pgm) do the same.
  ['length', [{ role: 'seqLen', parent: /^model$/, reason: "a model block's `length` is its training sequence length" }]],
  // Ludwig's learning_rate_scheduler.decay: null | linear | exponential | cosine (ludwig-ai/ludwig@5d19f3e
  // ludwig/schema/lr_scheduler.py): the shape of the decay, a word directly inside the schedule block.
  [
    'decay',
    [{ role: 'schedule', parent: SCHEDULER_CONTEXT, value: /^[a-z_]+$/i, reason: '`decay` of a schedule block names its shape' }],
  ],
  // T2T / Trax multifactor schedules (google/trax@7c189c2 trax/supervised/lr_schedules.py: multifactor(factors=
  // 'constant * linear_warmup * rsqrt_decay', constant=0.1, warmup_steps=400)): `factors` is the schedule, and
  // `constant`, the factor every other multiplies, the learning rate.
  // A linear warmup's length beside the factor it starts from (PaddlePaddle/PaddleDetection@666f597
  // ppdet/optimizer/optimizer.py: LinearWarmup(steps=500, start_factor=1./3), written `- !LinearWarmup {start_factor:
  // 0.1, steps: 1000}` in a `schedulers:` list), as torch's LinearLR `total_iters` beside `start_factor` is.
  [
    'steps',
    [
      {
        role: 'warmupSteps',
        sibling: { key: 'start_factor', below: 1 },
        reason: '`steps` of a schedule rising from `start_factor` < 1 is the warmup length',
      },
    ],
  ],
  ['factors', [{ role: 'schedule', value: FACTOR_PRODUCT, reason: '`factors` is a product of schedule factors' }]],
  // Composer's Trainer(max_duration=...) takes a time string, `200000ba`, `100tok` (mosaicml/composer
  // composer/trainer/trainer.py max_duration: Union[str, Time]), however the file reaches the Trainer (Hydra's
  // `trainer: {_target_: composer.Trainer}`); a number under the name is something else (lhotse's `--max-duration`
  // is seconds of audio per batch), so only the time string is read.
  [
    'max_duration',
    [{ role: 'steps', value: COMPOSER_TIME, unit: 'duration', reason: '`max_duration` written as a Composer time ' +
      'string is the length of the run' }],
  ],
  [
    'constant',
    [
      {
        role: 'lr',
        sibling: { key: 'factors', value: /(^|[\s*])constant([\s*]|$)/ },
        reason: '`constant` beside schedule `factors` that multiply it is the learning rate',
      },
    ],
  ],
]);

/** Spellings of Adam's β2: a plain `eps` written beside one is that optimizer's ε (besideBeta2). */
const BETA2_WORDS: readonly string[] = ['beta2', 'beta_2', 'adam_beta2', 'b2'];

/**
 * Whether a β2 (a number between 0 and 1) is written beside the key: a block writing the optimizer's betas is its
 * settings, so its plain `eps` is the optimizer's ε (open_clip's get_default_params returns `{"lr": 5.0e-4, "beta1":
 * 0.9, "beta2": 0.98, "eps": 1.0e-6}`), which alone is too weak a word to read (a loss's or a norm's ε).
 */
export function besideBeta2(siblingValue: (key: string) => unknown): boolean {
  return BETA2_WORDS.some((k) => {
    const v = siblingValue(k);
    return typeof v === 'number' && v > 0 && v < 1;
  });
}

function siblingHolds(sibling: NonNullable<BlockWord['sibling']>, s: unknown): boolean {
  if (sibling.written === true) return s !== null && s !== undefined;
  if (sibling.value !== undefined) return typeof s === 'string' && sibling.value.test(s);
  return sibling.below !== undefined && typeof s === 'number' && s < sibling.below;
}

/**
 * The reading of `name` at `path` (in a place of kind `kind`) by BLOCK_WORDS, or null. `siblingValue` looks up the
 * value of a key written beside it. A keyword of a call is in the block its callee names too (`dataset =
 * buffer.as_dataset(sample_batch_size=...)` is read at `dataset.sample_batch_size`).
 */
export function blockWord(
  name: string,
  path: readonly string[],
  kind: ContextKind,
  value: unknown,
  siblingValue: (key: string) => unknown,
  callee?: string,
): BlockWord | null {
  const parent = normaliseWord(path.length >= 2 ? (path[path.length - 2] ?? '').split('.').pop() ?? '' : '');
  const called = callee === undefined ? null : normaliseWord(callee.split('.').pop() ?? '');
  for (const w of BLOCK_WORDS.get(name) ?? []) {
    if (w.parent !== undefined && !w.parent.test(parent) && !(called !== null && w.parent.test(called))) continue;
    if (w.context !== undefined && w.context !== kind) continue;
    if (w.value !== undefined && !(typeof value === 'string' && w.value.test(value))) continue;
    if (w.sibling !== undefined && !siblingHolds(w.sibling, siblingValue(w.sibling.key))) continue;
    if (w.without?.some((key) => siblingValue(key) !== null) === true) continue;
    return w;
  }
  return null;
}

/**
 * Keys a sibling switches off: WeNet's `batch_conf.batch_size` is read only with `batch_type: static` (or bucket);
 * with `dynamic`, batches are cut by `max_frames_in_batch` and batch_size is never read (wenet-e2e/wenet@0154699
 * wenet/dataset/dataset.py: `if batch_type == 'static': ... elif batch_type == 'dynamic': DynamicBatchWindow(...)`).
 */
const UNUSED_BESIDE: readonly { key: string; sibling: string; values: RegExp }[] = [
  { key: 'batch_size', sibling: 'batch_type', values: /^dynamic$/i },
];

/**
 * A warm-up beside a benchmark's step count is the benchmark's: the steps it runs before it starts timing, left out of
 * the throughput it reports (deepspeedai/DeepSpeedExamples@45b4b71 training/DeepSpeed-SuperOffload: `--bench_steps
 * $BENCH_STEPS --warmup_steps $WARMUP_STEPS`, finetune_zero3.py averages the step time after the warm-up steps), not a
 * learning-rate warm-up. Written as a key, a flag (`--bench_steps`) or a dashed flag (`--bench-steps`).
 */
const WARMUP_WORDS: ReadonlySet<string> = new Set(['warmup_steps', 'warmup_iters', 'num_warmup_steps', 'warmup',
  'warmup_iterations']);
const BENCHMARK_COUNTS: readonly string[] = ['bench_steps', 'benchmark_steps', 'num_bench_steps', 'num_benchmark_steps',
  'bench_iters', 'benchmark_iters', 'timing_steps', 'timed_steps', 'measure_steps', 'num_timed_steps']
  .flatMap(FLAG_FORMS);

/** Whether the warm-up key `name` is a benchmark's, by its siblings (`has` says whether one is written). */
export function benchmarkWarmup(name: string, has: (key: string) => boolean): boolean {
  return WARMUP_WORDS.has(name) && BENCHMARK_COUNTS.some(has);
}

/**
 * A prompt's length beside the answer's bounds one half of each example, not the sequence trained on: ChatGLM3's
 * fine-tuning demo truncates the prompt to `max_input_length` and the answer to `max_output_length` and trains on
 * their concatenation (THUDM/ChatGLM3@732294f finetune_demo/finetune_hf.py process_batch), as RL trainers split
 * `prompt_length` and `response_length`. The total, where one is written (`max_length`), stays the sequence length.
 * So is the answer's length beside the prompt's: transformers' seq2seq examples (run_summarization.py, ChatGLM-6B's
 * ptuning/main.py) truncate the source to `max_source_length` and the labels to `max_target_length`; alone (MaxText,
 * Flax's lm1b and wmt examples) `max_target_length` is the length of the sequence the model trains on.
 */
const PROMPT_LENGTHS: ReadonlySet<string> = new Set(['max_input_length', 'max_input_len', 'max_prompt_length',
  'max_prompt_len', 'prompt_length', 'max_source_length'].flatMap(FLAG_FORMS));
const ANSWER_LENGTHS: readonly string[] = ['max_output_length', 'max_output_len', 'max_response_length',
  'response_length', 'max_completion_length', 'max_target_length'].flatMap(FLAG_FORMS);
const ANSWER_LENGTH_SET: ReadonlySet<string> = new Set(ANSWER_LENGTHS);

/**
 * An on-policy RL runner's iteration count beside the rollout length of each environment counts rollouts, each
 * followed by several epochs of minibatch updates, not optimizer steps: rsl_rl's OnPolicyRunner runs
 * `max_iterations` learning iterations of `num_steps_per_env` steps per environment, then `num_learning_epochs` x
 * `num_mini_batches` updates (leggedrobotics/rsl_rl runners/on_policy_runner.py learn; legged_gym's
 * LeggedRobotCfgPPO.runner, "max_iterations = 1500 # number of policy updates"), as rl_games' `max_epochs` beside
 * `horizon_length` does.
 */
const ITERATION_COUNTS: ReadonlySet<string> = new Set(['max_iterations', 'num_iterations', 'max_iters', 'num_iters',
  'iterations'].flatMap(FLAG_FORMS));
const ROLLOUT_LENGTHS: readonly string[] = ['num_steps_per_env', 'horizon_length', 'rollout_length',
  'num_steps_per_rollout'].flatMap(FLAG_FORMS);

/**
 * An off-policy RL run's length beside its replay ratio or its replay buffer's capacity counts environment steps, not
 * updates: DreamerV3's `run: {steps: 1e10, train_ratio: 32}` trains `train_ratio` replayed steps per environment step
 * (danijar/dreamerv3@e3f0224 dreamerv3/configs.yaml, embodied/run/train.py), TD-MPC2's `steps` beside `buffer_size`
 * counts environment steps (nicklashansen/tdmpc2 tdmpc2/config.yaml, "total number of environment steps").
 */
const RUN_LENGTHS: ReadonlySet<string> = new Set(['steps', 'total_steps', 'num_steps', 'max_steps'].flatMap(FLAG_FORMS));
const REPLAY_SIBLINGS: readonly string[] = ['train_ratio', 'replay_ratio', 'utd_ratio', 'update_to_data_ratio',
  'buffer_size', 'replay_size', 'replay_buffer_size'].flatMap(FLAG_FORMS);

/**
 * An "initial" learning rate beside the plain one is where a warm-up starts, not the rate trained at: SpeechTokenizer's
 * `intial_learning_rate` (sic) beside `learning_rate` (ZhangXInFD/SpeechTokenizer@30c96fb speechtokenizer/trainer/
 * trainer.py: the optimizers take `learning_rate`, the warm-up ramps from `initial_lr`). Alone (Vocos'
 * `initial_learning_rate`, Keras' schedules) it is the learning rate.
 */
const START_LRS: ReadonlySet<string> = new Set(['initial_learning_rate', 'intial_learning_rate', 'initial_lr',
  'init_learning_rate'].flatMap(FLAG_FORMS));
const PLAIN_LRS: readonly string[] = ['learning_rate', 'lr'].flatMap(FLAG_FORMS);

/**
 * A base rate below a peak written beside it is where a warm-up starts, not the rate trained at: Boltz's af3 schedule
 * (jwohlwend/boltz src/boltz/model/models/boltz1.py configure_optimizers: Adam at `base_lr`, then
 * AlphaFoldLRScheduler(base_lr=, max_lr=, warmup_no_steps=) rises linearly to `max_lr`), torch's CyclicLR(base_lr,
 * max_lr) between the two. Equal, or alone, the base rate is the rate.
 */
const BASE_LRS: ReadonlySet<string> = new Set(['base_lr', 'base_learning_rate', 'start_lr', 'lr_start',
  'warmup_start_lr', 'warmup_init_lr'].flatMap(FLAG_FORMS));
const PEAK_LRS: readonly string[] = ['max_lr', 'lr_max', 'peak_lr', 'max_learning_rate', 'peak_learning_rate']
  .flatMap(FLAG_FORMS);

function asRate(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
}

/** Whether `name` is a base rate below a peak rate beside it (`value` is its own). */
function belowPeak(name: string, value: unknown, siblingValue: (key: string) => unknown): boolean {
  if (!BASE_LRS.has(name)) return false;
  const own = asRate(value);
  return PEAK_LRS.some((k) => asRate(siblingValue(k)) > own);
}

/**
 * Whether the key `name` is switched off, or made another's, by a sibling (`siblingValue` looks a sibling up; `value`
 * is the key's own).
 */
export function unusedBeside(name: string, siblingValue: (key: string) => unknown, value?: unknown): boolean {
  if (benchmarkWarmup(name, (k) => siblingValue(k) !== null)) return true;
  if (belowPeak(name, value, siblingValue)) return true;
  if (PROMPT_LENGTHS.has(name) && ANSWER_LENGTHS.some((k) => siblingValue(k) !== null)) return true;
  if (ANSWER_LENGTH_SET.has(name) && [...PROMPT_LENGTHS].some((k) => siblingValue(k) !== null)) return true;
  if (ITERATION_COUNTS.has(name) && ROLLOUT_LENGTHS.some((k) => siblingValue(k) !== null)) return true;
  if (RUN_LENGTHS.has(name) && REPLAY_SIBLINGS.some((k) => siblingValue(k) !== null)) return true;
  if (START_LRS.has(name) && PLAIN_LRS.some((k) => siblingValue(k) !== null)) return true;
  return UNUSED_BESIDE.some((u) => {
    if (u.key !== name) return false;
    const v = siblingValue(u.sibling);
    return typeof v === 'string' && u.values.test(v);
  });
}
