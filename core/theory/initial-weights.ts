/**
 * The initial weight RMS θ0 that science.md §2.1/§2.4 start from (§2.9). Training from scratch counts
 * what the optimizer adds (θ0 = 0, said as assumed); fine-tuning starts from trained weights, whose RMS
 * dominates the end-of-run value when τ = 1/(ηλ) is longer than the run (an SFT of a 1.5B model with
 * θ0 = 0 predicts ‖θ_T‖ ≈ 7·10⁻⁴ and a curve rising from 0). Where θ0 comes from, by priority:
 * the file's `# optlens: initial-weight-rms=…` comment, the `optlens.initialWeightRms` setting, this
 * table for fine-tuning configs, else 0.
 */

/** Where a θ0 came from (shown beside the number). */
export type InitialWeightSource = 'written' | 'setting' | 'comment' | 'table' | 'assumed';

export interface InitialWeightRms {
  value: number;
  source: InitialWeightSource;
}

/**
 * Initialisation std of the model families fine-tuning configs start from, from each family's Hugging Face
 * configuration class (`initializer_range`, the std of the normal init of every linear and embedding
 * matrix). No published measurement of trained per-matrix RMS was found for these families, so the
 * table takes the init std as the trained RMS: weight decay over pre-training moves the RMS of large
 * matrices by a factor of order 1 (§2.1: towards √(η/2λ) ≈ 0.01–0.03 for η 1e-4…3e-4, λ 0.1), not by
 * orders of magnitude, and 0.02 sits inside that range. It is an assumption and is labelled one.
 */
export const TRAINED_WEIGHT_RMS: readonly { family: string; rms: number; source: string }[] = [
  { family: 'Llama 2 / Llama 3', rms: 0.02, source: 'transformers LlamaConfig initializer_range = 0.02' },
  { family: 'Qwen2 / Qwen2.5 / Qwen3', rms: 0.02, source: 'transformers Qwen2Config, Qwen3Config initializer_range = 0.02' },
  { family: 'Mistral / Mixtral', rms: 0.02, source: 'transformers MistralConfig, MixtralConfig initializer_range = 0.02' },
  { family: 'Gemma', rms: 0.02, source: 'transformers GemmaConfig initializer_range = 0.02' },
  { family: 'GPT-2', rms: 0.02, source: 'transformers GPT2Config initializer_range = 0.02' },
  { family: 'OLMo', rms: 0.02, source: 'allenai/OLMo init_std = 0.02' },
];

/**
 * The θ0 used for fine-tuning configs when nothing says otherwise: every family in the table shares 0.02,
 * so the family need not be known.
 */
export const FINE_TUNING_THETA0 = 0.02;

/**
 * Ecosystems whose configs fine-tune a pretrained checkpoint (`base_model`, `model_name_or_path`): axolotl,
 * LLaMA-Factory, TRL / alignment-handbook, OpenRLHF and torchtune describe themselves as fine-tuning
 * frameworks in their documentation.
 */
export const FINE_TUNING_ECOSYSTEMS: readonly string[] = ['axolotl', 'llamafactory', 'trl', 'openrlhf', 'torchtune'];

/** θ0 from what is known, by the priority above. */
export function initialWeightRmsOf(
  known: { comment?: number; setting?: number; ecosystem?: string | null },
): InitialWeightRms {
  if (known.comment !== undefined) return { value: known.comment, source: 'comment' };
  if (known.setting !== undefined) return { value: known.setting, source: 'setting' };
  if (known.ecosystem && FINE_TUNING_ECOSYSTEMS.includes(known.ecosystem)) return { value: FINE_TUNING_THETA0, source: 'table' };
  return { value: 0, source: 'assumed' };
}
