/**
 * The Surge threshold as a multiple of B_simple (0.0588 at β1 = 0.9): what a hint can say about a batch
 * size before anyone has measured the noise scale. The science core works in batch units, so it is asked
 * with B_simple = 1.
 */
import type { PredictionInput } from '../core/prediction';
import { predict } from '../core/theory/predict';

export function surgeRatio(input: PredictionInput): number | null {
  try {
    // steps: null skips the O(T) schedule work, which the threshold does not depend on.
    const threshold = predict({ ...input, noiseScale: 1, batchSize: 1, steps: null }).surge.threshold;
    return threshold !== null && Number.isFinite(threshold) ? threshold : null;
  } catch {
    return null;
  }
}
