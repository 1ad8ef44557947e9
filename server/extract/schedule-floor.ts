/**
 * The learning-rate schedule's floor: the value a cosine, linear or WSD decay ends at, written as a learning rate
 * (nanoGPT's `min_lr`) or as a fraction of the peak (axolotl's `cosine_min_lr_ratio`). A run-level value like the
 * decay horizon; the prediction input turns it into `minLrRatio` (core/theory/schedule.ts), so that every surface
 * that draws or sums the schedule decays to it instead of to 0. One entry per framework that has such a setting,
 * with its default when the file is silent, and the source of each.
 */
import type { ExtractedValue } from '../../core/hyperparams';
import type { ScheduleFloor } from '../../core/schedule-floor';
import type { ConfigEntry } from './entries';
import type { LineIndex } from './lines';
import type { EntryIndex } from './match';
import { renderPath } from './keypath';

interface FloorSpelling {
  /** Whole key paths, dotted (`train.min_lr`; a flag or a module global is one segment). */
  keys: string[];
  /** `lr`: a learning rate (divided by the peak lr); `ratio`: already a fraction of the peak. */
  kind: ScheduleFloor['kind'];
  /** The framework's value when the file is silent; absent when it is 0 (decay to zero). */
  default?: { value: number; from: string };
  /** Read only where a key beside the value names the framework's scheduler (a file of no detected ecosystem). */
  beside?: { key: string; value: RegExp };
}

const HF_KWARGS: FloorSpelling[] = [
  { keys: ['lr_scheduler_kwargs.min_lr_rate'], kind: 'ratio' },
  { keys: ['lr_scheduler_kwargs.min_lr'], kind: 'lr' },
];

/** By ecosystem id (server/extract/ecosystems). */
const FLOORS: Readonly<Record<string, FloorSpelling[]>> = {
  // get_lr: cosine from learning_rate down to min_lr (karpathy/nanoGPT@3adf61e1 train.py l.72, l.231-242).
  nanogpt: [{
    keys: ['min_lr'], kind: 'lr',
    default: { value: 6e-5, from: 'nanoGPT train.py @3adf61e1: min_lr = 6e-5' },
  }],
  // --min-lr, default 0.0: the scheduler never goes below it (megatron/training/arguments.py).
  'megatron-lm': [{ keys: ['--min-lr', '--min_lr'], kind: 'lr' }],
  // NeoXArgs.min_lr = 0.0, "Minimum learning rate after annealing" (gpt-neox neox_arguments.md).
  'gpt-neox': [{ keys: ['min_lr', 'min-lr'], kind: 'lr' }],
  // TrainArgs.min_lr = 6e-5: the cosine's floor in pretrain/finetune (Lightning-AI/litgpt litgpt/args.py).
  litgpt: [{
    keys: ['train.min_lr'], kind: 'lr',
    default: { value: 6e-5, from: 'litgpt litgpt/args.py: TrainArgs.min_lr = 6e-5' },
  }],
  // cosine_min_lr_ratio: "decay lr to some percentage of the peak lr" (axolotl README; utils/schedulers.py
  // get_cosine_schedule_with_min_lr), and Trainer's own lr_scheduler_kwargs below.
  axolotl: [
    { keys: ['cosine_min_lr_ratio'], kind: 'ratio' },
    ...HF_KWARGS,
  ],
  // TrainingArguments' cosine_with_min_lr reads min_lr or min_lr_rate from lr_scheduler_kwargs (transformers
  // optimization.py get_cosine_with_min_lr_schedule_with_warmup); TRL's and LLaMA-Factory's configs are
  // TrainingArguments too.
  huggingface: HF_KWARGS,
  trl: HF_KWARGS,
  // ms-swift's Megatron backend (`megatron sft`): MegatronArguments.min_lr = 0, passed to Megatron's scheduler
  // (modelscope/ms-swift@3602360a5623 swift/megatron/arguments/megatron_args.py line 535); its Trainer side reads
  // lr_scheduler_kwargs as transformers does.
  'ms-swift': [{ keys: ['--min_lr', 'min_lr'], kind: 'lr' }, ...HF_KWARGS],
  llamafactory: HF_KWARGS,
  // CosineAnnealing(min_lr=0.0) under optim.sched (NVIDIA/NeMo nemo/core/optim/lr_scheduler.py).
  nemo: [{ keys: ['model.optim.sched.min_lr', 'optim.sched.min_lr'], kind: 'lr' }],
  // Composer's schedulers decay to alpha_f × the peak, alpha_f = 0.0 unless written (mosaicml/composer
  // composer/optim/scheduler.py CosineAnnealingWithWarmupScheduler, LinearWithWarmupScheduler: "alpha_f: Learning
  // rate multiplier to decay to"); llm-foundry's scheduler block, and a Hydra `scheduler:` built from them.
  'llm-foundry': [{ keys: ['scheduler.alpha_f'], kind: 'ratio' }],
  // Elsewhere alpha_f is Composer's or OLMo's only beside a scheduler of theirs: a Hydra `_target_` naming one of
  // Composer's classes, or a scheduler name from llm-foundry's registry (llmfoundry/registry.py schedulers:
  // cosine_with_warmup, linear_decay_with_warmup, ...) or OLMo's SchedulerType (olmo/config.py: cosine_with_warmup,
  // linear_with_warmup, ...), all decaying to alpha_f × the peak.
  generic: [
    { keys: ['scheduler.alpha_f'], kind: 'ratio', beside: { key: '_target_', value: /^composer\.optim\.\w[\w.]*$/ } },
    {
      keys: ['scheduler.alpha_f'], kind: 'ratio',
      beside: { key: 'name', value: /^(cosine|linear|linear_decay)_with_warmup$/ },
    },
  ],
  // lr_scheduler.min_lr_factor = 0.0: "the learning rate does not drop below optimizer.lr * lr_scheduler.min_lr_factor"
  // (pytorch/torchtitan@b5bcd76 torchtitan/components/optimizer/lr_scheduler.py:82-86), a TOML job config's one run.
  torchtitan: [{ keys: ['lr_scheduler.min_lr_factor'], kind: 'ratio' }],
  // SchedulerConfig.alpha_f = 0.1: eta_min = initial_lr × alpha_f (allenai/OLMo olmo/config.py, olmo/optim.py
  // CosWithWarmup, LinearWithWarmup).
  olmo: [{
    keys: ['scheduler.alpha_f'], kind: 'ratio',
    default: { value: 0.1, from: 'OLMo olmo/config.py: SchedulerConfig.alpha_f = 0.1' },
  }],
};

