/**
 * The learning-rate schedule's floor (`min_lr`, `min_lr_ratio`, `eta_min`, …) as every surface says it: the hover on
 * the schedule's values, the report's run section, the CLI's text and JSON and the playground's schedule label all
 * read the analysis's `scheduleFloor` and the prediction input's `minLrRatio` through `scheduleFloorPhrase`, so they
 * say the same thing. The decay to `minLrRatio`·peak is science.md §2.4's η_t (core/theory/schedule.ts).
 */
import type { ExtractedValue, ScheduleKind } from './hyperparams';
import { formatSignificant } from './format-number';
import type { PredictionInput } from './prediction';
import type { Phrase, PhrasePart } from './provenance-words';

/** The floor as the file writes it (or the framework's default): a learning rate, or a fraction of the peak. */
export interface ScheduleFloor {
  value: ExtractedValue;
  kind: 'lr' | 'ratio';
}

/** The schedule's shape in words, with where it ends; null for a constant lr, which has no decay to a floor. */
const DECAY_WORDS: Record<ScheduleKind, ((end: string) => string) | null> = {
  constant: null,
  cosine: (end) => `cosine decay to ${end}`,
  linear: (end) => `linear decay to ${end}`,
  wsd: (end) => `constant, then a final linear decay to ${end}`,
  'inverse-sqrt': (end) => `inverse-square-root decay, never below ${end}`,
};

/** Where the floor came from: `min_lr` `6e-5`, line 58; or the framework's default and its source. */
function floorSource(floor: ScheduleFloor): PhrasePart[] {
  const v = floor.value;
  const literal = v.raw ?? formatSignificant(v.value as number);
  if (v.source === 'default') {
    return [{ text: `the framework's default ${floor.kind === 'lr' ? 'floor lr' : 'floor ratio'} ` },
      { code: literal }, { text: `, ${v.defaultFrom ?? 'its source'}` }];
  }
  const where: PhrasePart[] = v.line !== null ? [{ text: `, line ${v.line}` }] : [];
  return [...(v.key !== null ? [{ code: v.key }, { text: ' ' }] : []), { code: literal }, ...where];
}

/**
 * The schedule's end in plain words, verdict first: "cosine decay to 10% of the peak lr (`min_lr` `6e-5`, line 58)".
 * `input.minLrRatio` is what the prediction decays to; `floor` is where it was read. A floor the prediction does not
 * use (above the peak lr) is said, not dropped. Null for a constant schedule or an unknown run.
 */
export function scheduleFloorPhrase(input: PredictionInput, floor: ScheduleFloor | null | undefined): Phrase | null {
  const words = DECAY_WORDS[input.schedule];
  if (words === null) return null;
  const ratio = input.minLrRatio;
  if (ratio === undefined) {
    if (floor) {
      return [{ text: `${words('0')}: the floor (` }, ...floorSource(floor),
        { text: ') is not a fraction of the peak lr between 0 and 1, so the prediction does not use it' }];
    }
    return [{ text: `${words('0')} (no floor such as min_lr read from the file)` }];
  }
  const end = ratio === 0 ? '0' : `${formatSignificant(ratio * 100)}% of the peak lr`;
  if (!floor) return [{ text: words(end) }];
  return [{ text: `${words(end)} (` }, ...floorSource(floor), { text: ')' }];
}
