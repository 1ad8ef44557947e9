/**
 * Reference recipes to judge a learning-rate / batch-size pair against (science.md §8.5): when a config's batch
 * differs from its family's reference, the two rules in use say how the lr should follow, linearly (Goyal et al.
 * 2017, for SGD) or with the square root (Malladi et al. 2022, "On the SDEs and scaling rules for adaptive gradient
 * algorithms", for Adam). A config whose lr follows neither, even loosely, is worth a look.
 */

export interface ReferenceRecipe {
  family: string;
  params: number;
  /** Tokens per step. */
  batchTokens: number;
  lr: number;
  source: string;
}

const GPT3 = 'Brown et al. 2020, "Language Models are Few-Shot Learners", arXiv 2005.14165, Table 2.1';

/** GPT-3's recipes by model size: the reference most GPT-style pre-training configs descend from. */
export const GPT3_RECIPES: readonly ReferenceRecipe[] = [
  { family: 'GPT-3 Small', params: 125e6, batchTokens: 0.5e6, lr: 6.0e-4, source: GPT3 },
  { family: 'GPT-3 Medium', params: 350e6, batchTokens: 0.5e6, lr: 3.0e-4, source: GPT3 },
  { family: 'GPT-3 Large', params: 760e6, batchTokens: 0.5e6, lr: 2.5e-4, source: GPT3 },
  { family: 'GPT-3 XL', params: 1.3e9, batchTokens: 1e6, lr: 2.0e-4, source: GPT3 },
  { family: 'GPT-3 2.7B', params: 2.7e9, batchTokens: 1e6, lr: 1.6e-4, source: GPT3 },
  { family: 'GPT-3 6.7B', params: 6.7e9, batchTokens: 2e6, lr: 1.2e-4, source: GPT3 },
  { family: 'GPT-3 13B', params: 13e9, batchTokens: 2e6, lr: 1.0e-4, source: GPT3 },
  { family: 'GPT-3 175B', params: 175e9, batchTokens: 3.2e6, lr: 0.6e-4, source: GPT3 },
];

/** The reference whose size is nearest in log N, if within a factor 1.5 (else the family is unknown). */
export function nearestReference(
  params: number, table: readonly ReferenceRecipe[] = GPT3_RECIPES): ReferenceRecipe | null {
  let best: ReferenceRecipe | null = null;
  for (const r of table) {
    if (best === null || Math.abs(Math.log(r.params / params)) < Math.abs(Math.log(best.params / params))) best = r;
  }
  return best !== null && Math.abs(Math.log(best.params / params)) <= Math.log(1.5) ? best : null;
}

export interface BatchScalingCheck {
  reference: ReferenceRecipe;
  /** The config's batch over the reference's. */
  batchRatio: number;
  linearLr: number;
  sqrtLr: number;
  /**
   * Whether the config's lr lies within a factor `SLACK` of the band between the two rules; null when the lr is set at
   * run time (server/runtime-predictions.ts: a verdict on the stand-in lr is no verdict).
   */
  followsARule: boolean | null;
}

/** How far outside the two rules an lr may sit before it is called unsupported: each reference lr is itself tuned
 * coarsely. */
export const SLACK = 2;

export function batchScalingCheck(lr: number, batchTokens: number, params: number): BatchScalingCheck | null {
  const reference = nearestReference(params);
  if (reference === null) return null;
  const batchRatio = batchTokens / reference.batchTokens;
  const linearLr = reference.lr * batchRatio;
  const sqrtLr = reference.lr * Math.sqrt(batchRatio);
  const low = Math.min(linearLr, sqrtLr) / SLACK;
  const high = Math.max(linearLr, sqrtLr) * SLACK;
  return { reference, batchRatio, linearLr, sqrtLr, followsARule: lr >= low && lr <= high };
}
