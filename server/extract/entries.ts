/**
 * The common currency of extraction. Each format reader (yaml.ts, json.ts, toml.ts, python.ts,
 * shell.ts) turns a file into a flat list of `ConfigEntry`: every scalar it can see, with its key
 * path and the exact source span of its literal. The ecosystem tables then map key paths to
 * hyperparameters; no table ever looks at source text, and no reader knows any framework.
 */
import type { RuntimeValue, Span } from '../../core/hyperparams';

/** A scalar as the file's own loader reads it (before any framework logic). */
export type ScalarValue = number | string | boolean | null;

export interface ConfigEntry {
  /**
   * Key segments from the document root. Mapping keys and list indices (as decimal strings) for
   * YAML/JSON/TOML; for Python, the assignment target or call path then the keyword
   * (`['optimizer', 'lr']` for `optimizer = dict(lr=...)`, `['torch.optim.AdamW', 'betas', '0']`
   * for a call with no target); for shell, `['--adam-beta1']`.
   */
  path: string[];
  /** The value as the format's standard loader reads it (npm `yaml` 1.2 for YAML, JSON.parse, TOML 1.0, Python
   * literal/arithmetic). */
  value: ScalarValue;
  /** Exact text of the literal in the file (quotes included when quoted). */
  raw: string;
  /** Offsets of the literal. */
  span: Span;
  /** Offsets of the key (or keyword, or flag) that names it, when there is one. */
  keySpan: Span | null;
  /** True when the literal was quoted (a YAML/TOML/Python string), so `'1e-8'` is not a number. */
  quoted: boolean;
  /** For Python: the callee when the entry is a call argument (`torch.optim.AdamW`, `dict`, `AdamWConfig`). */
  callee?: string;
  /**
   * The key as written, when `path` is not it: for Python, a value that reaches `path` through a name
   * (`lr=args.learning_rate`) has the path of the assignment that wrote the literal
   * (`['Hyperparameters', 'learning_rate']`); for shell, a flag's argparse-dest twin (`['learning_rate']`)
   * has the flag (`['--learning_rate']`). `span` and `raw` are that literal's, so this is the key to show.
   */
  origin?: string[];
  /**
   * For an interpolation (`max_seq_len: ${variables.max_seq_len}`) read as the literal it names (interpolation.ts):
   * the reference as written at `path`, and its span. `value`, `raw`, `span` and `origin` are the literal's.
   */
  through?: { expression: string; span: Span };
  /**
   * For INI: the section does not write this key but inherits it from `[DEFAULT]`, whose literal and key these are
   * (configparser gives every section the DEFAULT keys it does not set). The key is not written in this section.
   */
  inherited?: boolean;
  /**
   * For Python: the value is computed from other settings of the file (`max_iters = max_step * accum`,
   * `batch_size = global_batch_size // num_devices`), not written as a literal: the settings it is computed from are
   * what the file writes, and a role written as a literal elsewhere is read before it.
   */
  computed?: boolean;
  /**
   * Set by a reader that knows the value is left to the run: a Python call or a name the file does not define, a
   * shell variable only the run sets. Strings that say so themselves (`${oc.env:LR}`, `auto`) are recognised where
   * a value is read (runtime-values.ts).
   */
  runtime?: RuntimeValue;
  /**
   * For Python: the value bounds the loop whose body steps the optimizer (`for i in range(NUM_BATCHES): …
   * optim.step()`), so it counts the run's optimizer steps whatever its name (python/training-loop.ts); or, with
   * `accumulationLoop`, a loop of the training step inside that one.
   */
  trainingLoop?: true;
  /**
   * For Python, with `trainingLoop`: the loop the value bounds is inside the one that steps the optimizer, runs the
   * backward pass and steps nothing (`for _ in range(accum): loss.backward()`), so the value counts the micro-batches
   * accumulated per optimizer step, not the run's steps (python/training-loop.ts).
   */
  accumulationLoop?: true;
  /**
   * For Python: the code divides this batch by the number of processes before using it (`self.batch_size =
   * int(self.batch_size / num_processes)`), so it counts every device: the global batch (python/device-split.ts).
   */
  dividedOverDevices?: true;
  /**
   * For a Python call of an optimizer class the file defines: the call leaves this argument, and the value is the
   * default written in the class's own `__init__` signature (`def __init__(self, params, lr=0.02, mu=0.95)`), read
   * with less confidence than a passed argument.
   */
  classDefault?: true;
  /**
   * A mapping key that names the class its block builds (`AdamW:` above the block of its arguments, the `AdamW` of
   * argbind's `AdamW.lr`, a gin selector): the entry of the key itself, whose value is the class and whose span is
   * the class's name in the key (class-keys.ts).
   */
  classKey?: true;
  /** For a Python call: an argument the reader cannot expand (`**kwargs` of an unknown dict, `*args`) is passed. */
  openArguments?: true;
  /** For a Python command-line option: its help text, which may say what the value counts (`the total batch size of
   * all GPUs`). */
  help?: string;
  /**
   * For shell: the value comes from one arm of an `if`/`case` whose other arms give other values (the arm read is
   * the one the file's own value selects, else the first); which arm runs may be decided only at run time.
   */
  branch?: Branch;
  /**
   * For shell: the ordinal of the command line that passes this flag. Commands run one after another, so a flag
   * written again on a later command (the same `--lr` on each of four `python run.py` runs) starts another run; it
   * does not override the earlier one as a repeated flag on one command line does.
   */
  launch?: number;
  /**
   * For shell: the command that passes this flag runs no training, as its script's name says (`image_sample`, `swift
   * export`; shell/command-purpose.ts): a sampler's `--batch_size` and `--steps` are no run's.
   */
  notTraining?: string;
}