/**
 * A parameter group's own floor, for the optimizer whose learning rate is that group's key. Megatron-LM's
 * `--decoupled-lr` group (input and output layers) ends at `--decoupled-min-lr`, and at `--min-lr` when that is
 * not given (NVIDIA/Megatron-LM@d086a2e3 megatron/core/optimizer/__init__.py
 * _update_min_and_max_lr_in_param_groups: decoupled_min_lr = min_lr if None): the run's floor is the fallback.
 */
interface GroupFloorSpelling {
  lrKeys: string[];
  keys: string[];
  kind: ScheduleFloor['kind'];
}

const GROUP_FLOORS: Readonly<Record<string, GroupFloorSpelling[]>> = {
  'megatron-lm': [{
    lrKeys: ['--decoupled-lr', '--decoupled_lr'], keys: ['--decoupled-min-lr', '--decoupled_min_lr'], kind: 'lr',
  }],
};

/** The file's floors: the run's, and those of parameter groups with a learning rate of their own. */
export interface ScheduleFloors {
  run: ScheduleFloor | null;
  groups: { lrKeys: readonly string[]; floor: ScheduleFloor }[];
}

/** Floors written as call arguments, in any framework: the keys are relative to the call. */
const CALL_FLOORS: readonly (FloorSpelling & { callee: RegExp })[] = [
  // torch.optim.lr_scheduler.CosineAnnealingLR(eta_min=0.0) (torch/optim/lr_scheduler.py).
  { callee: /(^|\.)CosineAnnealingLR$/, keys: ['eta_min'], kind: 'lr' },
  // TrainingArguments (and TRL's *Config subclasses) in Python: lr_scheduler_kwargs as above.
  ...HF_KWARGS.map((s) => ({ ...s, callee: /(^|\.)(\w*TrainingArguments|\w+Config)$/ })),
];

/** Whether `path` ends with the dotted `key`. */
const endsWith = (path: readonly string[], key: string, fold: (s: string) => string): boolean => {
  const tail = key.split('.');
  const start = path.length - tail.length;
  return start >= 0 && tail.every((k, i) => fold(k) === fold(path[start + i] ?? ''));
};

function written(entry: ConfigEntry, lines: LineIndex): ExtractedValue | null {
  if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) return null;
  return {
    value: entry.value, raw: entry.raw, key: renderPath(entry.origin ?? entry.path),
    line: lines.lineAt(entry.span.start), span: { ...entry.span }, source: 'written',
  };
}

