/**
 * A name key beside the block of its settings: `optim: adam` beside `optim_conf: {lr: 0.001}` (WeNet, ESPnet,
 * CosyVoice: `optim_class(params, **optim_conf)`), `optimizer: adamw` beside `optimizer_kwargs`, `opt: sgd` beside
 * `opt_params`. The program builds the class the name gives with the block as its keyword arguments, so the name is
 * that block's optimizer's, wherever the pair sits (the top level, or inside one of several training blocks:
 * CosyVoice's `train_conf` and `train_conf_gan`, FunAudioLLM/CosyVoice@027e1cc cosyvoice/utils/train_utils.py
 * init_optimizer_and_scheduler: `optim.Adam(model.parameters(), **configs['train_conf']['optim_conf'])` when
 * `configs['train_conf']['optim'] == 'adam'`).
 */
import type { ResolvedOptimizer } from '../resolve';
import type { RoleCandidate } from './candidates';

/** `<stem>_<settings word>`: the block that holds the keyword arguments of what `<stem>` names. */
const SETTINGS_BLOCK = /^(.+?)_(conf|config|cfg|args|params|kwargs|settings|options|opts)$/i;
/** A name key's own suffix (`optimizer_type`, `optim_name`): the stem is what the settings block is named for. */
const NAME_SUFFIX = /_(name|type|class|cls)$/i;

/** Whether the name candidate's key names the settings block `block` written beside it. */
function namesSettingsOf(c: RoleCandidate, block: readonly string[]): boolean {
  const path = c.entry.path;
  const own = block[block.length - 1];
  const key = path[path.length - 1];
  if (own === undefined || key === undefined || block.length !== path.length) return false;
  if (!path.slice(0, -1).every((s, i) => s === block[i])) return false;
  const stem = SETTINGS_BLOCK.exec(own)?.[1]?.toLowerCase();
  return stem !== undefined && stem === key.toLowerCase().replace(NAME_SUFFIX, '');
}

/**
 * Whether the first optimizer name among `candidates` (the one `fill` would read) is written beside `r`'s block as
 * the key that block holds the settings of: then it names `r`, which role inference found by that block alone.
 */
export function namesSettingsBlock(candidates: readonly RoleCandidate[], r: ResolvedOptimizer): boolean {
  if (r.nameEntry !== null || r.prefix.length === 0) return false;
  const first = candidates.find((c) => c.role === 'optimizer');
  return first !== undefined && first.entry.callee === undefined && namesSettingsOf(first, r.prefix);
}
