/**
 * Role readings that rest on what surrounds a value rather than on its name (the Python reader marks what it saw,
 * python/code-use.ts): the bound of the loop that steps the optimizer is the run length; a setting's help text or
 * trailing comment that opens with a role's phrase says its role where its name does not; a generic batch in a
 * config library whose programs split the batch over the devices is the global batch.
 */
import type { ConfigFormat } from '../../../core/analysis';
import { isCallEntry, type ConfigEntry } from '../entries';
import { renderPath } from '../keypath';
import type { EntryIndex } from '../match';
import { frameworkValue } from '../values';
import type { RoleCandidate } from './candidates';
import { BLOCK_WORDS } from './block-words';
import { keyContext, normaliseWord, type KeyContext } from './context';
import { LIST_WORDS, ROLE_WORDS, type Role } from './vocabulary';

/**
 * Config libraries whose programs read a generic batch (`batch_size`, `batch`) as the global batch, split over the
 * devices by the input pipeline: ml_collections, the config of JAX training code. Sources: google/flax@18f8f31
 * examples/imagenet/train.py (`local_batch_size = config.batch_size // jax.process_count()`),
 * google-research/vision_transformer@c6de1e5 vit_jax/input_pipeline.py (`batch_size: Global batch size`),
 * google-deepmind/nanodo@10aefde nanodo/train.py (micro-batches of `c.batch_size`, each divisible by
 * `jax.device_count()`), google-research/big_vision train.py (`config.input.batch_size`, global). Kauldron's data
 * pipelines too (google-research/kauldron@021be2a kauldron/data/pipelines.py Pipeline: "batch_size: Global batch
 * size. Has to be divisible by number of global devices"; each process batches `host_batch_size`, its share).
 * Brax's trainers too (google/brax brax/training/agents/ppo/train.py: `batch_size * num_minibatches % num_envs == 0`
 * over all `num_envs`, which are split over the processes and their local devices): a script that imports them and
 * passes its `--batch_size` on sets the batch of every device together.
 */
const GLOBAL_BATCH_IMPORTS = /^(ml_collections|kauldron|brax\.training)(\.|$)/;
/**
 * JAX's device-mesh sharding (`jax.sharding.Mesh`, `NamedSharding`, `jax.make_mesh`, `mesh_utils`): a batch put on the
 * mesh (`jax.device_put(batch, NamedSharding(mesh, P('data')))`) is one global array whose shards the devices hold,
 * so the batch the file writes is the global batch (JAX documentation, "Distributed arrays and automatic
 * parallelization": a `jax.Array` has the global shape; keras-team/keras examples/demo_jax_distributed.py splits
 * its BATCH_SIZE over the data mesh).
 */
const MESH_SHARDING = /^jax\.(sharding(\.|$)|make_mesh$|NamedSharding$|experimental\.mesh_utils(\.|$))/;
/** The generic batch words that convention makes global (not `mbs`, `micro_batch`: those say per device). */
export const CONVENTION_BATCH_WORDS: ReadonlySet<string> = new Set(['batch_size', 'batch']);

/** A help text or comment saying a batch is each device's (`batch_size = 32  # per device`, `micro batch`). */
const PER_DEVICE_HELP = /\bper[- ]?(device|gpu|core|chip|replica|process|host|worker|rank)\b|\bmicro[- ]?batch|\blocal batch/i;

/** Whether the setting's own help text or comment says its batch is per device: that wins over any convention. */
export function saysPerDevice(entry: ConfigEntry): boolean {
  return entry.help !== undefined && PER_DEVICE_HELP.test(entry.help);
}

/**
 * A help text or comment saying the count belongs to something the run does not train with: a text encoder's prompt
 * (`# Maximum sequence length for the text encoder` over AI-Hypercomputer/maxdiffusion's `max_sequence_length`;
 * diffusers' flux scripts: "Maximum sequence length to use with with the T5 text encoder"), or the evaluation,
 * inference or sampling pass. Its name alone (`max_sequence_length`, `batch_size`) would read it as the run's.
 */
const OTHER_OWNER_HELP = new RegExp('\\btext[ _-]?encoders?\\b|\\b(for|during|at|in|with|of)( the)? ' +
  '(evaluation|eval|validation|inference|generation|sampling|rollouts?)\\b', 'i');

/** Whether the setting's own help text or comment says its count is another part's (see OTHER_OWNER_HELP). */
export function saysOtherOwner(entry: ConfigEntry): boolean {
  return entry.help !== undefined && OTHER_OWNER_HELP.test(entry.help.slice(0, 120));
}

