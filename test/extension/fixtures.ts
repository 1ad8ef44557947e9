/** Hand-built analyses for the extension's unit tests (the shapes of core/analysis.ts, with plausible numbers). */
import type { FileAnalysis, OptimizerAnalysis } from '../../core/analysis';
import type { Prediction, PredictionInput } from '../../core/prediction';

export function predictionInput(overrides: Partial<PredictionInput> = {}): PredictionInput {
  return {
    optimizer: 'adamw', lr: 2e-5, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, weightDecaySemantics: 'lr',
    momentum: 0, dampening: 0, nesterov: false, steps: 3000, warmupSteps: 100, schedule: 'cosine', decaySteps: null,
    snr: 0, batchSize: 512, noiseScale: 2000, hessianAlignment: 0, gradNorm: null, params: null, theta0Rms: 0.02,
    shape: null, muonAdjustLr: 'original', fp16: false,
    ...overrides,
  };
}

export function prediction(overrides: Partial<Prediction> = {}): Prediction {
  return {
    updateRms: 0.2294,
    weightRms: { steady: 0.01, atEnd: 0.0195, meanField: null },
    equilibriumSteps: 500000,
    equilibriumFraction: 166.7,
    effectiveBatchMultiplier: 19,
    momentum: { symbol: 'β1', value: 0.9, filter: 'ema' },
    batch: { size: 512, unit: 'samples', globalWritten: true, globalKey: 'global_batch_size', factors: [], missing: null },
    initialWeightRms: { value: 0.02, source: 'table' },
    surge: { threshold: 117.6, thresholdRatio: 0.0588, peakBatch: 180, etaStarRelative: 0.8,
      lossDecreaseRelative: 0.9 },
    epsRegime: { ratio: null, regime: null, fp16Underflow: false },
    sources: { updateRms: 'science.md §1.1' },
    notes: [],
    ...overrides,
  };
}

export function optimizer(overrides: Partial<OptimizerAnalysis> = {}): OptimizerAnalysis {
  return {
    name: 'adamw_torch_fused', kind: 'adamw', implementation: 'torch.optim.AdamW', line: 16, span: { start: 400, end: 417 },
    weightDecaySemantics: 'lr', hyperparameters: {}, predictionInput: predictionInput(), predictions: prediction(), recipe: null,
    ...overrides,
  };
}

export function analysis(overrides: Partial<FileAnalysis> = {}): FileAnalysis {
  return {
    path: '/ws/hf-sft.yaml', format: 'yaml', ecosystem: 'hf-trainer', ecosystemEvidence: 'content',
    optimizers: [optimizer()], findings: [],
    ...overrides,
  };
}
