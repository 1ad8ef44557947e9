/**
 * In which floating-point type the optimizer's arithmetic meets ε, per framework and precision switch: the
 * fact behind the fp16-ε finding (core/theory/eps-regime.ts `epsVanishes`, science.md §1.3, §7.6).
 *
 * "fp16 training" almost never puts ε in fp16. Mixed precision (torch.amp, DeepSpeed's fp16 optimizer and
 * ZeRO, Megatron's --fp16, Lightning's 16-mixed, FSDP mixed precision) keeps fp32 master weights and fp32
 * optimizer state, and √v + ε is computed in fp32. ε meets √v in fp16 only when the parameters themselves are
 * fp16 and a stock torch optimizer creates its state like them (zeros_like(param)): true half precision.
 * bf16 has fp32's exponent range, so no ε in use is lost there. 8-bit optimizers (bitsandbytes) dequantize
 * their state and compute the update in fp32 with ε as an fp32 argument (Dettmers et al. 2022, arXiv
 * 2110.02861), and Megatron's precision-aware optimizer (--exp-avg-sq-dtype fp16) stores v in 16 bits but
 * computes in fp32 (TransformerEngine FusedAdam): neither loses ε.
 *
 * One table, first matching row wins; a row applies to the listed ecosystems. Unknown switches and values
 * give no answer (null): the finding then stays silent rather than guess.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { Span } from '../../core/hyperparams';
import type { OptimizerArithmetic } from '../../core/theory/eps-regime';
import type { KeyPattern } from './ecosystems/types';
import { renderPath } from './keypath';
import { findSpelling, normaliseSpelling, type EntryIndex } from './match';
import { frameworkValue } from './values';

interface PrecisionRow {
  ecosystems: readonly string[];
  keys: readonly KeyPattern[];
  /** Written value (lower case; `true`/`false` for booleans) → the type ε meets √v in. */
  values: Readonly<Record<string, OptimizerArithmetic>>;
  /** In plain words, for the finding: what the switch does to the optimizer's state. */
  meaning: Readonly<Partial<Record<OptimizerArithmetic, string>>>;
  source: string;
}

const LIGHTNING = {
  values: {
    '16-true': 'fp16', 'fp16-true': 'fp16', 'bf16-true': 'bf16',
    '16-mixed': 'fp32', '16': 'fp32', 'fp16-mixed': 'fp32', 'bf16-mixed': 'fp32', bf16: 'fp32', '32': 'fp32', '32-true': 'fp32',
    '64': 'fp32', '64-true': 'fp32', 'transformer-engine': 'fp32',
  },
  meaning: {
    fp16: 'true half precision: the weights, and so the optimizer state, are fp16',
    bf16: 'true bf16 precision: weights and optimizer state in bf16',
    fp32: 'mixed precision keeps fp32 weights and optimizer state',
  },
  source: 'Lightning HalfPrecision plugin ("16-true" converts the module to torch.float16; "16-mixed" is torch.amp), '
    + 'lightning.ai/docs/pytorch/stable/common/precision_intermediate.html; NeMo "Mixed Precision Training" (true half: no FP32 weight copy)',
} as const;

const AMP_FP32 = 'torch.amp autocast with a GradScaler: fp32 weights and fp32 optimizer state';
const AXOLOTL_SOURCE = 'axolotl config reference, docs.axolotl.ai/docs/config-reference.html ("float16: No AMP"; fp16, bf16: AMP)';
const DEEPSPEED_FP32 = 'DeepSpeed keeps fp32 master weights and fp32 Adam state (FP16_Optimizer, ZeRO: Rajbhandari et al. 2020 §3.1)';

