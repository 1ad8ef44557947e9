/**
 * An optimizer for one part of the model (`opt_ssl`, `wav2vec_opt_class`, `mbart_opt_class`) that the file freezes
 * (`ssl_frozen: True`, `freeze_wav2vec: True`) is never built: the training script makes it only for a part it
 * trains (speechbrain/speechbrain@9c826ef recipes/LibriSpeech/ASR/transformer/train_speechllm.py:342-344
 * `if not ssl_frozen: self.ssl_optimizer = self.hparams.opt_ssl(...)`; the wav2vec 2.0 recipes build
 * `wav2vec_optimizer` only `if not self.hparams.wav2vec2.freeze`). Its learning rate (`lr_ssl`, the part's own) is
 * no value of the run, so the optimizer is left out before role inference, which then gives the part's learning
 * rate no optimizer of its own (roles/infer.ts); the model's own optimizer stays.
 */
import { ADVANTAGE_ESTIMATOR_KEYS, CRITIC_CHECKPOINT_KEYS, CRITIC_FREE_ESTIMATORS } from './ecosystems/critic-free';
import { entriesAt } from './match';
import type { ResolveContext, ResolvedOptimizer } from './resolve';
import { frameworkValue } from './values';

/** `opt_ssl`, `ssl_opt`, `wav2vec_opt_class`, `opt_class_wav2vec`, `mbart_optimizer`: the part the optimizer trains. */
const PART_OPTIMIZER = /^(?:([a-z][a-z0-9]*?)_)?(?:opt|optim|optimizer)(?:_class)?(?:_([a-z][a-z0-9]*))?$/;

function partOf(key: string): string | null {
  const m = PART_OPTIMIZER.exec(key.toLowerCase());
  const part = m?.[1] ?? m?.[2];
  return part === undefined || part === 'model' ? null : part;
}

/** The value last written under a key of this name anywhere (`adv_estimator`, `--adv-estimator`), or undefined. */
function lastWritten(ctx: ResolveContext, key: string): unknown {
  for (const name of [key, `--${key}`, `--${key.replace(/_/g, '-')}`]) {
    const entry = ctx.index.byName.get(name)?.at(-1);
    if (entry) return frameworkValue(entry, ctx.format);
  }
  return undefined;
}

/**
 * Whether the run trains no critic (ecosystems/critic-free.ts): its advantage estimator needs none (`grpo`, `rloo`),
 * or the checkpoint the critic is built from is written empty.
 */
export function criticNotTrained(ctx: ResolveContext): boolean {
  const estimator = ADVANTAGE_ESTIMATOR_KEYS.map((k) => lastWritten(ctx, k)).find((v) => v !== undefined);
  if (typeof estimator === 'string' && CRITIC_FREE_ESTIMATORS.has(estimator.toLowerCase())) return true;
  return CRITIC_CHECKPOINT_KEYS.some((k) => {
    const v = lastWritten(ctx, k);
    return v === null || (typeof v === 'string' && /^(|none|null)$/i.test(v.trim()));
  });
}

/**
 * Whether `path` is a setting of the critic's own block (veRL's `critic.ppo_micro_batch_size_per_gpu=4`, `critic:
 * {optim: {lr: ...}}`) in a run that trains no critic: the block is built only for GAE (see criticNotTrained), so its
 * batches and rates are no run's. `noCritic` is criticNotTrained's answer, asked once per file.
 */
export function inUntrainedCritic(path: readonly string[], noCritic: boolean): boolean {
  if (!noCritic) return false;
  for (let i = 0; i < path.length - 1; i++) if (path[i]?.toLowerCase() === 'critic') return true;
  return false;
}

/**
 * Whether the file's top level writes the part frozen (`<part>_frozen: True` or `freeze_<part>: True`), or, for a
 * critic, whether the run trains none.
 */
export function frozenPart(ctx: ResolveContext, part: string): boolean {
  if (part === 'critic' && criticNotTrained(ctx)) return true;
  for (const key of [`${part}_frozen`, `freeze_${part}`]) {
    const entry = entriesAt(ctx.index, [key])[0];
    const v = entry ? frameworkValue(entry, ctx.format) : null;
    if (v === true || v === 'True' || v === 'true') return true;
  }
  return false;
}

/**
 * Switches that turn a part or a stage of the run on (`--swa` with `--swa_lr`, `use_ema`, `enable_<part>`,
 * `<part>: {enabled: false}`), as their spellings go: a learning rate of its own for a part or stage the file switches
 * off trains nothing, as a frozen part's does not: MACE's `--swa_lr` is the rate of a second stage that runs only
 * with `--swa` (ACEsuit/mace@667eee4 mace/tools/arg_parser.py: `--swa`, action store_true, "use Stage Two loss
 * weight, which decreases the learning rate ..."; its training script builds the stage `if args.swa:`).
 */
const SWITCHES: readonly ((part: string) => string[])[] = [
  (p) => [p], (p) => [`use_${p}`], (p) => [`enable_${p}`], (p) => [`${p}_enabled`], (p) => [`do_${p}`],
  (p) => [p, 'enabled'],
];

/**
 * Whether the file switches the part off, at its top level (`--swa` false by default, `use_swa: false`) or in the
 * block that holds the part's setting (`block`: a settings class's `pose_opt: bool = False` beside `pose_opt_lr`).
 */
export function switchedOffPart(ctx: ResolveContext, part: string, block: readonly string[] = []): boolean {
  const name = part.replace(/ /g, '_');
  for (const spell of SWITCHES) {
    if (block.length > 0 && switchedOffAt(ctx, [...block, ...spell(name)])) return true;
    const path = spell(name);
    const last = path.length - 1;
    for (const key of [path, path.map((s, i) => (i === 0 ? `--${s}` : s)), path.map((s, i) =>
      (i === 0 ? `--${s.replace(/_/g, '-')}` : s))]) {
      if (last > 0 && key[0]?.startsWith('-') === true) continue;
      const entry = entriesAt(ctx.index, key)[0];
      const v = entry ? frameworkValue(entry, ctx.format) : null;
      if (v === false || v === 'False' || v === 'false') return true;
    }
  }
  return false;
}

function switchedOffAt(ctx: ResolveContext, path: readonly string[]): boolean {
  const entry = entriesAt(ctx.index, path)[0];
  const v = entry ? frameworkValue(entry, ctx.format) : null;
  return v === false || v === 'False' || v === 'false';
}

/** The optimizers, less those of parts the file freezes (never all of them: one is the model's). */
export function withoutFrozenParts(ctx: ResolveContext, resolved: readonly ResolvedOptimizer[]): ResolvedOptimizer[] {
  if (resolved.length < 2) return [...resolved];
  const kept = resolved.filter((r) => {
    const key = r.prefix[r.prefix.length - 1];
    // An optimizer block inside the critic's (`critic.optim`) is the critic's.
    const part = (key === undefined ? null : partOf(key)) ??
      (r.prefix.slice(0, -1).some((s) => s.toLowerCase() === 'critic') ? 'critic' : null);
    return part === null || !frozenPart(ctx, part);
  });
  return kept.length > 0 ? kept : [...resolved];
}