/** Counts a help text may give to another part: the run's batches, lengths and step counts. */
const COUNT_ROLES: ReadonlySet<Role> = new Set(['microBatchSize', 'gradAccum', 'globalBatchSize', 'seqLen', 'steps',
  'warmupSteps']);

/** Whether a count's reading is refused because the setting's own help text gives it to another part. */
export function countOfAnotherPart(c: RoleCandidate): boolean {
  return COUNT_ROLES.has(c.role) && saysOtherOwner(c.entry);
}

/** Whether the file imports a config library whose generic batch is global, or lays its batch over a device mesh. */
export function globalBatchConvention(index: EntryIndex): boolean {
  const imports = (index.byName.get('import') ?? []).filter((e) => e.path.length === 1).map((e) => String(e.value));
  return imports.some((i) => GLOBAL_BATCH_IMPORTS.test(i) || MESH_SHARDING.test(i)) ||
    index.entries.some((e) => e.callee !== undefined && MESH_SHARDING.test(e.callee));
}

/**
 * What a help text or a trailing comment says a setting is, for a name that says nothing itself (`B = 64 # micro
 * batch size`, `T = 1024 # sequence length` in karpathy's GPT scripts; nanodo's `L=512,  # max context/sequence
 * length`): the phrase must open the text and end its clause (`learning rate warmup iterations`, a help text copied
 * onto another option in llm.c's train_gpt2.py, says neither).
 */
