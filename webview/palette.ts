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

/**
 * Series of no optimizer in a report, after the first (which takes the foreground colour): yellow is the markers'
 * colour, so it comes last.
 */
export const NEUTRAL_HUES: readonly Hue[] = ['blue', 'green', 'purple', 'orange', 'red', 'yellow'];
