/**
 * An optimizer's parameters written as a positional list under a generic name (`optimizer-params: [0.9, 0.98,
 * 1e-09]`): Marian passes the list to the optimizer it builds, whose Adam reads β1, β2 and ε from it in that order
 * (marian-nmt/marian-dev@0084a3a src/common/config_parser.cpp `--optimizer-params`, "Parameters for optimization
 * algorithm, e.g. betas for Adam"; src/optimizers/optimizers.h Adam::setParams, "[beta1, beta2, eps, w, refMBWords]").
 * The list names no role itself, so it is read only where what it holds can be nothing else: β's in [0, 1), then an
 * ε below 1e-3 (further elements, Marian's decay and reference batch, are not read), beside no optimizer name or
 * beside the name of an Adam-family optimizer (Marian's default is adam). Beside `optimizer: sgd` or `adagrad` the
 * same list means other things and is left alone.
 */
import type { ConfigFormat } from '../../../core/analysis';
import type { ConfigEntry } from '../entries';
import { entriesAt, type EntryIndex } from '../match';
import { frameworkValue } from '../values';
import type { ListWord } from './vocabulary-patterns';
import type { Role } from './vocabulary';

/** `optimizer_params`, `optim-params`, `opt_args`: dashes are read as underscores before this is matched. */
export const POSITIONAL_PARAMS = /^(optimizer|optimiser|optim|opt)_(params|parameters|args|arguments|hparams)$/;
/** Sibling keys that name the optimizer the list is given to. */
const NAME_KEYS = ['optimizer', 'optim', 'opt', 'optimizer_name', 'optimizer_type'];
/** The Adam family, whose parameters are β1, β2, ε in that order. */
const ADAM_FAMILY = /^(adam|adamw|adamax|nadam|nadamw|radam|amsgrad|fusedadam|lamb|adabelief)$/i;
const ROLES: readonly Role[] = ['beta1', 'beta2', 'eps'];
/** Marian's Adam takes five: β1, β2, ε, a decay and a reference batch; a longer list is something else. */
const MAX_ELEMENTS = 5;

const NAME_VARIANTS = (key: string): string[] => [key, key.replace(/_/g, '-')];

/** The list word for `entry`, an element of a positional parameter list that holds Adam's β1, β2, ε; else null. */
export function positionalParams(index: EntryIndex, format: ConfigFormat, name: string, entry: ConfigEntry):
  ListWord | null {
  if (!POSITIONAL_PARAMS.test(name)) return null;
  const path = entry.path;
  const last = path[path.length - 1] ?? '';
  if (!/^\d+$/.test(last)) return null;
  const list = path.slice(0, -1);
  const values: number[] = [];
  for (let i = 0; i < MAX_ELEMENTS; i++) {
    const element = entriesAt(index, [...list, String(i)])[0];
    if (!element) break;
    const v = frameworkValue(element, format);
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isFinite(n)) return null;
    values.push(n);
  }
  if (entriesAt(index, [...list, String(MAX_ELEMENTS)]).length > 0) return null;
  const [beta1, beta2, eps] = values;
  if (values.length < 2 || beta1 === undefined || beta2 === undefined) return null;
  if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || (eps !== undefined && (eps <= 0 || eps >= 1e-3))) {
    return null;
  }
  const block = list.slice(0, -1);
  for (const key of NAME_KEYS) {
    for (const spelling of NAME_VARIANTS(key)) {
      const named = entriesAt(index, [...block, spelling])[0];
      if (!named) continue;
      const value = String(frameworkValue(named, format));
      return ADAM_FAMILY.test(value.split('.').pop() ?? value) ? { roles: ROLES.slice(0, values.length),
        where: 'anywhere' } : null;
    }
  }
  return { roles: ROLES.slice(0, values.length), where: 'anywhere' };
}