const DESCRIBED_ROLES: readonly { role: Role; phrase: RegExp }[] = [
  { role: 'globalBatchSize', phrase: /^(the\s+)?(global|total|effective)\s+batch(\s*size)?/i },
  { role: 'microBatchSize', phrase: /^(the\s+)?(micro|per[- ]?(device|gpu)|local)[- ]?batch(\s*size)?/i },
  // diffusers' `--train_batch_size` help, in every training script: "Batch size (per device) for the training
  // dataloader." (huggingface/diffusers@000280f examples/text_to_image/train_text_to_image.py).
  {
    role: 'microBatchSize',
    phrase: new RegExp('^batch[- ]size\\s*\\(per[- ](device|gpu|core|replica)\\)' +
      '(\\s+for\\s+(the\\s+)?training(\\s+data\\s*loader|\\s+dataloader)?)?', 'i'),
  },
  { role: 'seqLen', phrase: /^(the\s+)?(max(imum)?\s+)?(context|sequence|seq)(\s*\/\s*sequence)?\s*(length|len)/i },
  // A base lr, which the run scales by the batch (`tblr: float = 1e-4  # base lr`, FoundationVision/VAR@78b9539
  // utils/arg_util.py; timm's `--lr-base`), is read as MAE's `blr` is: the written base of a learning rate computed at
  // run time (roles/scaled-lr.ts), the value the file writes.
  { role: 'lr', phrase: /^(the\s+)?((peak|max(imum)?|initial|base)\s+)?(learning[- ]rate|lr\b)/i },
  { role: 'warmupSteps', phrase: /^(the\s+)?(number of\s+)?(lr\s+)?warm[- ]?up\s+(steps|iterations|iters)/i },
  {
    role: 'steps',
    phrase: /^(the\s+)?(total\s+|max(imum)?\s+)?(number of\s+)?(training|optimi[sz]er|train)\s+(steps|iters?)/i,
  },
  { role: 'gradAccum', phrase: /^(the\s+)?(number of\s+)?grad(ient)?\s+accumulation(\s+steps)?/i },
  // A single beta the help text gives to the optimizer is its first moment's, as scripts pass it (`Adam(...,
  // betas=(args.beta, 0.999))` in many public training scripts; ACEsuit/mace@667eee4 mace/tools/arg_parser.py `--beta`,
  // "Beta parameter for the optimizer"); a loss's beta (DPO's) says nothing of an optimizer.
  { role: 'beta1', phrase: /^(the\s+)?beta1?\s+((parameter|coefficient|value)\s+)?(of|for)\s+(the\s+)?(adamw?\s+)?optimi[sz]er/i },
  // `wd`: the common short form (`twd: float = 0.05  # initial wd`, FoundationVision/VAR@78b9539 utils/arg_util.py).
  { role: 'weightDecay', phrase: /^(the\s+)?(initial\s+)?(weight[- ]decay|wd\b)/i },
  // `sche: str = 'lin0'  # lr schedule` (FoundationVision/VAR@78b9539 utils/arg_util.py): a name the role words miss.
  { role: 'schedule', phrase: /^(the\s+)?(lr|learning[- ]rate)\s+sched(ule|uler)?/i },
];
/** The end of the phrase's clause: what follows is an aside (`# Global batch size. Must be ...`), not more words. */
const DESCRIBED_END = /^\s*([.,;:(]|$)/;
const COUNTS: ReadonlySet<Role> = new Set(['microBatchSize', 'gradAccum', 'globalBatchSize', 'seqLen', 'steps',
  'warmupSteps']);

/** A number the role can hold: whole and positive for counts, non-negative for rates. */
function holds(role: Role, value: unknown): boolean {
  if (role === 'schedule') return typeof value === 'string' && /^[A-Za-z][\w.-]*$/.test(value);
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return COUNTS.has(role) ? Number.isInteger(value) && value > 0 : value >= 0;
}

/**
 * The bound of the loop that steps the optimizer (python/training-loop.ts): the run length, whatever its name; the
 * bound of a loop inside it that runs the backward pass and steps nothing: the accumulation.
 */
export function loopBoundCandidates(entry: ConfigEntry): RoleCandidate[] {
  const context = keyContext(entry);
  const role = entry.trainingLoop !== true ? null : entry.accumulationLoop === true ? 'gradAccum' : 'steps';
  if (role === null || context.kind === 'decoy' || !holds(role, entry.value)) return [];
  const reason = role === 'steps' ? 'bounds the training loop, whose every pass steps the optimizer once'
    : 'bounds the loop inside the training step that runs the backward pass and steps nothing: the micro-batches ' +
      'accumulated per optimizer step';
  return [{ role, entry, element: null, context,
    via: { rule: 'role', keyPath: renderPath(entry.origin ?? entry.path), confidence: 'high', reason } }];
}

/** The entry's own name: its last key, not an index. */
const lastName = (entry: ConfigEntry): string => [...entry.path].reverse().find((s) => !/^\d+$/.test(s)) ?? '';

/**
 * Whether the entry's own name (its last key, not an index) is a word role inference reads where it sits: then the
 * name decides (`b`, an optimizer's betas, is no word outside one: `B = 64 # micro batch size`).
 */
function isRoleName(entry: ConfigEntry, context: KeyContext): boolean {
  const name = normaliseWord(lastName(entry));
  const list = LIST_WORDS.get(name);
  if (list) return list.where !== 'optimizer' || context.kind === 'optimizer';
  // A word read by a sibling (`train_batch_size` beside DeepSpeed's micro batch) says nothing alone: its help may.
  return ROLE_WORDS.has(name) || BLOCK_WORDS.has(name);
}

/** Words that make a learning rate's name a schedule's point, not the run's rate (`warmup_lr`, `lr_min`, `end_lr`). */
const SCHEDULE_POINT = /(^|_)(warm_?up|min|minimum|end|init|initial|final|start|decay|cooldown|floor|target)(_|$)/;
/** A learning rate's own name (`lr`, `learning_rate`) among the words of a name. */
const LR_WORD = /(^|_)(lr|learning_rate)(_|$)/;

/**
 * Whether a name marks a schedule's learning rate, which a comment saying "lr" (`warmup_lr: 1.0e-6  # initial lr`)
 * does not make the run's: a schedule's point beside the lr word, or a base lr inside a scheduler's block.
 */
function schedulePointLr(name: string, context: KeyContext): boolean {
  if (!LR_WORD.test(name)) return false;
  return SCHEDULE_POINT.test(name) || (context.kind === 'scheduler' && /(^|_)base(_|$)/.test(name));
}

/**
 * A setting whose name says nothing but whose help text or trailing comment opens with a role's phrase: that role,
 * with medium confidence (the text, not the name, says it).
 */
export function describedCandidates(format: ConfigFormat, entry: ConfigEntry): RoleCandidate[] {
  const help = entry.help?.trim();
  if (!help) return [];
  // The phrase first: most comments say no role, and the key's context costs more than the phrases.
  const said = DESCRIBED_ROLES.find((d) => {
    const m = d.phrase.exec(help);
    return m !== null && DESCRIBED_END.test(help.slice(m[0].length));
  });
  if (!said) return [];
  const context = keyContext(entry);
  if (isRoleName(entry, context)) return [];
  const value = frameworkValue(entry, format);
  if (context.kind === 'decoy' || !holds(said.role, value)) return [];
  if (said.role === 'lr' && schedulePointLr(normaliseWord(lastName(entry)), context)) return [];
  const reason = `its help text or comment says so: "${help.slice(0, 60)}"`;
  return [{ role: said.role, entry, element: null, context,
    via: { rule: 'role', keyPath: renderPath(entry.origin ?? entry.path), confidence: 'medium', reason } }];
}

/**
 * A learning-rate schedule's class or factory, by its name: `CosineAnnealingLR`, `LinearWarmupCosineSchedule`,
 * lerobot's `CosineDecayWithWarmupSchedulerConfig`, `get_cosine_schedule_with_warmup`,
 * `optax.warmup_cosine_decay_schedule`. A diffusion model's noise scheduler (`DDPMScheduler`,
 * `DPMSolverMultistepScheduler`) names no such shape.
 */
const SCHEDULE_CLASS = new RegExp('^(?=[A-Z])\\w*?(Cosine|Linear|Constant|Polynomial|Poly|Exponential|Step|MultiStep|' +
  'OneCycle|Cyclic|Warmup|WarmUp|Decay|Lambda|Noam|InverseSqrt)\\w*(LR|Schedule|Scheduler|ScheduleConfig|' +
  'SchedulerConfig)$');
const SCHEDULE_FACTORY = new RegExp('^(get_)?(cosine|linear|constant|polynomial|poly|exponential|inverse_sqrt|' +
  'warmup|wsd)\\w*_schedule(r)?(_with_warmup)?$');

/** A list of schedules by its name (`schedulers`, `lr_schedulers`, `scheds`): each element is one optimizer's. */
const SCHEDULE_LIST = /^(lr_)?(schedulers|schedules|scheds)$/;

/**
 * A call that is an element of a list named for schedules (gsplat's `schedulers = [ExponentialLR(opt, gamma=...)]`,
 * one per optimizer, stepped together): the first element, written in the list, not appended later.
 */
function inScheduleList(entry: ConfigEntry): boolean {
  const [list, element, ...rest] = entry.path;
  return rest.length === 0 && element === '0' && list !== undefined &&
    SCHEDULE_LIST.test(normaliseWord(list.split('.').pop() ?? list));
}

/**
 * A schedule built by a call no name holds: returned by the function that builds it (`def get_scheduler_preset(self):
 * return CosineDecayWithWarmupSchedulerConfig(...)`, huggingface/lerobot policies' configuration_*.py; a
 * `build_scheduler(opt)` returning `CosineAnnealingLR(opt, ...)`), passed on as it is built, or listed among the
 * run's schedules (inScheduleList). An assigned call is read by its name instead (`scheduler = ...`).
 */
export function scheduleCallCandidates(entry: ConfigEntry): RoleCandidate[] {
  const callee = entry.callee;
  if (callee === undefined || entry.value !== callee) return [];
  if (!(entry.path.length === 1 && entry.path[0] === callee) && !inScheduleList(entry)) return [];
  const own = callee.split('.').pop() ?? '';
  if (!SCHEDULE_CLASS.test(own) && !SCHEDULE_FACTORY.test(own)) return [];
  const context = keyContext(entry);
  if (context.kind === 'decoy') return [];
  const reason = `\`${own}\` builds a learning-rate schedule`;
  return [{ role: 'schedule', entry, element: null, context,
    via: { rule: 'role', keyPath: renderPath(entry.path), confidence: 'medium', reason } }];
}

const NUL = '\u0000';

/**
 * A schedule key whose value is a call (`lr_scheduler=LRSchedulersContainer.Config(decay_type="cosine")`) names the
 * object that holds the schedule, not its shape, when a schedule word is written among the call's own keywords: that
 * word names the shape. A call with none (`scheduler=CosWithWarmup(warmup_steps=2000)`) is named by its class.
 * The blocks around the schedule readings are gathered once, so no reading scans the others.
 */
export function namesOnlyItsContainer(candidates: readonly RoleCandidate[]): (c: RoleCandidate) => boolean {
  const scheduleBlocks = new Set<string>();
  for (const o of candidates) {
    if (o.role !== 'schedule') continue;
    for (let n = 1; n < o.entry.path.length; n++) scheduleBlocks.add(o.entry.path.slice(0, n).join(NUL));
  }
  return (c) => {
    const e = c.entry;
    if (c.role !== 'schedule' || !isCallEntry(e)) return false;
    return scheduleBlocks.has(e.path.join(NUL));
  };
}
