/**
 * Where a key sits, in the words of roles/vocabulary.ts: inside an optimizer block or call, a training block,
 * the document root, a decoy block (evaluation, a norm layer, a loss), or somewhere unknown. The innermost
 * block that says something decides (`model.optim.lr` is the optimizer's; `model.norm.eps` is the norm's).
 */
import type { ConfigEntry } from '../entries';
import { MODEL_CONFIG_WORDS, TRAINING_SIDE_WORDS } from '../ecosystems/model-config-classes';
import { DECOY_CONTEXTS } from './decoys';
import { OPTIMIZER_CONTEXT, OWNER_CONTEXT, SCHEDULER_CONTEXT, TRAINING_CONTEXT } from './places';
import { STAGE_NAME } from './stages';
import { oncePerSegment } from './segment-cache';

export type ContextKind = 'optimizer' | 'scheduler' | 'training' | 'root' | 'decoy' | 'model' | 'other';

export interface KeyContext {
  kind: ContextKind;
  /** The path up to and including the innermost optimizer block (one optimizer per such block), else null. */
  group: string[] | null;
  /** For decoys: why the value is not the optimizer's. */
  reason?: string;
}

const INDEX = /^\d+$/;
const SETTINGS_SUFFIX = /^([a-z][a-z0-9_]*?)_(conf|config|cfg|args|params|kwargs|settings|options|opts)$/;
const EVAL_PART = /(^|_)(eval|evaluation|val|valid|validation|test|predict|inference)(_|$)/;
/**
 * A function that trains and evaluates along the way: TF-Agents' `train_eval()` of every example, bound in gin as
 * `train_eval.actor_learning_rate = 3e-4` (tensorflow/agents tf_agents/examples/sac/haarnoja18/sac_train_eval.py),
 * tf.estimator's `train_and_evaluate`. Its settings are training's. As a gin scope the name is an instance's instead
 * (`train_eval/utils.DatasetConfig`: T5X's dataset evaluated during training, google-research/t5x t5x/train.py
 * `train_eval_dataset_cfg`), an evaluation's (`ginScopeIsEvaluation`).
 */
const TRAIN_AND_EVAL = /^train(ing)?_(and_)?eval(uate|uation)?$/;
/**
 * Python callees that configure a training run (`TrainingArguments`, `SFTConfig`, `GRPOConfig`, `TrainerConfig`), and
 * Lightning data modules, whose `batch_size` is each process's training batch (Lightning-AI/pytorch-lightning@7f0c343
 * `LightningDataModule`: `train_dataloader()` returns a DataLoader of that batch on every process).
 */
const TRAINING_CALLEE = /(Arguments|Args|Config|Configuration|Params|Hparams|HParams|DataModule)$/;
/**
 * The segment a Python config function's writes sit under (python.ts `configuration`): `get_config()`,
 * `get_default_config()` (karpathy/minGPT@37baab7 mingpt/trainer.py), `llama3_8b_config()`, one branch of it.
 */
const CONFIG_FUNCTION = /(^|_)(config|cfg|hparams|hyperparameters|args)\(\)(\[branch \d+\])?$/i;
/**
 * A Python function whose name says it gives the run's defaults (`get_default_params(model_name)` returning
 * `{"lr": 5.0e-4, "beta1": 0.9, ...}` per model family, which mlfoundations/open_clip@89fb801 src/open_clip_train/
 * params.py copies onto the options left None): what it returns is a configuration (one per branch of the
 * function), as what a config function writes is. Matched on its configuration segment (`name()`, `name()[branch 2]`).
 */
const DEFAULTS_FUNCTION = /^(get_)?default_(params|hparams|hyperparameters|settings|options)\(\)(\[branch \d+\])?$/i;
/** Whether the configuration segment `name()` (or a branch of it) is a function that returns the run's defaults. */
export function givesRunDefaults(configuration: string): boolean {
  return DEFAULTS_FUNCTION.test(configuration);
}
/** Whether a Python function of this name is a config function (`get_config`, `llama3_8b_config`). */
export function isConfigFunctionName(name: string): boolean {
  return CONFIG_FUNCTION.test(`${name}()`);
}
/**
 * Python callees that build a data loader: `DataLoader` and the loaders built on it, PyG's `NeighborLoader` (pyg-team/
 * pytorch_geometric@5c6461b examples/reddit.py; torch_geometric/loader/node_loader.py passes `batch_size` on to
 * torch's DataLoader, seed nodes per mini-batch), `build_loader(...)`. Their batch is the loader's, as under
 * `dataloader:`; an evaluation name around the call (`test_loader = ...`) still makes it a decoy (keyContext).
 */
const LOADER_CALLEE = /(^|\.)([A-Z]\w*Loader|\w*_(data)?loader)$/;
/**
 * A dataset class (`MoonDataset(Dataset)`, `TokenDataset`): what its constructor writes sizes the samples the run
 * trains on (`max_length=512`), as a loader's batch does; an evaluation name around it still makes it a decoy.
 */
