/**
 * A config that inherits from other files: the values it does not write are theirs, and OptLens reads one file at
 * a time. One hint at the inheritance says so and names the values shown with the framework's default instead,
 * so that a default is never taken for the run's value (a detectron2 child config runs its `_BASE_`'s lr, not
 * detectron2's 0.001). The file's own values still win over the parent's in every framework listed here.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { ExtractedOptimizer, Finding, HyperparameterName } from '../../core/hyperparams';
import type { ConfigEntry } from './entries';
import type { LineIndex } from './lines';
import { ROLE_LABELS } from './roles/vocabulary';

export const INHERITED_VALUES = 'inherited-values';

interface InheritanceKey {
  /** The top-level key (gin: the statement) that names the parent files. */
  key: string;
  formats: readonly ConfigFormat[];
  /** Who merges the parent under the file, as the message names it. */
  loader: string;
  source: string;
}

const INHERITANCE: readonly InheritanceKey[] = [
  {
    key: '_BASE_',
    formats: ['yaml'],
    loader: 'the `_BASE_` list (detectron2, PaddleDetection)',
    source: 'facebookresearch/fvcore@3120dd1 fvcore/common/config.py: BASE_KEY = "_BASE_" (CfgNode.load_yaml_with_base); ' +
      'PaddlePaddle/PaddleDetection ppdet/core/workspace.py BASE_KEY = \'_BASE_\' (_load_config_with_base)',
  },
  {
    key: '_base_',
    formats: ['python', 'yaml', 'json'],
    loader: "mmengine's `_base_`",
    source: "open-mmlab/mmengine@ff1e140 mmengine/config/config.py: BASE_KEY = '_base_'",
  },
  {
    key: 'defaults',
    formats: ['yaml'],
    loader: 'the `defaults` list (Hydra, OmegaConf)',
    source: 'NVIDIA-NeMo/RL@858d112 nemo_rl/utils/config.py: load_config_with_inheritance; Hydra defaults lists',
  },
  {
    // A launch's OmegaConf `config=file.yaml` argument: the command's dotted keys override that file, which overrides
    // the structured defaults (EasyR1's `python3 -m verl.trainer.main config=examples/config.yaml ...`).
    key: 'config',
    formats: ['shell'],
    loader: "OmegaConf's `config=` file, which the command's dotted keys override",
    source: 'hiyouga/EasyR1@b44b311 verl/trainer/main.py main: OmegaConf.merge(defaults, OmegaConf.load(config), cli)',
  },
  {
    key: 'include',
    formats: ['gin'],
    loader: "gin's `include`",
    source: 'google/gin-config@02117a0 gin/config_parser.py: `include` statements (IncludeStatement)',
  },
];

/**
 * Python configs inherit by importing, not by a key. A detectron2 LazyConfig (and detrex, built on it) imports its
 * parent's config objects and edits them: `from .mask_rcnn_regnety_4gf_dds_FPN_100ep_LSJ import optimizer, train`,
 * so the optimizer is the parent's. An ml_collections config starts from another config's `get_config()` and
 * overrides a few fields. Imports from libraries are modules or classes, never a parent config.
 */
const IMPORTED_OPTIMIZER: InheritanceKey = {
  key: 'optimizer',
  formats: ['python'],
  loader: 'a Python import of its `optimizer` object',
  source: 'facebookresearch/detectron2@02b5c4e configs/new_baselines/mask_rcnn_regnety_4gf_dds_FPN_200ep_LSJ.py',
};
const CALLED_GET_CONFIG: InheritanceKey = {
  key: 'get_config',
  formats: ['python'],
  loader: "a call of another config's `get_config()`",
  source: 'google/flax@18f8f311c275 examples/imagenet/configs/tpu.py: config = default_lib.get_config()',
};
const LIBRARY_ROOTS = /^(torch|tensorflow|tf|keras|jax|optax|flax|transformers|deepspeed|apex|timm|mmengine)(\.|$)/;

/** The module a qualified name belongs to (`configs.default.get_config` → `configs.default`). */
function moduleOf(qualified: string): string {
  const i = qualified.lastIndexOf('.');
  return i < 0 ? '' : qualified.slice(0, i);
}

/** Which Python inheritance an entry is, if any: an import of `optimizer`, or a module's `get_config()` called. */
function pythonParentKey(e: ConfigEntry): InheritanceKey | null {
  if (typeof e.value !== 'string') return null;
  if (e.path[0] === 'import') return e.raw === IMPORTED_OPTIMIZER.key ? IMPORTED_OPTIMIZER : null;
  const called = `.${CALLED_GET_CONFIG.key}`;
  return e.path.length === 1 && e.value.endsWith(called) && e.raw.endsWith(called) ? CALLED_GET_CONFIG : null;
}