const ROWS: readonly PrecisionRow[] = [
  {
    ecosystems: ['lightning', 'litgpt', 'hydra', 'nemo', 'pytorch', 'generic'],
    keys: ['trainer.precision', 'precision', '--precision', 'fabric.precision'],
    ...LIGHTNING,
  },
  {
    // axolotl: `float16: true` / `bfloat16: true` load and train the model in that type without AMP.
    ecosystems: ['axolotl'],
    keys: ['float16'],
    values: { true: 'fp16' },
    meaning: { fp16: '`float16: true` trains the fp16 model without mixed precision, so the optimizer state is fp16' },
    source: AXOLOTL_SOURCE,
  },
  {
    ecosystems: ['axolotl'],
    keys: ['bfloat16'],
    values: { true: 'bf16' },
    meaning: { bf16: '`bfloat16: true` trains the bf16 model without mixed precision' },
    source: AXOLOTL_SOURCE,
  },
  {
    ecosystems: ['axolotl'],
    keys: ['fp16', 'bf16'],
    values: { true: 'fp32', false: 'fp32' },
    meaning: { fp32: AMP_FP32 },
    source: AXOLOTL_SOURCE,
  },
  {
    ecosystems: ['deepspeed', 'openrlhf', 'gpt-neox'],
    keys: ['fp16.enabled', '--fp16', 'fp16', 'bf16.enabled', 'precision'],
    values: { true: 'fp32', fp16: 'fp32', bfloat16: 'fp32', bf16: 'fp32', float16: 'fp32', false: 'fp32' },
    meaning: { fp32: DEEPSPEED_FP32 },
    source: 'deepspeed.ai/docs/config-json (fp16 training options); ZeRO, arXiv 1910.02054 §3.1 (fp32 parameters, momentum and variance)',
  },
  {
    ecosystems: ['megatron-lm'],
    keys: ['--fp16', '--bf16', '--exp-avg-sq-dtype'],
    values: { true: 'fp32', fp16: 'fp32', bf16: 'fp32', fp8: 'fp32', fp32: 'fp32' },
    meaning: { fp32: 'Megatron keeps fp32 main parameters and Adam state (Float16OptimizerWithFloat16Params); its precision-aware optimizer stores v in 16 bits but computes √v + ε in fp32' },
    source: 'Megatron-LM megatron/core/optimizer/optimizer.py (Float16OptimizerWithFloat16Params); arguments --use-precision-aware-optimizer, --exp-avg-sq-dtype',
  },
  {
    ecosystems: ['huggingface', 'trl', 'llamafactory', 'openrlhf'],
    keys: ['fp16', 'bf16', '--fp16', '--bf16', 'mixed_precision'],
    values: { true: 'fp32', false: 'fp32', fp16: 'fp32', bf16: 'fp32', no: 'fp32' },
    meaning: { fp32: AMP_FP32 },
    source: 'HF TrainingArguments fp16/bf16 and accelerate mixed_precision use torch.amp (huggingface.co/docs/transformers/perf_train_gpu_one)',
  },
  {
    ecosystems: ['nanogpt', 'modded-nanogpt'],
    keys: ['dtype'],
    values: { float16: 'fp32', bfloat16: 'fp32', float32: 'fp32' },
    meaning: { fp32: 'nanoGPT runs the fp32 model under torch.amp autocast (with a GradScaler for float16)' },
    source: 'karpathy/nanoGPT train.py (ctx = torch.amp.autocast(dtype=ptdtype); GradScaler(enabled=dtype == "float16"))',
  },
  {
    ecosystems: ['torchtune'],
    keys: ['dtype'],
    values: { bf16: 'bf16', fp32: 'fp32' },
    meaning: { bf16: 'torchtune builds the model in bf16 and the optimizer state follows it', fp32: 'fp32 weights and optimizer state' },
    source: 'torchtune recipes (training.get_dtype; the model and the optimizer state in the configured dtype; fp16 is refused)',
  },
  {
    ecosystems: ['olmo'],
    keys: ['precision'],
    values: { amp_fp16: 'fp32', amp_bf16: 'fp32', fp32: 'fp32' },
    meaning: { fp32: 'OLMo runs fp32 weights under torch.amp (amp_fp16, amp_bf16)' },
    source: 'allenai/OLMo olmo/config.py TrainConfig.precision (amp_bf16, amp_fp16, fp32)',
  },
  {
    ecosystems: ['torchtitan'],
    keys: ['training.mixed_precision_param'],
    values: { bfloat16: 'fp32', float32: 'fp32' },
    meaning: { fp32: 'FSDP2 mixed precision computes in bf16 from fp32 sharded parameters; the optimizer steps the fp32 shards' },
    source: 'torchtitan docs/fsdp.md; torch.distributed.fsdp MixedPrecisionPolicy(param_dtype, reduce_dtype)',
  },
];

export interface OptimizerStatePrecision {
  /** The type √v + ε is computed in. */
  arithmetic: OptimizerArithmetic;
  /** The switch as the file spells it, and where. */
  key: string;
  span: Span;
  /** What the switch does to the optimizer state, in plain words, and the source. */
  meaning: string;
  source: string;
}

/** The written value as the table's lower-case key. */
function valueKey(value: unknown): string {
  return typeof value === 'boolean' ? String(value) : String(value).trim().toLowerCase().replace(/^["']|["']$/g, '');
}

/** Where the file's optimizer meets ε, from its precision switches; null when the file (or the table) does not say. */
export function readOptimizerStatePrecision(
  index: EntryIndex, ecosystem: string, format: ConfigFormat,
): OptimizerStatePrecision | null {
  for (const row of ROWS) {
    if (!row.ecosystems.includes(ecosystem)) continue;
    for (const key of row.keys) {
      const match = findSpelling(index, [], normaliseSpelling(key));
      if (!match) continue;
      const arithmetic = row.values[valueKey(frameworkValue(match.entry, format))];
      if (arithmetic === undefined) continue;
      return { arithmetic, key: renderPath(match.entry.path), span: { ...match.entry.span }, meaning: row.meaning[arithmetic] ?? '', source: row.source };
    }
  }
  return null;
}