/** The file's schedule floors: the run's (`runFloor`) and each group's own written one. */
export function readScheduleFloor(index: EntryIndex, ecosystem: string, lines: LineIndex): ScheduleFloors {
  const fold = (s: string) => (index.caseInsensitive ? s.toLowerCase() : s);
  const groups = (GROUP_FLOORS[ecosystem] ?? []).flatMap((g) => {
    const entry = index.entries.filter((e) => g.keys.some((k) => fold(k) === fold(e.path.join('.')))).at(-1);
    const value = entry ? written(entry, lines) : null;
    return value ? [{ lrKeys: g.lrKeys.map(fold), floor: { value, kind: g.kind } }] : [];
  });
  return { run: runFloor(index, ecosystem, lines), groups };
}

/**
 * The floor of `lrKey`'s optimizer: its group's own where the file writes one, else the run's (`lrKey` is the key
 * its learning rate was read from).
 */
export function floorOf(floors: ScheduleFloors | null | undefined, lrKey: string | null | undefined):
  ScheduleFloor | null {
  const key = lrKey?.toLowerCase();
  const own = key === undefined ? undefined : floors?.groups.find((g) => g.lrKeys.some((k) => k.toLowerCase() === key));
  return own?.floor ?? floors?.run ?? null;
}

/** The run's schedule floor (the last written value wins, as in the framework), its default, or null. */
function runFloor(index: EntryIndex, ecosystem: string, lines: LineIndex): ScheduleFloor | null {
  const spellings = FLOORS[ecosystem] ?? [];
  const fold = (s: string) => (index.caseInsensitive ? s.toLowerCase() : s);
  // Each key's spellings, in table order: one lookup per entry instead of a scan of the table.
  const byKey = new Map<string, FloorSpelling[]>();
  for (const s of spellings) for (const k of s.keys) byKey.set(fold(k), [...(byKey.get(fold(k)) ?? []), s]);
  const besideHolds = (entry: ConfigEntry, s: FloorSpelling): boolean => {
    if (!s.beside) return true;
    const { key, value } = s.beside;
    const path = [...entry.path.slice(0, -1), key].map(fold).join('.');
    return index.entries.some((e) => typeof e.value === 'string' && value.test(e.value) &&
      e.path.map(fold).join('.') === path);
  };
  // A path that joins to a key ends with a segment that is the key itself or follows one of its dots: the path is
  // joined only when its last segment is such a tail (`min_lr`, `kwargs.min_lr`), which few of a large file's are.
  const tails = new Set([...byKey.keys()].flatMap((k) => k.split('.').map((_, i, parts) => parts.slice(i).join('.'))));
  const named = (path: readonly string[]) => tails.has(fold(path[path.length - 1] ?? ''));
  let found: { entry: ConfigEntry; kind: ScheduleFloor['kind'] } | null = null;
  for (const entry of index.entries) {
    const callee = entry.callee;
    const byName = named(entry.path) ? byKey.get(fold(entry.path.join('.'))) : undefined;
    const spelling = byName?.find((s) => besideHolds(entry, s)) ??
      (callee === undefined
        ? undefined
        : CALL_FLOORS.find((s) => s.callee.test(callee) && s.keys.some((k) => endsWith(entry.path, k, fold))));
    if (spelling) found = { entry, kind: spelling.kind };
  }
  const value = found ? written(found.entry, lines) : null;
  if (found && value) return { value, kind: found.kind };
  const fallback = spellings.find((s) => s.default);
  if (!fallback?.default) return null;
  return {
    value: {
      value: fallback.default.value, raw: null, key: null, line: null, span: null, source: 'default',
      defaultFrom: fallback.default.from,
    },
    kind: fallback.kind,
  };
}

/**
 * The floor as a fraction of `peakLr` (science.md §2.4's schedules end at minLrRatio·peak), or null when there is
 * none or it is not a fraction in [0, 1] (a floor above the peak is not a decay).
 */
export function floorRatio(floor: ScheduleFloor | null | undefined, peakLr: number): number | null {
  const v = floor?.value.value;
  if (typeof v !== 'number' || !Number.isFinite(v)) return null;
  const ratio = floor?.kind === 'ratio' ? v : peakLr > 0 ? v / peakLr : Number.NaN;
  return ratio >= 0 && ratio <= 1 ? ratio : null;
}
