/**
 * Settings of the stages of one training recipe written side by side, each key prefixed with its stage's name:
 * Prismatic VLMs' draccus ModelConfig writes `align_learning_rate`, `align_global_batch_size`, `align_weight_decay`,
 * then `finetune_learning_rate`, `finetune_global_batch_size`, ... in one class (TRI-ML/prismatic-vlms@874c5bb
 * prismatic/conf/models.py: "Stage 1 (`align`) Optimization Hyperparameters", "Stage 2 (`finetune`)"), and the run
 * takes the values of the stage it trains (scripts/pretrain.py PretrainConfig.__post_init__: `self.learning_rate =
 * self.model.finetune_learning_rate` when the stage is finetune). Read as a name, `align_learning_rate` would be the
 * learning rate of a model part called `align`; a stage's settings are a run of their own. So where a stage prefix
 * heads settings of two or more roles in one block, each of its keys is read one level down, `[..., 'finetune',
 * 'learning_rate']`, a block that role inference reads as that stage's run (roles/context.ts ownerGroup); the key
 * shown stays the one written (`origin`). Once a prefix is a stage in the file, it is one in every block (a subclass
 * overriding only `finetune_max_steps` sets the finetune stage's run length).
 */
import type { ConfigEntry } from './entries';
import { normaliseWord } from './roles/context';
import { STAGE_NAME } from './roles/stages';
import { ROLE_WORDS } from './roles/vocabulary';

/** A stage-prefixed role word (`finetune_learning_rate`): the stage and the word. */
function split(entry: ConfigEntry): { stage: string; word: string } | null {
  const last = entry.path[entry.path.length - 1] ?? '';
  for (let at = last.indexOf('_'); at > 0; at = last.indexOf('_', at + 1)) {
    const stage = last.slice(0, at);
    const word = last.slice(at + 1);
    if (STAGE_NAME.test(stage)) return ROLE_WORDS.has(normaliseWord(word)) ? { stage, word } : null;
  }
  return null;
}

/** The entries with each stage-prefixed key of a stage the file writes read one level down (see above). */
export function withStageBlocks(entries: readonly ConfigEntry[]): readonly ConfigEntry[] {
  // The roles each stage prefix heads in each block.
  const heads = new Map<string, { stage: string; roles: Set<string> }>();
  for (const e of entries) {
    const s = split(e);
    if (!s) continue;
    const stage = s.stage.toLowerCase();
    const key = JSON.stringify([e.path.slice(0, -1), stage]);
    const found = heads.get(key) ?? { stage, roles: new Set<string>() };
    found.roles.add(ROLE_WORDS.get(normaliseWord(s.word))?.role ?? '');
    heads.set(key, found);
  }
  const stages = new Set<string>();
  for (const { stage, roles } of heads.values()) if (roles.size >= 2) stages.add(stage);
  if (stages.size === 0) return entries;
  return entries.map((e) => {
    const s = split(e);
    if (!s || !stages.has(s.stage.toLowerCase())) return e;
    return { ...e, path: [...e.path.slice(0, -1), s.stage, s.word], origin: e.origin ?? e.path };
  });
}
