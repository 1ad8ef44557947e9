/**
 * What an attribute read (`x.name`) sees on a value the Python evaluator holds: a module's member, a call's keyword
 * or its class's field default, a dict key (config objects read keys as attributes), or a patched object's own write
 * before the object it patches.
 */
import type { Span } from '../../../core/hyperparams';
import { UNKNOWN, fieldOf, type PyValue } from './values';

/**
 * The module a call loads when its one argument is the path of a Python file (`get_config("common/optim.py")`,
 * `LazyConfig.load("configs/common/train.py")`): `common.optim`, so `.AdamW` on it names the object that file binds,
 * as `from common.optim import AdamW` would. Null for any other call.
 */
function loadedModule(value: Extract<PyValue, { kind: 'call' }>): string | null {
  const [path] = value.args;
  if (value.args.length !== 1 || value.kwargs.length > 0 || path?.kind !== 'scalar') return null;
  const file = typeof path.value === 'string' ? /^(?:\.?\/)?([\w/-]+)\.py$/.exec(path.value) : null;
  return file?.[1] ? file[1].replace(/\//g, '.') : null;
}

/**
 * The dict a call wraps when a dict is its one argument (`OmegaConf.create({...})`, `EasyDict({...})`,
 * `ml_collections.ConfigDict({...})`, `Munch({...})`): such config objects read the dict's keys as attributes.
 */
export function wrappedDict(value: Extract<PyValue, { kind: 'call' }>): Extract<PyValue, { kind: 'map' }> | null {
  const [only] = value.args;
  return value.args.length === 1 && value.kwargs.length === 0 && only?.kind === 'map' ? only : null;
}

/**
 * `cfg.ref`: a lazy reference to the config's own fields (kauldron konfig's `ConfigDict.ref`, "`cfg.ref.workdir`" for
 * `cfg.get_ref('workdir')`: google-research/kauldron@c9b3ec8 kauldron/konfig/configdict_base.py:154-173), so
 * `cfg.ref.schedules["learning_rate"]` reads what `cfg.schedules["learning_rate"]` holds; a field named `ref` wins.
 */
const REFERENCE = 'ref';

export function attribute(value: PyValue, name: string, use: { raw: string; span: Span }): PyValue {
  switch (value.kind) {
    case 'symbol':
      return { kind: 'symbol', qualified: `${value.qualified}.${name}`, use };
    case 'call': {
      const found = fieldOf(value.kwargs, name) ?? (value.classFields ? fieldOf(value.classFields, name) : undefined);
      if (found) return found;
      if (name === REFERENCE) return value;
      const wrapped = wrappedDict(value);
      if (wrapped) return fieldOf(wrapped.fields, name) ?? UNKNOWN;
      const module = loadedModule(value);
      return module === null ? UNKNOWN : { kind: 'symbol', qualified: `${module}.${name}`, use };
    }
    case 'class':
      return fieldOf(value.fields, name) ?? UNKNOWN;
    case 'map':
      // Config objects (mmengine Config, EasyDict, OmegaConf) read keys as attributes.
      return fieldOf(value.fields, name) ??
        (name === REFERENCE ? value : value.of ? attribute(value.of, name, use) : UNKNOWN);
    default:
      return UNKNOWN;
  }
}
