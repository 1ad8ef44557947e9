/**
 * Warmup written as a share of the run (HF `warmup_ratio`, Megatron `--lr-warmup-fraction`, gpt-neox `warmup`,
 * `warmup_steps_fraction`): steps derived from the run length when it is known, else the fraction kept in its unit;
 * a written step count wins (server/extract/batch.ts deriveWarmup, the ecosystem tables' warmupSteps spellings).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { hyperparameterEdit } from '../../../server/edits';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const CORPUS = join(__dirname, '../../fixtures/corpus');
const fixture = (path: string) => readFileSync(join(__dirname, '../../fixtures', path), 'utf8');

interface Extra { value: number; line: number; raw: string; key: string }
const manifest = JSON.parse(readFileSync(join(CORPUS, 'MANIFEST.json'), 'utf8')) as {
  entries: { file: string; extras?: Record<string, Extra> }[];
};
const fractions = manifest.entries.flatMap((e) => Object.entries(e.extras ?? {})
  .filter(([name]) => /warmup.*(ratio|fraction)/.test(name))
  .map(([, extra]) => ({ file: e.file, extra })));

describe('every warmup fraction annotated in the corpus is read', () => {
  test('the corpus annotates several', () => expect(fractions.length).toBeGreaterThanOrEqual(4));

  test.each(fractions)('$file', ({ file, extra }) => {
    const w = value(extract(readFileSync(join(CORPUS, file), 'utf8'), file), 'warmupSteps');
    if (w?.source === 'derived') {
      expect(w.derivedFrom?.[0]).toContain(extra.key.replace(/^-+/, ''));
      expect(Number.isInteger(w.value) && Number(w.value) > 0).toBe(true);
    } else {
      expect(w).toMatchObject({ source: 'written', unit: 'fraction', value: extra.value, line: extra.line, raw: extra.raw });
    }
  });
});

describe('real configs', () => {
  test('Megatron: --lr-warmup-fraction × --lr-decay-iters (Megatron takes the decay length, not --train-iters)', () => {
    const gpt3 = extract(fixture('corpus/megatron-lm/train_gpt3_175b_distributed.sh'), 'train.sh');
    expect(value(gpt3, 'warmupSteps')).toMatchObject({
      value: 430, source: 'derived', derivedFrom: ['--lr-warmup-fraction', '--lr-decay-iters'], line: null });
    const bert = extract(fixture('heldout-like/megatron-lm/train_bert_340m_distributed.sh'), 'train.sh');
    expect(value(bert, 'warmupSteps')).toMatchObject({ value: 9900, source: 'derived' });
  });

  test('a run in epochs keeps the fraction, visibly, at its line', () => {
    const x = extract(fixture('corpus/llamafactory/qwen3_lora_sft.yaml'), 'qwen3_lora_sft.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 0.1, raw: '0.1', line: 35, unit: 'fraction', source: 'written' });
    const trl = extract(fixture('heldout-like/trl/alignment-handbook-smollm-sft-config.yaml'), 'config.yaml');
    expect(value(trl, 'warmupSteps')).toMatchObject({ value: 0.1, line: 107, unit: 'fraction' });
    const swift = extract(fixture('configs/dev/ms-swift/caption.sh'), 'caption.sh');
    expect(value(swift, 'warmupSteps')).toMatchObject({ value: 0.05, line: 29, unit: 'fraction' });
  });

  test('a written warmup_steps wins over warmup_ratio (TrainingArguments: "Overrides any effect of warmup_ratio")', () => {
    const x = extract(fixture('configs/dev/paddlenlp/pretrain_argument.json'), 'pretrain_argument.json');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 30, line: 20, source: 'written' });
    expect(value(x, 'warmupSteps')?.unit).toBeUndefined();
    const nemo = extract(fixture('configs/dev/nemo1/conformer_ctc_bpe.yaml'), 'conformer_ctc_bpe.yaml');
    expect(value(nemo, 'warmupSteps')).toMatchObject({ value: 10000, line: 190, source: 'written' });
  });
});

describe('inline', () => {
  const hf = 'model_name_or_path: x\nper_device_train_batch_size: 4\nlearning_rate: 2.0e-5\nlr_scheduler_type: cosine\n';

  test('HF: ⌈warmup_ratio × max_steps⌉, derived from the ratio and the steps', () => {
    const x = extract(`${hf}max_steps: 1000\nwarmup_ratio: 0.0333\n`, 'sft.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 34, source: 'derived', derivedFrom: ['warmup_ratio', 'steps'] });
  });

  test('HF: written warmup_steps is kept, the ratio beside it is not used', () => {
    const x = extract(`${hf}max_steps: 1000\nwarmup_steps: 100\nwarmup_ratio: 0.5\n`, 'sft.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 100, raw: '100', source: 'written' });
  });

  test('max_steps: -1 (train by epochs) is no run length: the fraction stays', () => {
    const x = extract(`${hf}max_steps: -1\nnum_train_epochs: 3\nwarmup_ratio: 0.1\n`, 'sft.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 0.1, unit: 'fraction', source: 'written' });
  });

  test('generic warmup_steps_fraction and a shell --warmup_ratio', () => {
    const yaml = 'optimizer:\n  name: adamw\n  lr: 1.0e-3\nmax_steps: 2000\nwarmup_steps_fraction: 0.05\n';
    expect(value(extract(yaml, 'train.yaml'), 'warmupSteps')).toMatchObject({ value: 100, source: 'derived' });
    const sh = 'python train.py --learning_rate 1e-4 --max_steps 500 --warmup_ratio 0.1\n';
    expect(value(extract(sh, 'run.sh'), 'warmupSteps')).toMatchObject({ value: 50, source: 'derived' });
  });

  test('a fraction above 1 is never turned into steps', () => {
    const x = extract(`${hf}max_steps: 1000\nwarmup_ratio: 3\n`, 'sft.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 3, unit: 'fraction', source: 'written' });
  });
});

test('editing a kept fraction writes a fraction, not a step count rounded into it', () => {
  const text = 'model_name_or_path: x\nlearning_rate: 2.0e-5\nnum_train_epochs: 3\nwarmup_ratio: 0.1\n';
  const analysis = analyzeText(text, 'sft.yaml', {});
  expect(hyperparameterEdit(analysis, text, 0, 'warmupSteps', 0.05)).toMatchObject({ replacements: [{ newText: '0.05' }] });
  expect(hyperparameterEdit(analysis, text, 0, 'warmupSteps', 100)).toMatchObject({ message: /fraction of the run/ });
});
