/**
 * A check computed from a hyperparameter never reads the default that stands in for a value the run sets: the same
 * file with the value written as a literal gets the finding, and with the value set at run time it does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../core/analysis';
import { analyzeText } from '../../server/analyze';
import { PREDICTION_FINDING_CODES } from '../../server/prediction-findings';
import { RECIPE_FINDING_CODES as CODES } from '../../server/recipe-findings';

const analyze = (text: string, path: string): FileAnalysis => analyzeText(text, path, { snr: 0 });
const codes = (a: FileAnalysis): string[] => a.findings.map((f) => f.code);
const NANOGPT = readFileSync(join(__dirname, '../fixtures/corpus/nanogpt/train_gpt2.py'), 'utf8');
const PARAMS = '# optlens: params=1.24e8\n';

const adamw = (betas: string): string =>
  `import torch\nopt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=${betas}, weight_decay=0.1)\n`;

const yamlRun = (values: { lr: string; weightDecay: string; warmup: string }): string =>
  `optimizer:\n  name: adamw\n  lr: ${values.lr}\n  weight_decay: ${values.weightDecay}\n  betas: [0.9, 0.95]\n`
  + `train:\n  global_batch_size: 64\n  max_steps: 1000\n  warmup_steps: ${values.warmup}\n`;

describe('recipe checks and a value the run sets', () => {
  it('beta1-above-sqrt-beta2: the β1 the run sets is not compared with √β2 (its stand-in 0.9 is above √0.8)', () => {
    expect(codes(analyze(adamw('(0.9, 0.8)'), 'train.py'))).toContain(CODES.beta1AboveSqrtBeta2);
    const a = analyze(adamw('(get_b1(), 0.8)'), 'train.py');
    expect(codes(a)).toEqual(['value-set-at-run-time']);
  });

  it('beta1-above-sqrt-beta2: nor the β2 the run sets (its stand-in 0.999 has √β2 below β1 = 0.9999)', () => {
    expect(codes(analyze(adamw('(0.9999, 0.999)'), 'train.py'))).toContain(CODES.beta1AboveSqrtBeta2);
    expect(codes(analyze(adamw('(0.9999, get_b2())'), 'train.py'))).not.toContain(CODES.beta1AboveSqrtBeta2);
  });

  it('lr-batch-scaling: no verdict on an lr the run sets (the stand-in 0.001 follows no rule at this batch)', () => {
    const literal = analyze(`${NANOGPT}learning_rate = 6e-5\n${PARAMS}`, 'train.py');
    expect(codes(literal)).toContain(CODES.lrBatchScaling);
    const runtime = analyze(`${NANOGPT}learning_rate = get_lr()\n${PARAMS}`, 'train.py');
    expect(runtime.optimizers[0]?.hyperparameters.lr?.runtime?.expression).toBe('get_lr()');
    expect(codes(runtime)).not.toContain(CODES.lrBatchScaling);
  });

  it('weight-decay-timescale: τ = 1/(ηλ) is not formed from a stand-in lr', () => {
    expect(codes(analyze(`${NANOGPT}learning_rate = 6e-5\n${PARAMS}`, 'train.py'))).toContain(CODES.weightDecayTimescale);
    expect(codes(analyze(`${NANOGPT}learning_rate = get_lr()\n${PARAMS}`, 'train.py')))
      .not.toContain(CODES.weightDecayTimescale);
  });

  it('warmup-most-of-run: a warmup the run sets is not weighed against the run', () => {
    const literal = analyze(yamlRun({ lr: '0.001', weightDecay: '0.1', warmup: '900' }), 'config.yaml');
    expect(codes(literal)).toContain(CODES.warmupMostOfRun);
    const runtime = analyze(yamlRun({ lr: '0.001', weightDecay: '0.1', warmup: '${oc.env:WARMUP}' }), 'config.yaml');
    expect(codes(runtime)).not.toContain(CODES.warmupMostOfRun);
  });

  it('equilibrium-longer-than-run: τ is not formed from a stand-in λ', () => {
    const literal = analyze(yamlRun({ lr: '0.001', weightDecay: '0.00001', warmup: '10' }), 'config.yaml');
    expect(codes(literal)).toContain(PREDICTION_FINDING_CODES.equilibriumLongerThanRun);
    const runtime = analyze(yamlRun({ lr: '0.001', weightDecay: '${oc.env:WD}', warmup: '10' }), 'config.yaml');
    expect(codes(runtime)).not.toContain(PREDICTION_FINDING_CODES.equilibriumLongerThanRun);
  });
});
