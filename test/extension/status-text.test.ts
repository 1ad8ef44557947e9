import { describe, expect, it } from 'vitest';
import { headlineOptimizer, pastSurge, statusText } from '../../extension/status-text';
import { analysis, optimizer, prediction, predictionInput } from './fixtures';

describe('statusText', () => {
  it('names the optimizer and the predicted update RMS', () => {
    const s = statusText(analysis({
      optimizers: [optimizer({ predictionInput: predictionInput({ batchSize: 64 }) })] }));
    expect(s.text).toBe('$(graph) AdamW · RMS 0.229');
    expect(s.warning).toBe(false);
    expect(s.tooltip).toContain('update RMS ≈ 0.229');
    expect(s.tooltip).toContain('Surge threshold B = 118; configured batch 64');
  });

  it('warns when the batch is past the Surge threshold', () => {
    const s = statusText(analysis());
    expect(s.text).toBe('$(graph) AdamW · RMS 0.229 · $(warning) Surge');
    expect(s.warning).toBe(true);
    expect(s.tooltip).toContain('configured batch 512 (past it)');
  });

  it('counts warnings when there is no Surge risk', () => {
    const finding = { code: 'pyyaml-string-number', severity: 'warning' as const, message: 'PyYAML reads 2e-5 as a string', line: 17, span: null };
    const s = statusText(analysis({
      optimizers: [optimizer({ predictionInput: predictionInput({ batchSize: 8 }) })], findings: [finding, finding] }));
    expect(s.text).toBe('$(graph) AdamW · RMS 0.229 · $(warning) 2');
    expect(s.tooltip).toContain('2 warnings in this file');
  });

  it('falls back to the name as written for an optimizer the core cannot model', () => {
    const s = statusText(analysis({ optimizers: [optimizer({ kind: null, name: 'adafactor', predictions: null, predictionInput: null })] }));
    expect(s.text).toBe('$(graph) adafactor');
    expect(s.tooltip).toContain('cannot model');
  });

  it('says so when a file has no optimizer', () => {
    expect(statusText(analysis({ optimizers: [] })).text).toBe('$(graph) OptLens: no optimizer');
  });
});

describe('the framework in the status bar', () => {
  const signals = [{ kind: 'key', text: 'stage' }, { kind: 'key', text: 'cutoff_len' }] as const;
  const batch64 = [optimizer({ predictionInput: predictionInput({ batchSize: 64 }) })];

  it('leaves a recognised framework out of the text and gives its evidence in the tooltip', () => {
    const s = statusText(analysis({ optimizers: batch64, ecosystem: 'llamafactory', ecosystemName: 'LLaMA-Factory',
      ecosystemEvidence: 'content', ecosystemSignals: [...signals] }));
    expect(s.text).toBe('$(graph) AdamW · RMS 0.229');
    expect(s.tooltip.split('\n')[1]).toBe('Looks like LLaMA-Factory (keys: `stage`, `cutoff_len`).');
  });

  it('marks a guess in the text and says what it rests on', () => {
    const s = statusText(analysis({ optimizers: batch64, ecosystem: 'llamafactory', ecosystemName: 'LLaMA-Factory',
      ecosystemEvidence: 'filename', ecosystemSignals: [{ kind: 'file-name', text: 'the file name' }] }));
    expect(s.text).toBe('$(graph) AdamW · RMS 0.229 · LLaMA-Factory?');
    expect(s.tooltip).toContain('A guess: LLaMA-Factory, from the file name.');
  });

  it('marks a near tie of the content as a guess, naming the framework that fits nearly as well', () => {
    const s = statusText(analysis({ optimizers: batch64, ecosystem: 'trl', ecosystemName: 'TRL / alignment-handbook',
      ecosystemEvidence: 'close', ecosystemSignals: [{ kind: 'key', text: 'packing' }],
      ecosystemNearTie: { score: 9, rivals: [{ id: 'huggingface', name: 'Hugging Face Trainer', score: 8 }] } }));
    expect(s.text).toBe('$(graph) AdamW · RMS 0.229 · TRL / alignment-handbook?');
    expect(s.tooltip).toContain('Hugging Face Trainer fits nearly as well (8 against 9)');
  });

  it('without a framework, says values were read by name and which defaults the prediction assumed', () => {
    const s = statusText(analysis({ optimizers: batch64, ecosystem: 'generic', ecosystemEvidence: 'none' }));
    expect(s.text).toBe('$(graph) AdamW · RMS 0.229 · no framework');
    expect(s.tooltip).toContain('No framework recognised: each value is read by what its name means.');
    expect(s.tooltip).toContain('β1 `0.9`');
    expect(s.tooltip).toContain('from torch.optim.AdamW defaults (PyTorch docs).');
  });
});

describe('headlineOptimizer and pastSurge', () => {
  it('prefers the first optimizer with predictions', () => {
    const unknown = optimizer({ kind: null, name: 'custom', predictions: null });
    const muon = optimizer({ kind: 'muon', name: 'muon' });
    expect(headlineOptimizer(analysis({ optimizers: [unknown, muon] }))?.name).toBe('muon');
  });

  it('needs both a threshold and a batch', () => {
    expect(pastSurge(optimizer({ predictionInput: predictionInput({ batchSize: null }) }))).toBe(false);
    expect(pastSurge(optimizer({ predictions: prediction(
      { surge: { threshold: null, thresholdRatio: null, peakBatch: null, etaStarRelative: null,
        lossDecreaseRelative: null } }) }))).toBe(false);
    expect(pastSurge(optimizer())).toBe(true);
  });
});