const DATASET_CLASS = /(^|\.)[A-Z]\w*Dataset$/;
/**
 * Python classes and callees that configure a model's architecture (`GPTConfig`, `LlamaConfig`, `ModelArgs`,
 * `VLMConfig`): their lengths are what the model can hold, so a role word there reads as in a model block, after the
 * run's own. The words, with their sources, are data (ecosystems/model-config-classes.ts); a class named for the
 * training side as well (`RewardModelConfig`) is the run's.
 */
const MODEL_CONFIG = new RegExp(
  `(^|\\.)\\w*(${MODEL_CONFIG_WORDS.flatMap((w) => w.words).join('|')})(Config|Configuration|Args)$`);
const TRAINING_SIDE = new RegExp(`(^|\\.)\\w*(${TRAINING_SIDE_WORDS.join('|')})\\w*$`);
/**
 * Python callees that configure a learning-rate schedule: a schedule's config object (LeRobot's
 * `DiffuserSchedulerConfig(name=...)`, huggingface/lerobot@7427f31 src/lerobot/optim/schedulers.py, whose `name` goes
 * to diffusers' get_scheduler) or an LR scheduler class, so their `name`/`type` is the schedule's. A diffusion model's
 * noise scheduler (`DDPMScheduler`) is no learning-rate schedule and does not match.
 */
const SCHEDULER_CALLEE = /(^|\.)\w*(SchedulerConfig|LRScheduler|LrScheduler)$/;
/** Python callees that build an optimizer (`torch.optim.AdamW`, `optax.adamw`, `Muon`, `build_optimizer`). */
const OPTIMIZER_CALLEE = /(^|\.)(adam\w*|sgd\w*|muon\w*|lion\w*|lamb|adafactor\w*|sophia\w*|\w*optim\w*)$/i;

/** `--adam-beta1` → `adam_beta1`: leading dashes dropped, dashes read as underscores, lower case. */
export function normaliseWord(segment: string): string {
  // Most keys have no dash (this runs for segments of every entry of a file): then lower-casing is all it does.
  if (!segment.includes('-')) return segment.toLowerCase();
  return segment.replace(/^-+/, '').replace(/-/g, '_').toLowerCase();
}

/** The block segments of an entry (its path without the last name and list indices), a Python callee last. */
export function blockSegments(entry: ConfigEntry): string[] {
  const path = entry.path;
  let end = path.length;
  while (end > 0 && INDEX.test(path[end - 1] ?? '')) end--;
  const blocks = path.slice(0, Math.max(0, end - 1)).filter((s) => !INDEX.test(s));
  if (entry.callee !== undefined && path.length >= 2) blocks.push(entry.callee);
  return blocks;
}

/**
 * The word `optimizer` inside a longer block name, as places.ts's OPTIMIZER_CONTEXT reads it at either end: a model
 * part's optimizer factory (meta-recsys/generative-recommenders@db1bf8f dlrm_v3 train gin
 * `dense_optimizer_factory_and_class.betas`, `sparse_optimizer_factory_and_class.learning_rate`).
 */
const OPTIMIZER_INSIDE = /^\w+_optimi[sz]er_\w+$/i;

type Classified = { kind: ContextKind; reason?: string } | null;
/** Block names repeat across a file (`model`, `optim`): each is classified once (segment-cache.ts). */
const classify = oncePerSegment((segment: string): Classified => classifyUncached(segment));

/** The reason a dotted callee's module (not its last name) is a decoy context, if one is. */
function calleeModuleDecoy(segment: string): string | undefined {
  const modules = segment.split('(')[0]?.split('.').slice(0, -1) ?? [];
  for (const m of modules) {
    const decoy = DECOY_CONTEXTS.find((d) => !d.weak && d.pattern.test(normaliseWord(m)));
    if (decoy) return decoy.reason;
  }
  return undefined;
}

