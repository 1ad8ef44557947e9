import { describe, expect, it } from 'vitest';
import { recipeOf } from '../../../core/theory/recipe/index';
import { ASSUMED, bindConfig } from '../../../extension/panel/bind';
import { analysis, optimizer, predictionInput } from '../fixtures';

const written = (value: number | string, line: number, key: string) => ({ value, raw: String(value), key, line, span: { start: 0, end: 1 }, source: 'written' as const });

describe('bindConfig', () => {
  it('takes the values the theory used and says where each came from', () => {
    const o = optimizer({
      hyperparameters: {
        beta1: written(0.9, 18, 'adam_beta1'),
        beta2: { value: 0.999, raw: null, key: null, line: null, span: null, source: 'default', defaultFrom: 'transformers TrainingArguments' },
        globalBatchSize: { value: 512, raw: null, key: null, line: null, span: null, source: 'derived', derivedFrom: ['per_device_train_batch_size', 'gradient_accumulation_steps', 'worldSize'] },
      },
    });
    const bound = bindConfig('file:///ws/hf-sft.yaml', analysis({ optimizers: [o] }), 0);
    expect(bound?.fileName).toBe('hf-sft.yaml');
    expect(bound?.params).toMatchObject({ optimizer: 'adamw', lr: 2e-5, beta1: 0.9, batchSize: 512, noiseScale: 2000, steps: 3000, schedule: 'cosine' });
    expect(bound?.origins.beta1).toEqual({ source: 'written', hyperparameter: 'beta1', line: 18 });
    expect(bound?.origins.beta2).toEqual({ source: 'default', hyperparameter: 'beta2', line: null, detail: 'transformers TrainingArguments' });
    expect(bound?.origins.batchSize).toMatchObject({ source: 'derived', hyperparameter: 'globalBatchSize' });
    expect(bound?.origins.noiseScale).toMatchObject({ source: 'setting', hyperparameter: null });
  });

  it('binds SGD\'s and Muon\'s momentum to the β1 control', () => {
    const o = optimizer({ kind: 'sgd', predictionInput: predictionInput({ optimizer: 'sgd', momentum: 0.8 }), hyperparameters: { momentum: written(0.8, 3, 'momentum') } });
    const bound = bindConfig('file:///a.py', analysis({ optimizers: [o] }), 0);
    expect(bound?.params.beta1).toBe(0.8);
    expect(bound?.origins.beta1).toEqual({ source: 'written', hyperparameter: 'momentum', line: 3 });
  });

  it('marks what the file does not say as assumed', () => {
    const o = optimizer({ predictionInput: predictionInput({ batchSize: null, noiseScale: null, steps: null }) });
    const bound = bindConfig('file:///a.yaml', analysis({ optimizers: [o] }), 0);
    expect(bound?.params).toMatchObject(
      { noiseScale: ASSUMED.noiseScale, batchSize: ASSUMED.noiseScale, steps: ASSUMED.steps });
    expect(bound?.origins.batchSize).toEqual({ source: 'assumed', hyperparameter: null, line: null });
    expect(bound?.origins.noiseScale?.source).toBe('assumed');
    expect(bound?.origins.steps?.source).toBe('assumed');
  });

  it('says how a written value was found, and which family defaults stand in for what nothing gives', () => {
    const via = { rule: 'role', keyPath: 'optimizer.adam_b2', confidence: 'high', reason: '`adam_b2` names β2 inside an optimizer block or call' } as const;
    const o = optimizer({ hyperparameters: { beta2: { ...written(0.95, 4, 'optimizer.adam_b2'), via } } });
    const bound = bindConfig('file:///a.yaml', analysis({ ecosystem: 'generic', ecosystemEvidence: 'none', optimizers: [o] }), 0);
    expect(bound?.origins.beta2?.detail).toBe(
      'Read by its name: `adam_b2` names β2 inside an optimizer block or call (likely; no framework table spells it)');
    expect(bound?.origins.beta1).toEqual({ source: 'assumed', hyperparameter: 'beta1', line: null,
      detail: 'Not in the file: torch.optim.AdamW defaults (PyTorch docs)' });
    // A word the prediction cannot use (DeepSpeed's `auto`) is stood in for as well.
    const auto = optimizer({ hyperparameters: { lr: written('auto', 5, 'optimizer.params.lr') } });
    expect(bindConfig('file:///a.json', analysis({ optimizers: [auto] }), 0)?.origins.lr?.source).toBe('assumed');
  });

  it('a value the run sets is no written value: the control says it starts from the default', () => {
    const lr = { ...written('get_lr()', 4, 'lr'), runtime: { kind: 'call' as const, expression: 'get_lr()' } };
    const bound = bindConfig('file:///a.py', analysis({ optimizers: [optimizer({ hyperparameters: { lr } })] }), 0);
    expect(bound?.origins.lr).toEqual({ source: 'assumed', hyperparameter: 'lr', line: 4,
      detail: "unknown (computed at run time) (get_lr()): the playground starts from the family's default" });
  });

  it('has nothing to bind for an optimizer without a model, or a missing index', () => {
    expect(bindConfig('file:///a.yaml', analysis({ optimizers: [optimizer({ kind: null, predictionInput: null })] }), 0)).toBeNull();
    expect(bindConfig('file:///a.yaml', analysis(), 3)).toBeNull();
  });

  it("carries the server recipe's context and the Muon matrix for the Recipe panel", () => {
    const input = predictionInput({ optimizer: 'muon', shape: [4096, 1024], muonAdjustLr: 'match_rms_adamw' });
    const context = {
      batchSamples: 512, tokensPerStep: 524_288, epochs: null, datasetSamples: null, tokens: 1.6e9, params: 1.2e8,
        provenance: {},
    };
    const o = optimizer({ kind: 'muon', predictionInput: input, recipe: recipeOf(input, context) });
    expect(bindConfig('file:///a.py', analysis({ optimizers: [o] }), 0)?.recipe)
      .toEqual({ context, shape: [4096, 1024], muonAdjustLr: 'match_rms_adamw' });
    expect(bindConfig('file:///a.py', analysis({ optimizers: [optimizer()] }), 0)?.recipe).toBeUndefined();
  });

  it('keeps only the findings of the bound optimizer (and the file-wide ones)', () => {
    const f = (code: string, optimizerIndex?: number) => ({ code, severity: 'warning' as const, message: code, line: 1, span: null, ...(optimizerIndex !== undefined ? { optimizerIndex } : {}) });
    const a = analysis({ optimizers: [optimizer(), optimizer()], findings: [f('file'), f('first', 0), f('second', 1)] });
    expect(bindConfig('file:///a.yaml', a, 1)?.findings.map((x) => x.code)).toEqual(['file', 'second']);
  });
});
