/**
 * Whether a written string is an optimizer name OptLens knows (in any framework's spelling), so that
 * `opt: sgd` or `--opt adamw` at the top level of a file names the optimizer, and `opt: ./options.yaml` does not.
 */
import { HF_OPTIM_NAMES } from '../ecosystems/hf-trainer';
import { KNOWN_OPTIMIZER_NAMES, TORCH_NAMES } from '../ecosystems/optimizer-names';

const KNOWN: ReadonlySet<string> = new Set(
  [...Object.keys(HF_OPTIM_NAMES), ...Object.keys(TORCH_NAMES), ...Object.keys(KNOWN_OPTIMIZER_NAMES)]
    .filter((k) => k !== '*')
    .map((k) => k.toLowerCase()),
);

export function isKnownOptimizerName(value: string): boolean {
  const lower = value.trim().toLowerCase();
  return KNOWN.has(lower) || KNOWN.has(lower.split('.').pop() ?? lower);
}
