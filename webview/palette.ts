/**
 * One colour per optimizer, the same in every view (the playground's charts, the reports, the exported
 * images): AdamW is blue wherever it appears, SGD green, the sign family purple, Lion orange, Muon red.
 * Colours are VS Code's `charts.*` theme colours (theme.ts), so each theme keeps them legible; yellow is
 * kept for markers (your batch, the Surge peak) and the foreground for reference lines.
 */
import type { OptimizerKind } from '../core/hyperparams';
import type { ChartTheme, Hue } from './theme';

export const OPTIMIZER_HUE: Record<OptimizerKind, Hue> = {
  adamw: 'blue',
  adam: 'blue',
  sgd: 'green',
  signsgd: 'purple',
  signsgdm: 'purple',
  lion: 'orange',
  muon: 'red',
};

/** The colour of `optimizer` in `theme`. */
export function optimizerColour(theme: ChartTheme, optimizer: OptimizerKind): string {
  return theme.hues[OPTIMIZER_HUE[optimizer]];
}

/** Series that are no optimizer (a reference line, an unlabelled report series): hues no optimizer uses first. */
export const NEUTRAL_HUES: readonly Hue[] = ['yellow', 'blue', 'green', 'purple', 'orange', 'red'];
