/**
 * `eps-fp16-underflow` fires only where the optimizer really computes √v + ε in fp16 (true half precision),
 * per server/extract/optimizer-state-precision.ts, and only for ε ≤ 2⁻²⁵ (core/theory/eps-regime.ts
 * `epsVanishes`, the rule the prediction uses too). Mixed precision keeps ε in fp32: real DeepSpeed, gpt-neox,
 * Megatron, Hugging Face and litgpt configs from the corpus must stay silent.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { epsVanishes, fp16Value } from '../../../core/theory/eps-regime';
import { analyzeText } from '../../../server/analyze';
import { extract } from '../../../server/extract';
import { applyOnlyFix, findings } from './helpers';

const CODE = 'eps-fp16-underflow';
const corpus = (path: string) => readFileSync(new URL(`../../fixtures/corpus/${path}`, import.meta.url), 'utf8');

describe('the one rule', () => {
  test('fp16 rounds ε ≤ 2⁻²⁵ to 0 and keeps anything above (rounded to a multiple of 2⁻²⁴); bf16 and fp32 lose nothing', () => {
    expect(epsVanishes(1e-8, 'fp16')).toBe(true);
    expect(epsVanishes(2 ** -25, 'fp16')).toBe(true);
    expect(epsVanishes(3e-8, 'fp16')).toBe(false);
    expect(fp16Value(3e-8)).toBe(2 ** -24);
    expect(epsVanishes(1e-7, 'fp16')).toBe(false);
    for (const arithmetic of ['bf16', 'fp32', null] as const) expect(epsVanishes(1e-8, arithmetic)).toBe(false);
  });
});

describe('mixed precision: ε stays in fp32, no finding', () => {
  test.each([
    ['deepspeed/imagenet-ds_config.json', 'fp32'],
    ['gpt-neox/125M.yml', 'fp32'],
    ['megatron-lm/train_gpt3_175b_distributed.sh', 'fp32'],
    ['litgpt/pretrain-tinyllama.yaml', 'fp32'],
  ])('%s', (path, arithmetic) => {
    const x = extract(corpus(path), path);
    expect(x.optimizerState?.arithmetic).toBe(arithmetic);
    expect(findings(x, CODE)).toEqual([]);
  });

  test('DeepSpeed fp16 with ε = 1e-8 written: fp32 master weights and Adam state', () => {
    const text = '{"train_micro_batch_size_per_gpu": 2, "fp16": {"enabled": true},\n "optimizer": {"type": "AdamW", "params": {"lr": 1e-4, "eps": 1e-8}}}\n';
    const x = extract(text, 'ds_config.json');
    expect(x.fp16?.value).toBe(true);
    expect(findings(x, CODE)).toEqual([]);
  });

  test('Hugging Face `fp16: true` is torch.amp: no finding, and the prediction agrees', () => {
    const text = 'model_name_or_path: x\nper_device_train_batch_size: 2\noutput_dir: out\nfp16: true\nlearning_rate: 0.0001\n';
    const x = extract(text, 'args.yaml');
    expect(x.optimizerState?.arithmetic).toBe('fp32');
    expect(findings(x, CODE)).toEqual([]);
    const analysis = analyzeText(text, '/w/args.yaml', {});
    expect(analysis.optimizers[0]?.predictions?.epsRegime.fp16Underflow).toBe(false);
    expect(analysis.findings.some((f) => f.code === CODE)).toBe(false);
  });

  test('Lightning bf16-true keeps ε = 1e-8 (bf16 has fp32\'s exponent range)', () => {
    const text = 'trainer:\n  precision: bf16-true\nmodel:\n  optimizer:\n    class_path: torch.optim.AdamW\n    init_args:\n      lr: 0.0001\n      eps: 1.0e-8\n';
    const x = extract(text, 'config.yaml');
    expect(x.optimizerState?.arithmetic).toBe('bf16');
    expect(findings(x, CODE)).toEqual([]);
  });
});

describe('true half precision: ε becomes 0, finding', () => {
  const LIGHTNING = (eps: string) =>
    `trainer:\n  precision: 16-true\nmodel:\n  optimizer:\n    class_path: torch.optim.AdamW\n    init_args:\n      lr: 0.0001\n      eps: ${eps}\n`;

  test('Lightning `precision: 16-true` with ε = 1e-8 written: a warning on ε, fixed to 1e-7', () => {
    const text = LIGHTNING('1.0e-8');
    const x = extract(text, 'config.yaml');
    expect(x.optimizerState).toMatchObject({ arithmetic: 'fp16', key: 'trainer.precision' });
    const [f] = findings(x, CODE);
    expect(f?.severity).toBe('warning');
    expect(f?.line).toBe(8);
    expect(f?.message).toMatch(/true half precision/);
    applyOnlyFix(text, f, '1.0e-8', '1.0e-7');
  });

  test('ε between 2⁻²⁵ and 2⁻²⁴ survives (rounded up): no finding', () => {
    expect(findings(extract(LIGHTNING('3.0e-8'), 'config.yaml'), CODE)).toEqual([]);
    expect(findings(extract(LIGHTNING('2.9e-8'), 'config.yaml'), CODE)).toHaveLength(1);
  });

  test('axolotl `float16: true` (no AMP) with the default ε: reported at the switch, and by the prediction', () => {
    const text = 'base_model: x\nsequence_len: 2048\nmicro_batch_size: 2\noptimizer: adamw_torch\nlearning_rate: 0.0001\nfloat16: true\n';
    const x = extract(text, 'qlora.yml');
    expect(x.ecosystem).toBe('axolotl');
    const [f] = findings(x, CODE);
    expect(f?.line).toBe(6);
    expect(f?.fixes).toBeUndefined();
    const analysis = analyzeText(text, '/w/qlora.yml', {});
    expect(analysis.optimizers[0]?.predictions?.epsRegime.fp16Underflow).toBe(true);
    // One finding, not two: the prediction's fallback sees the extractor's.
    expect(analysis.findings.filter((g) => g.code === CODE)).toHaveLength(1);
  });

  test('axolotl `fp16: true` is AMP: no finding', () => {
    const text = 'base_model: x\nsequence_len: 2048\nmicro_batch_size: 2\noptimizer: adamw_torch\nlearning_rate: 0.0001\nfp16: true\n';
    expect(findings(extract(text, 'qlora.yml'), CODE)).toEqual([]);
  });
});
