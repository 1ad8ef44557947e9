/**
 * A written schedule name → the schedule the science core evaluates (science.md §2.4). A table's own
 * names come first; then names are recognised by the words frameworks use (`cosine_with_warmup`,
 * `CosineAnnealing`, `WarmupDecayLR`, `linear_with_warmup`, `wsd`, `inverse_sqrt`).
 */
import type { ExtractedValue, ScheduleKind } from '../../core/hyperparams';
import type { EcosystemTable } from './ecosystems/types';
import type { ConfigEntry } from './entries';
import { FACTOR_PRODUCT } from './roles/block-words';

const WORDS: [RegExp, ScheduleKind][] = [
  [/warmup[_-]?stable[_-]?decay|\bwsd\b|trapezoid|stable/i, 'wsd'],
  [/cos/i, 'cosine'],
  // `inv-sqrt`: Marian's `--lr-decay-inv-sqrt` (marian-nmt/marian-dev@0084a3a src/common/config_parser.cpp).
  [/inv(erse)?[_-]?sqrt|rsqrt|noam/i, 'inverse-sqrt'],
  // `lin` and `const`: the abbreviations of RL Zoo's schedule strings (lr-schedule-strings.ts).
  [/linear|warmupdecay|polynomial|^lin$/i, 'linear'],
  [/constant|fixed|none|^const$/i, 'constant'],
];

/**
 * The decay factors of a product of schedule factors and their shapes; `constant` and a warmup factor change no shape,
 * and a factor not listed here (`decay_every`, `exponential_decay`) is a shape the core does not model. Sources:
 * google/trax@7c189c2 trax/supervised/lr_schedules.py multifactor; google-research/scenic@4181ac1
 * scenic/train_lib/lr_schedules.py compound_lr_scheduler (constant, linear_warmup, rsqrt_decay, cosine_decay,
 * linear_decay, decay_every, exponential_decay, linear_cooldown).
 */
const DECAY_FACTORS: Record<string, ScheduleKind> = {
  rsqrt_decay: 'inverse-sqrt', rsqrt_normalized_decay: 'inverse-sqrt', cosine_decay: 'cosine', linear_decay: 'linear',
};
const SHAPELESS_FACTORS = /^(constant|\w*warmup\w*)$/;

/** The shape of `constant * linear_warmup * rsqrt_decay`: its one decay factor's, constant without one. */
function factorProductKind(text: string): ScheduleKind | null {
  const decays = text.split('*').map((f) => f.trim().toLowerCase()).filter((f) => !SHAPELESS_FACTORS.test(f));
  if (decays.length === 0) return 'constant';
  return decays.length === 1 ? DECAY_FACTORS[decays[0] ?? ''] ?? null : null;
}

export function scheduleKind(value: number | string | boolean | undefined, table: EcosystemTable): ScheduleKind | null {
  if (value === undefined || typeof value === 'number') return null;
  const text = String(value);
  // A Python schedule object is written qualified through its imports (`olmo_core.optim.CosWithWarmup`).
  const short = text.split('.').pop() ?? text;
  for (const [name, kind] of Object.entries(table.schedules ?? {})) if (
    name.toLowerCase() === text.toLowerCase() || name.toLowerCase() === short.toLowerCase()) return kind;
  // A warmup factor is no linear decay: the product's decay factor says the shape.
  if (FACTOR_PRODUCT.test(text)) return factorProductKind(text);
  for (const [re, kind] of WORDS) if (re.test(text)) return kind;
  return null;
}

const NUL = '\u0000';

/**
 * Per file: the blocks (joined by NUL) of the entries at each literal (`start:end`), and the first product of factors
 * written in each block, with its place in the file. Built once, when a schedule's name says no shape.
 */
interface FactorBlocks {
  blocksAt: Map<string, string[]>;
  factorsIn: Map<string, { at: number; entry: ConfigEntry }>;
}

const factorBlocksOf = new WeakMap<readonly ConfigEntry[], FactorBlocks>();

function factorBlocks(entries: readonly ConfigEntry[]): FactorBlocks {
  const cached = factorBlocksOf.get(entries);
  if (cached) return cached;
  const out: FactorBlocks = { blocksAt: new Map(), factorsIn: new Map() };
  entries.forEach((e, at) => {
    const block = e.path.slice(0, -1).join(NUL);
    if (e.path.length > 1) {
      const span = `${e.span.start}:${e.span.end}`;
      out.blocksAt.set(span, [...(out.blocksAt.get(span) ?? []), block]);
    }
    if (e.path[e.path.length - 1] === 'factors' && typeof e.value === 'string' && FACTOR_PRODUCT.test(e.value) &&
      !out.factorsIn.has(block)) out.factorsIn.set(block, { at, entry: e });
  });
  factorBlocksOf.set(entries, out);
  return out;
}

/**
 * The shape of the schedule read for an optimizer: its name's, else, for a name that says none (Scenic's
 * `learning_rate_schedule: 'compound'`, which builds the product its `factors` beside it spell: google-research/
 * scenic@4181ac1 scenic/train_lib/lr_schedules.py lr_fn_dict = {'compound': compound_lr_scheduler}), the shape of
 * the product of factors written in the same block (the first in the file, where the literal sits in several).
 */
export function scheduleKindOf(schedule: ExtractedValue | undefined, table: EcosystemTable,
  entries: readonly ConfigEntry[]): ScheduleKind | null {
  const kind = scheduleKind(schedule?.value, table);
  const span = schedule?.span;
  if (kind !== null || !span || typeof schedule.value !== 'string') return kind;
  const { blocksAt, factorsIn } = factorBlocks(entries);
  let first: { at: number; entry: ConfigEntry } | undefined;
  for (const block of blocksAt.get(`${span.start}:${span.end}`) ?? []) {
    const f = factorsIn.get(block);
    if (f && (!first || f.at < first.at)) first = f;
  }
  const factors = first?.entry.value;
  return typeof factors === 'string' ? scheduleKind(factors, table) : null;
}
