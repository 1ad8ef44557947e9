/**
 * What the harness's stand-in host sends: a bound config shaped like the one the extension makes for
 * examples/hf-sft.yaml, and a report document whose numbers and curves come from core/theory.
 */
import type { BoundConfig, ReportDocument } from '../../core/webview-messages';
import { noteText } from '../../core/prediction-notes';
import { etaStarVsBatch, predict, updateRmsVsBeta1 } from '../../core/theory/predict';
import { DEFAULT_PARAMS } from '../params';
import { playgroundInput } from '../theory-series';

export function sampleBinding(): BoundConfig {
  return {
    uri: 'file:///workspace/examples/hf-sft.yaml',
    fileName: 'hf-sft.yaml',
    optimizerIndex: 0,
    optimizerName: 'adamw_torch_fused',
    params: { ...DEFAULT_PARAMS, beta2: 0.999, steps: 20000, batchSize: 512, warmupSteps: 200 },
    origins: {
      optimizer: { source: 'written', hyperparameter: null, line: 9 },
      lr: { source: 'written', hyperparameter: 'lr', line: 10 },
      beta1: { source: 'default', hyperparameter: 'beta1', line: null, detail: 'transformers TrainingArguments.adam_beta1 = 0.9' },
      beta2: { source: 'default', hyperparameter: 'beta2', line: null, detail: 'transformers TrainingArguments.adam_beta2 = 0.999' },
      eps: { source: 'default', hyperparameter: 'eps', line: null, detail: 'transformers TrainingArguments.adam_epsilon = 1e-8' },
      weightDecay: { source: 'written', hyperparameter: 'weightDecay', line: 11 },
      batchSize: { source: 'derived', hyperparameter: 'globalBatchSize', line: null, detail: 'microBatchSize × gradAccum × worldSize' },
      noiseScale: { source: 'assumed', hyperparameter: null, line: null },
      snr: { source: 'assumed', hyperparameter: null, line: null },
      steps: { source: 'written', hyperparameter: 'steps', line: 14 },
      schedule: { source: 'written', hyperparameter: 'schedule', line: 13 },
    },
    findings: [],
    // As the server derives it for this run with `# optlens: params=1.5e9` and `# optlens: dataset-size=207865`
    // (Qwen2.5-1.5B on ultrachat_200k): 20,000 steps of 512 sequences of 2,048 tokens.
    recipe: {
      context: {
        batchSamples: 512, tokensPerStep: 512 * 2048, epochs: null, datasetSamples: 207_865,
        tokens: 20_000 * 512 * 2048, params: 1.5e9, provenance: { tokens: '20000 steps × 1048576 tokens per step', params: '`# optlens:` comment' },
      },
      shape: null,
      muonAdjustLr: 'original',
    },
  };
}

const logspace = (from: number, to: number, n: number) =>
  Array.from({ length: n }, (_, i) => from * (to / from) ** (i / (n - 1)));

export function sampleReport(): ReportDocument {
  const binding = sampleBinding();
  const { input } = playgroundInput(binding.params);
  const p = predict(input);
  const betas = Array.from({ length: 100 }, (_, i) => (0.999 * i) / 99);
  const batches = logspace(1, 1e6, 100);
  const eta = etaStarVsBatch(input, batches);
  const row = (name: string, value: number | null, key: string) => [name, value === null ? '—' : String(Number(value.toPrecision(4))), p.sources[key] ?? ''];
  return {
    kind: 'analysis',
    title: 'OptLens report: hf-sft.yaml',
    subtitle: 'AdamW (adamw_torch_fused), transformers Trainer',
    tables: [
      { title: 'Predictions', columns: ['quantity', 'value', 'source'], rows: [
        row('update RMS', p.updateRms, 'updateRms'),
        row('weight RMS (steady)', p.weightRms.steady, 'weightRms.steady'),
        row('weight RMS at the end', p.weightRms.atEnd, 'weightRms.atEnd'),
        row('Surge threshold (batch)', p.surge.threshold, 'surge.threshold'),
      ] },
    ],
    charts: [
      {
        id: 'update-rms', title: 'Update RMS vs β1', x: { label: 'β1', scale: 'linear' }, y: { label: 'update RMS', scale: 'linear' },
        series: [{ label: 'formula', kind: 'theory', points: betas.map((x, i) => ({ x, y: updateRmsVsBeta1(betas, input.snr)[i] ?? 0 })) }],
        markers: [{ x: input.beta1, label: `β1 = ${input.beta1}` }], source: 'science.md §1.1',
      },
      {
        id: 'eta-star', title: 'η*(B) relative to its maximum', x: { label: 'batch size', scale: 'log' }, y: { label: 'η*/max', scale: 'linear' },
        series: eta ? [
          { label: 'AdamW', kind: 'theory', points: batches.map((x, i) => ({ x, y: eta.optimizer[i] ?? 0 })) },
          { label: 'SGD', kind: 'theory', points: batches.map((x, i) => ({ x, y: eta.sgd[i] ?? 0 })) },
        ] : [],
        markers: [...(eta?.peakBatch ? [{ x: eta.peakBatch, label: 'Surge peak' }] : []), { x: binding.params.batchSize, label: 'your batch' }],
        source: 'science.md §3.2',
      },
    ],
    findings: [{ code: 'surge-risk', severity: 'warning', message: 'The global batch (512) is past the Surge peak: a larger batch wants a smaller learning rate.', line: 6, span: null }],
    notes: p.notes.map((n) => noteText(n, 'editor')),
  };
}