/**
 * Whether `entry` is a call's own entry, the one a reader gives each call at the path the call is assigned to or
 * passed at, its value the callee (`opt = torch.optim.AdamW(...)`: path `opt`, value and callee `torch.optim.AdamW`);
 * the call's arguments are entries below it with that callee and values of their own.
 */
export function isCallEntry(entry: ConfigEntry): entry is ConfigEntry & { callee: string } {
  return entry.callee !== undefined && entry.value === entry.callee;
}

/**
 * Whether `entry` is an import (`import torch`, gin's `import` and `include`): the Python and gin readers give each an
 * entry `['import']` whose value and callee are the imported name, for detection. An import builds nothing.
 */
export function isImportEntry(entry: ConfigEntry): boolean {
  return entry.path.length === 1 && entry.path[0] === 'import';
}

/** Where a piece of a branch is written: `case "${MODEL_SCALE}"`, the arm `"8B")`, `else`. */
export interface BranchPart {
  text: string;
  span: Span;
  /** No arm written: the branch taken when no condition holds and there is no `else` (`text` says so in words). */
  implicit?: boolean;
}

export interface Branch {
  construct: BranchPart;
  /** The arm the value comes from. */
  arm: BranchPart;
  /** Whether the values the file writes select this arm (else only the run decides, and it is the first). */
  selected: boolean;
  /** The value written in the file that selects it (`MODEL_SCALE="800M"`, `DEBUG=0`), where known. */
  selectedBy: { value: string; span: Span } | null;
  /** A `for NAME in WORDS` loop: every word runs, one iteration each (a sweep), not one arm of several. */
  loop?: boolean;
  /**
   * What the other arms give: a value written there, or null where the value is left to the run. `same`: the arm
   * writes the same value at a literal of its own (the run of that arm reads it there; nothing depends on the arm).
   */
  alternatives: { value: ScalarValue | null; raw: string; span: Span | null; arm: BranchPart; same?: true }[];
}

/** How a reading of a `ConfigEntry.classDefault` entry says where its value comes from, after its reason. */
export const CLASS_DEFAULT_PHRASE = ", as the file's own optimizer class default";

/** What a format reader returns: entries plus parse problems it recovered from. */
export interface ReadResult {
  entries: ConfigEntry[];
  /** Syntax errors, with positions; extraction still returns what it could read. */
  errors: { message: string; span: Span }[];
  /** Comments with their spans (for `# optlens: noise-scale=...` and for ignoring numbers in comments). */
  comments: { text: string; span: Span }[];
}
