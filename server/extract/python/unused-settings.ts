/**
 * A module constant naming an optimizer setting that nothing in the file reads, in a script that builds its optimizer
 * with a call of an optimizer class it knows: Lightning-AI/lit-llama@2a464de finetune/lora.py writes `weight_decay =
 * 0.0` and builds `torch.optim.AdamW(model.parameters(), lr=learning_rate)`, so AdamW runs with its own default decay;
 * litgpt's XLA adapter script writes `weight_decay = 0.02` beside `torch.optim.SGD(trainable_params,
 * lr=learning_rate)`. Such a constant configures nothing the script runs, so it is no entry. A config file another
 * script executes (nanoGPT's `config/train_gpt2.py`, read by `exec` in train.py) builds no optimizer: its constants
 * stay, as do constants the script reads anywhere (passed on, logged, or compared).
 */
import type { Tree } from '@lezer/common';
import { isCallEntry, type ConfigEntry } from '../entries';
import { isKnownOptimizerName } from '../roles/known-names';
import { normaliseWord } from '../roles/context';
import { ROLE_WORDS } from '../roles/vocabulary';

/** The optimizer's own settings: what a constructor call takes. */
const OPTIMIZER_SETTINGS: ReadonlySet<string> = new Set(['lr', 'weightDecay', 'beta1', 'beta2', 'eps', 'momentum']);
/** Names walked (a hostile file must not cost more). */
const MAX_NODES = 500_000;

/** How often each name is written as a variable anywhere in the file (its assignment included). */
function nameCounts(text: string, tree: Tree): Map<string, number> {
  const out = new Map<string, number>();
  let seen = 0;
  tree.iterate({
    enter(node) {
      if (++seen > MAX_NODES) return false;
      if (node.name === 'VariableName') {
        const name = text.slice(node.from, node.to);
        out.set(name, (out.get(name) ?? 0) + 1);
      }
      return true;
    },
  });
  return out;
}

/** Indices of the module constants of optimizer settings the script never reads (see above). */
export function unusedOptimizerConstants(text: string, tree: Tree, entries: readonly ConfigEntry[]): number[] {
  const builds = entries.some((e) => isCallEntry(e) && e.path.length === 1 &&
    isKnownOptimizerName(e.callee));
  if (!builds) return [];
  const candidates: number[] = [];
  entries.forEach((e, i) => {
    const name = e.path[0] ?? '';
    // Only a literal written at the constant itself: a name bound to a value written elsewhere (`b2 =
    // base['betas'][-1]`) points at that other literal, which the script may read under its own name.
    const own = e.path.length === 1 && e.callee === undefined && e.origin === undefined;
    const role = own && /^[A-Za-z_]\w*$/.test(name) ? ROLE_WORDS.get(normaliseWord(name))?.role : undefined;
    if (role !== undefined && OPTIMIZER_SETTINGS.has(role)) candidates.push(i);
  });
  if (candidates.length === 0) return [];
  const counts = nameCounts(text, tree);
  return candidates.filter((i) => (counts.get(entries[i]?.path[0] ?? '') ?? 0) <= 1);
}
