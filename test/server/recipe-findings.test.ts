/**
 * The recipe findings (science.md §8) on real fixture configs: where each must fire, and where it must not.
 * Variants of a real file are made by appending an `# optlens:` comment or changing one literal, so the rest
 * of the file stays as its authors wrote it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../core/analysis';
import { analyzeText } from '../../server/analyze';
import { applyReplacements } from '../../server/edits';
import { RECIPE_FINDING_CODES as CODES } from '../../server/recipe-findings';

const FIXTURES = join(__dirname, '../fixtures');
const read = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
const analyze = (text: string, path: string): FileAnalysis => analyzeText(text, path, { snr: 0 });
const codes = (a: FileAnalysis): string[] => a.findings.map((f) => f.code);
const RECIPE_CODES: string[] = Object.values(CODES);

describe('weight-norm-shrinks-at-end', () => {
  it.each(['corpus/gpt-neox/125M.yml', 'corpus/nanogpt/train_gpt2.py'])('fires on %s (a cosine run many τ long)', (path) => {
    const a = analyze(read(path), path);
    const f = a.findings.find((x) => x.code === CODES.weightNormShrinksAtEnd);
    expect(f?.message).toMatch(/falls to \d+(\.\d+)?% of its peak/);
    expect(f?.message).toContain('arXiv 2506.02285');
    expect(a.optimizers[0]?.recipe?.weightDecayOverRun?.runOverTau).toBeGreaterThan(3);
  });

  it('names Megatron-LM\'s weight-decay schedule where the framework has one', () => {
    const path = 'heldout-like/megatron-lm/megatron-deepspeed-pretrain_llama2_distributed.sh';
    const f = analyze(read(path), path).findings.find((x) => x.code === CODES.weightNormShrinksAtEnd);
    expect(f?.message).toContain('--weight-decay-incr-style cosine');
  });

  it.each(['corpus/torchtitan/llama3_8b.toml', 'corpus/axolotl/qwen2-muon-pretrain-fsdp2.yaml', 'corpus/nemo/megatron_gpt_config.yaml'])(
    'does not fire on %s (the run is shorter than τ)', (path) => {
      expect(codes(analyze(read(path), path))).not.toContain(CODES.weightNormShrinksAtEnd);
    });
});

describe('weight-decay-timescale', () => {
  it('is quiet where nanoGPT\'s GPT-2 recipe sits within a factor 2 of Power Lines\' optimum', () => {
    const path = 'corpus/nanogpt/train_gpt2.py';
    const a = analyze(`${read(path)}\n# optlens: params=1.24e8\n`, path);
    const t = a.optimizers[0]?.recipe?.timescale;
    expect(t?.guideline).toBe('power-lines');
    expect(t?.verdict).toBe('within');
    expect(codes(a)).not.toContain(CODES.weightDecayTimescale);
  });

  it('fires, with a one-literal fix, where the same recipe decays 20× too weakly', () => {
    const path = 'corpus/nanogpt/train_gpt2.py';
    const text = `${read(path).replace('weight_decay = 1e-1', 'weight_decay = 5e-3')}\n# optlens: params=1.24e8\n`;
    const a = analyze(text, path);
    const f = a.findings.find((x) => x.code === CODES.weightDecayTimescale);
    expect(f?.message).toMatch(/weight decay barely acts/);
    const fix = f?.fixes?.[0];
    expect(fix?.replacements).toHaveLength(1);
    const fixed = applyReplacements(text, fix?.replacements ?? []);
    expect(analyze(fixed, path).optimizers[0]?.recipe?.timescale.verdict).toBe('within');
    expect(fixed.split('\n').filter((l, i) => l !== text.split('\n')[i])).toHaveLength(1);
  });

  it('says what is missing instead of guessing when the file has no parameter count or dataset size', () => {
    const path = 'corpus/torchtune/llama3_1-8B_full.yaml';
    const t = analyze(read(path), path).optimizers[0]?.recipe?.timescale;
    expect(t?.verdict).toBeNull();
    expect(t?.missing).toContain('the parameter count');
  });
});

describe('batch-not-divisible', () => {
  it('fires when DeepSpeed\'s train_batch_size cannot be formed, quoting DeepSpeed\'s own check', () => {
    // BERT's config: train_batch_size 4096 with 64 per GPU; 4100 is not a multiple of 64.
    const path = 'heldout-like/deepspeed/bing_bert-deepspeed_bsz4096_adam_config.json';
    const a = analyze(read(path).replace('"train_batch_size": 4096', '"train_batch_size": 4100'), path);
    const f = a.findings.find((x) => x.code === CODES.batchNotDivisible);
    expect(f?.severity).toBe('error');
    expect(f?.message).toContain('train_batch_size is not equal to micro_batch_per_gpu');
  });

  it.each(['corpus/deepspeed/imagenet-ds_config.json', 'heldout-like/deepspeed/bing_bert-deepspeed_bsz4096_adam_config.json',
    'corpus/megatron-lm/train_gpt3_175b_distributed.sh'])('does not fire on %s', (path) => {
    expect(codes(analyze(read(path), path))).not.toContain(CODES.batchNotDivisible);
  });
});

describe('warmup checks', () => {
  it('fires when warmup is longer than the run (OLMo\'s test fixture: 10 warmup steps, 4 steps)', () => {
    const path = 'heldout-like/olmo/test_fixtures-reverse_wd.yaml';
    expect(codes(analyze(read(path), path))).toContain(CODES.warmupLongerThanRun);
  });

  it.each(['corpus/gpt-neox/125M.yml', 'corpus/nanogpt/train_gpt2.py', 'corpus/torchtitan/llama3_8b.toml'])('does not fire on %s', (path) => {
    const found = codes(analyze(read(path), path));
    expect(found).not.toContain(CODES.warmupLongerThanRun);
    expect(found).not.toContain(CODES.warmupMostOfRun);
  });
});

describe('beta1-above-sqrt-beta2', () => {
  const path = 'heldout-like/llamafactory/qwen3_full_sft_e1_adamw_torch_betas095.yaml';
  const text = read(path);

  it('does not fire on the usual pair (β1 0.9, β2 0.95: √β2 = 0.975)', () => {
    expect(codes(analyze(text, path))).not.toContain(CODES.beta1AboveSqrtBeta2);
  });

  it('fires at β1 when β1 = 0.99 exceeds √0.95 = 0.975', () => {
    const changed = text.replace('adam_beta1: 0.9', 'adam_beta1: 0.99');
    const a = analyze(changed, path);
    const f = a.findings.find((x) => x.code === CODES.beta1AboveSqrtBeta2);
    expect(f?.line).toBe(50);
    expect(f?.message).toContain('√β2 = 0.975');
  });
});

describe('recipe in the analysis', () => {
  it('every optimizer with a prediction carries a recipe; every recipe finding code is listed', () => {
    const path = 'corpus/gpt-neox/125M.yml';
    const a = analyze(read(path), path);
    for (const opt of a.optimizers) expect(opt.recipe === null).toBe(opt.predictions === null);
    for (const f of a.findings) if (/timescale|shrinks|divisible|warmup-|sqrt-beta2/.test(f.code)) expect(RECIPE_CODES).toContain(f.code);
  });
});

describe('lr-batch-scaling', () => {
  const path = 'corpus/nanogpt/train_gpt2.py';

  it('is quiet on nanoGPT\'s GPT-2 recipe (GPT-3 Small\'s lr at about its batch)', () => {
    const a = analyze(`${read(path)}\n# optlens: params=1.24e8\n`, path);
    expect(a.optimizers[0]?.recipe?.batchScaling?.followsARule).toBe(true);
    expect(codes(a)).not.toContain(CODES.lrBatchScaling);
  });

  it('fires when the same model keeps a 10× smaller lr', () => {
    const a = analyze(`${read(path)}learning_rate = 6e-5\n# optlens: params=1.24e8\n`, path);
    const f = a.findings.find((x) => x.code === CODES.lrBatchScaling);
    expect(f?.message).toContain('GPT-3 Small');
  });
});
