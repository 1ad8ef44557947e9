/**
 * Whether a table's `notRoles` rule is lifted by a value the file writes (`NotRole.unless`): OpenRLHF's
 * `--critic_learning_rate` is a real optimizer's learning rate when `--advantage_estimator` is `gae` (or unwritten, gae
 * being the default), and no optimizer's otherwise; or by a list that names something (`NotRole.unlessListed`): H2O
 * LLM Studio's `differential_learning_rate` is the rate of the layers its `_layers` list names.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { NotRole } from './ecosystems/types';
import { findSpelling, normaliseSpelling, type EntryIndex } from './match';
import { frameworkValue } from './values';

export function unlessHolds(rule: NotRole, index: EntryIndex, format: ConfigFormat): boolean {
  const list = rule.unlessListed;
  if (list !== undefined && [list, `${list}.0`].some((k) => findSpelling(index, [], normaliseSpelling(k)))) return true;
  const unless = rule.unless;
  if (!unless) return false;
  const match = findSpelling(index, [], normaliseSpelling(unless.key));
  const v = match ? frameworkValue(match.entry, format) : unless.default;
  return unless.values.some((x) => x === v || (typeof v === 'string' && String(x).toLowerCase() === v.toLowerCase()));
}
