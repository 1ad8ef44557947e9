/**
 * Published fits of the optimal learning rate and batch size (science.md §8.2). Each is an empirical
 * law fitted in one regime; OptLens shows the config beside every law and presents none as the truth.
 * Batches are in tokens, compute C in FLOPs, N in parameters, D in training tokens.
 */

export interface ScalingLawFact {
  id: 'deepseek-llm' | 'step-law';
  name: string;
  source: string;
  /** The regime the law was fitted on, in the authors' words as far as possible. */
  fittedOn: string;
}

export const DEEPSEEK_LLM: ScalingLawFact = {
  id: 'deepseek-llm',
  name: 'DeepSeek LLM',
  source: 'DeepSeek-AI 2024, arXiv 2401.02954 §3.1: η_opt = 0.3118·C^−0.1250, B_opt = 0.2920·C^0.3271',
  fittedOn: 'dense decoder LLMs, compute budgets 1e17–3e20 FLOPs, AdamW with multi-step lr decay; C = M·D with M the ' +
    'non-embedding FLOPs per token',
};

export const STEP_LAW: ScalingLawFact = {
  id: 'step-law',
  name: 'Step Law (StepFun)',
  source: 'Li et al. 2025, "Predictable Scale Part I", arXiv 2503.04715: η = 1.79·N^−0.713·D^0.307, B = 0.58·D^0.571',
  fittedOn: '3,700 dense and MoE LLMs up to about 1B parameters and 100B tokens, AdamW, decay to a fixed final lr 1e-5',
};

export interface LawPrediction {
  lr: number;
  batchTokens: number;
}

/** DeepSeek LLM's fit in compute C = M·D (FLOPs). */
export function deepseekOptimum(computeFlops: number): LawPrediction {
  return { lr: 0.3118 * computeFlops ** -0.125, batchTokens: 0.292 * computeFlops ** 0.3271 };
}

/** Step Law's fit in parameters N and tokens D. */
export function stepLawOptimum(params: number, tokens: number): LawPrediction {
  return { lr: 1.79 * params ** -0.713 * tokens ** 0.307, batchTokens: 0.58 * tokens ** 0.571 };
}

/**
 * DeepSeek's M, non-embedding FLOPs per token, from the architecture: 72·L·d² + 12·L·d·l_seq
 * (arXiv 2401.02954 eq. 2). Without the architecture, 6N (N non-embedding parameters) is the usual stand-in;
 * it leaves out the attention term 12·L·d·l_seq, a few percent for short contexts.
 */
export function deepseekFlopsPerToken(arch: { layers: number; width: number; seqLen: number }): number {
  return 72 * arch.layers * arch.width ** 2 + 12 * arch.layers * arch.width * arch.seqLen;
}

export function flopsPerTokenFromParams(params: number): number {
  return 6 * params;
}