/** A Python config's parents: the modules it imports its optimizer from, or calls `get_config()` of. */
function pythonInheritance(entries: readonly ConfigEntry[]):
  { key: InheritanceKey; entries: ConfigEntry[]; parents: string[] } | null {
  let key: InheritanceKey | null = null;
  const own: ConfigEntry[] = [];
  const parents: string[] = [];
  for (const e of entries) {
    const k = pythonParentKey(e);
    const parent = k ? moduleOf(String(e.value)) : '';
    if (!k || parent === '' || LIBRARY_ROOTS.test(parent)) continue;
    key ??= k;
    own.push(e);
    parents.push(parent);
  }
  return key === null ? null : { key, entries: own, parents: [...new Set(parents)] };
}

/** How many parent names the message lists before "and N more". */
const LISTED = 3;

/** The parent a `defaults` element names: a file (`eval.yaml`), or a config group's choice (`optim: adamw`). */
function parentName(entry: ConfigEntry, key: string): string | null {
  if (typeof entry.value !== 'string' || entry.value.trim() === '' || entry.value === '_self_') return null;
  // Hydra's defaults is a list; a `defaults:` mapping is a block of settings (DreamerV3's configs.yaml writes its
  // base run under `defaults:` and named presets beside it, danijar/dreamerv3@e3f0224), no parent file.
  if (key === 'defaults' && entry.path.length > 1 && !/^\d+$/.test(entry.path[1] ?? '')) return null;
  const group = key === 'defaults' ? entry.path.slice(1).filter((s) => !/^\d+$/.test(s)) : [];
  return group.length > 0 ? `${group.join('/')}/${entry.value}` : entry.value;
}

/** The parents written at the first inheritance key the file uses, and that key's entries. */
function inheritance(entries: readonly ConfigEntry[], format: ConfigFormat):
  { key: InheritanceKey; entries: ConfigEntry[]; parents: string[] } | null {
  const keys = INHERITANCE.filter((key) => key.formats.includes(format));
  // The entries under each of the format's keys, in one pass (a 10 MB file is walked once, not once per key).
  const under = new Map<string, ConfigEntry[]>(keys.map((key) => [key.key, []]));
  if (format !== 'gin') {
    for (const e of entries) {
      // In a shell command, the key=value argument, not a `--config` flag's argparse twin (shell.ts `origin`).
      if (e.path[0] !== undefined && (format !== 'shell' || e.origin === undefined)) under.get(e.path[0])?.push(e);
    }
  }
  for (const key of keys) {
    const own = format === 'gin'
      ? entries.filter((e) => e.path[0] === 'import' && e.raw.startsWith('include'))
      : under.get(key.key) ?? [];
    const parents = own.map((e) => parentName(e, key.key)).filter((p): p is string => p !== null);
    if (parents.length > 0) return { key, entries: own, parents: [...new Set(parents)] };
  }
  return format === 'python' ? pythonInheritance(entries) : null;
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).map((n) => `\`${n}\``).join(', ');
  return names.length > LISTED ? `${shown} and ${names.length - LISTED} more` : shown;
}

export function inheritedValueFindings(
  entries: readonly ConfigEntry[],
  optimizers: readonly ExtractedOptimizer[],
  format: ConfigFormat,
  lines: LineIndex,
): Finding[] {
  const found = inheritance(entries, format);
  const first = found?.entries[0];
  if (!found || !first) return [];
  const defaulted = new Set<HyperparameterName>();
  for (const o of optimizers) {
    for (const [name, v] of Object.entries(o.hyperparameters)) {
      if (v?.source === 'default') defaulted.add(name as HyperparameterName);
    }
  }
  const shown = [...defaulted].map((name) => ROLE_LABELS[name]);
  const consequence = optimizers.length === 0
    ? 'no optimizer is written here: it and its settings are set there, if anywhere.'
    : shown.length > 0
      ? `shown here with the framework's default instead: ${shown.join(', ')}.`
      : 'every value shown here is written in this file.';
  const span = first.keySpan ?? first.span;
  return [{
    code: INHERITED_VALUES,
    severity: 'hint',
    message:
      `This file inherits from ${listed(found.parents)} (${found.key.loader}): the values it does not write are ` +
      `that file's, which OptLens does not open; ${consequence}`,
    line: lines.lineAt(span.start),
    span: { ...span },
  }];
}