function classifyUncached(segment: string): Classified {
  const word = normaliseWord(segment.split('.').pop() ?? segment);
  // What a config function writes is the run's configuration, whatever it calls the object it fills (`C = CN()` in
  // minGPT's `get_default_config()`, `cfg` in a recipe).
  if (CONFIG_FUNCTION.test(segment)) return { kind: 'training' };
  if (segment.includes('.') || /[A-Z(]/.test(segment)) {
    // A Python callee from a module that measures, logs or evaluates (`torch.profiler.schedule(warmup=1)`,
    // `pytorch_lightning.callbacks.X`): the module says whose settings these are, whatever the call's own name.
    const module = calleeModuleDecoy(segment);
    if (module) return { kind: 'decoy', reason: module };
    // A Python callee: its last component says what the call builds.
    if (OPTIMIZER_CALLEE.test(segment)) return { kind: 'optimizer' };
    if (MODEL_CONFIG.test(segment) && !TRAINING_SIDE.test(segment)) {
      return { kind: 'model', reason: "a model's architecture, not the run" };
    }
    if (SCHEDULER_CALLEE.test(segment)) return { kind: 'scheduler' };
    if (TRAINING_CALLEE.test(segment) || LOADER_CALLEE.test(segment) || DATASET_CLASS.test(segment)) {
      return { kind: 'training' };
    }
  }
  if (TRAIN_AND_EVAL.test(word)) return { kind: 'training' };
  // A decoy name wins over an optimizer-like one (`offload_optimizer` holds memory settings).
  const decoy = DECOY_CONTEXTS.find((d) => d.pattern.test(word));
  if (decoy && !decoy.weak) return { kind: 'decoy', reason: decoy.reason };
  if (OPTIMIZER_CONTEXT.test(word) || OPTIMIZER_INSIDE.test(word)) return { kind: 'optimizer' };
  if (decoy) return { kind: 'model', reason: decoy.reason };
  if (SCHEDULER_CONTEXT.test(word)) return { kind: 'scheduler' };
  if (TRAINING_CONTEXT.test(word)) return { kind: 'training' };
  // A block named for its settings (`dataset_conf`, `batch_conf`, `scheduler_config`: WeNet, ESPnet, latent diffusion)
  // is what its stem names.
  const stem = SETTINGS_SUFFIX.exec(word)?.[1];
  return stem !== undefined && !segment.includes('.') ? classify(stem) : null;
}

/** Whether a block names one trained model; like `classify`, once per distinct block name. */
const isOwner = oncePerSegment((segment: string): boolean => OWNER_CONTEXT.test(normaliseWord(segment)));

/** The block of one trained model around the entry (`actor_rollout_ref.actor`), which has its own optimizer. */
function ownerGroup(entry: ConfigEntry): string[] | null {
  for (let i = entry.path.length - 2; i >= 0; i--) {
    if (isOwner(entry.path[i] ?? '')) return entry.path.slice(0, i + 1);
  }
  // A stage of a multi-stage recipe (`finetune` of `finetune_learning_rate`, stage-keys.ts) runs its own optimizer.
  const stage = entry.path.length >= 2 ? entry.path[entry.path.length - 2] ?? '' : '';
  if (STAGE_NAME.test(stage)) return entry.path.slice(0, -1);
  // A Python config function's writes (`recipe_8gpu()` → `cfg.train.global_batch_size`) are one configuration,
  // and so are those of each branch of a condition in it (`finetune_recipe()[branch 2]`).
  const first = entry.path[0] ?? '';
  return entry.path.length > 1 && /\(\)(\[branch \d+\])?$/.test(first) ? [first] : null;
}

/** Whether a gin scope of the entry (`train_eval/` of `train_eval/utils.DatasetConfig`) names an evaluation's. */
function ginScopeIsEvaluation(entry: ConfigEntry): boolean {
  for (const segment of entry.origin ?? []) {
    const slash = segment.lastIndexOf('/');
    if (slash > 0 && segment.slice(0, slash).split('/').some((s) => EVAL_PART.test(normaliseWord(s)))) return true;
  }
  return false;
}

export function keyContext(entry: ConfigEntry): KeyContext {
  const blocks = blockSegments(entry);
  const owner = ownerGroup(entry);
  // A decoy block anywhere around the key (`train_eval/utils.DatasetConfig.batch_size`) makes it a decoy, and so
  // does an evaluation word in a compound name (`eval_dataloader`, a value read through `EVAL_BATCH_SIZE`).
  for (const segment of blocks) {
    const found = classify(segment);
    if (found?.kind === 'decoy')
      return { kind: 'decoy', group: null, ...(found.reason !== undefined ? { reason: found.reason } : {}) };
  }
  const names = [...blocks, ...(entry.origin ?? [])].map((s) => normaliseWord(s.split('.').pop() ?? s));
  if (names.some((n) => EVAL_PART.test(n) && !TRAIN_AND_EVAL.test(n)) || ginScopeIsEvaluation(entry))
    return { kind: 'decoy', group: null, reason: 'evaluation settings, not training' };
  for (let i = blocks.length - 1; i >= 0; i--) {
    const found = classify(blocks[i] ?? '');
    if (!found) continue;
    if (found.kind === 'optimizer') {
      // The optimizer's block in the entry's own path (a callee is not a path segment: the call's path is).
      const inPath = entry.path.indexOf(blocks[i] ?? '');
      const group =
        inPath >= 0 ? entry.path.slice(0, inPath + 1) : entry.path.slice(0, Math.max(1, entry.path.length - 1));
      return { kind: 'optimizer', group };
    }
    return found.reason !== undefined
      ? { kind: found.kind, group: owner, reason: found.reason }
      : {
          kind: found.kind,
          group: owner,
        };
  }
  return { kind: blocks.length === 0 ? 'root' : 'other', group: owner };
}
