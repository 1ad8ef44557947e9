/**
 * Lengths written with their unit, turned into the unit OptLens computes in where the framework says how, and kept
 * visibly in their own unit otherwise (never read as optimizer steps).
 * - Composer time strings (llm-foundry's `max_duration: 800ba`, `t_warmup: 0.06dur`, `8ep`, `100tok`, `5sp`): a
 *   number then a unit, parsed as a float (mosaicml/composer@6405188805a0 composer/core/time.py: TimeUnit
 *   ITERATION='iter', EPOCH='ep', BATCH='ba' "number of optimization steps", SAMPLE='sp', TOKEN='tok',
 *   DURATION='dur' "fraction of the training process", SECOND='sec'; Time.from_timestring). Batches are steps, `dur`
 *   is a fraction of the run (batch.ts turns a warmup fraction into steps when the run length is known).
 * - OLMo's `max_duration`: a number with `T` is tokens, with `ep` epochs, a plain integer steps (allenai/OLMo
 *   olmo/train.py Trainer.max_steps: `if self.cfg.max_duration.endswith("T")`: `int(float(max_duration[:-1]))`
 *   tokens, scientific notation allowed, `4e12T`); `ep` is read as Composer's, `T` is upper case only there.
 * - A number that is a fraction of the run up to 1 and a step count above (Levanter's `warmup`:
 *   stanford-crfm/levanter@9263f81e8b45 src/levanter/optim/config.py _convert_frac_or_steps, "if it's greater than 1,
 *   it must be a whole number of steps").
 */
import type { ExtractedValue } from '../../core/hyperparams';
import type { ValueUnit } from './ecosystems/types';

type Unit = ExtractedValue['unit'];

const COMPOSER = /^\s*([+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(iter|ep|ba|sp|tok|dur|sec)\s*$/i;
/** OLMo's token count (`4e12T`, `2_000_000T`): the suffix is an upper-case T. */
const OLMO_TOKENS = /^\s*([+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*T\s*$/;

/** The unit each Composer suffix stands for; `undefined` is optimizer steps. */
const COMPOSER_UNITS: Record<string, Unit> = {
  ba: undefined,
  dur: 'fraction',
  ep: 'epochs',
  tok: 'tokens',
  sp: 'samples',
};

/**
 * `(210000, 250000)` or `[100, 200]`: several whole numbers in one bracketed string. Under a count's name it is a
 * schedule's milestones (detectron2's `SOLVER.STEPS`), not one count: no value, and no invalid-value error either.
 */
export function isCountList(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const t = value.trim();
  const open = t[0];
  if ((open !== '(' && open !== '[') || t[t.length - 1] !== (open === '(' ? ')' : ']')) return false;
  const items = t.slice(1, -1).split(',').map((s) => s.trim()).filter((s) => s !== '');
  return items.length > 1 && items.every((s) => /^[+-]?\d[\d_]*$/.test(s));
}

/** True for a Composer time string (`800ba`, `0.06dur`, `1ep`). */
export function isComposerTime(value: unknown): value is string {
  return typeof value === 'string' && COMPOSER.test(value);
}

/**
 * A written value in a spelling's unit: the number and the unit to report; null for a string that is no time string
 * (left to the framework's other spellings). A Composer unit OptLens has no equivalent for (`iter`, `sec`) keeps its
 * text, marked `duration`.
 */
export function valueInUnit(value: number | string | boolean, unit: ValueUnit | null): {
  value: number | string | boolean; unit: Unit } | null {
  if (unit === 'duration') {
    if (typeof value !== 'string') return { value, unit: undefined };
    const m = COMPOSER.exec(value);
    const tokens = m ? null : OLMO_TOKENS.exec(value);
    if (tokens) return { value: Number((tokens[1] ?? '').replace(/_/g, '')), unit: 'tokens' };
    if (!m) return null;
    const suffix = m[2]?.toLowerCase() ?? '';
    if (!(suffix in COMPOSER_UNITS)) return { value, unit: 'duration' };
    return { value: Number((m[1] ?? '').replace(/_/g, '')), unit: COMPOSER_UNITS[suffix] };
  }
  if (unit === 'fraction-or-steps') {
    return { value, unit: typeof value === 'number' && value <= 1 ? 'fraction' : undefined };
  }
  return { value, unit: unit ?? undefined };
}

/**
 * The literal that writes `value` in the unit a Composer time string already uses: `800ba` → `1000ba` for a step
 * count, `0.06dur` → `0.1dur` for a fraction of the run, quotes kept. Null for any other literal, and for epochs,
 * tokens or samples, which a step count or a fraction cannot be written in.
 */
export function rewriteComposerTime(literal: string, value: number): string | null {
  const m = /^(["']?)\s*[+-]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?\s*(ba|dur)\s*(["']?)$/i.exec(literal);
  if (!m || m[1] !== m[3] || !Number.isFinite(value) || value < 0) return null;
  const unit = (m[2] ?? '').toLowerCase();
  if (unit === 'ba' && !Number.isInteger(value)) return null;
  if (unit === 'dur' && value > 1) return null;
  return `${m[1] ?? ''}${String(value)}${m[2] ?? ''}${m[3] ?? ''}`;
}
