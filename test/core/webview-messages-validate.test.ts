import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPlaygroundParams, validateHostToPlayground, validateHostToReport, validatePlaygroundToHost, validateReportToHost,
} from '../../core/webview-messages-validate';
import type { BoundConfig, PlaygroundParams, ReportDocument } from '../../core/webview-messages';

const params: PlaygroundParams = {
  optimizer: 'adamw', lr: 2e-5, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, batchSize: 512, noiseScale: 2000,
  snr: 0, steps: 3000, schedule: 'cosine', warmupSteps: 100,
};
const config: BoundConfig = {
  uri: 'file:///ws/hf-sft.yaml', fileName: 'hf-sft.yaml', optimizerIndex: 0, optimizerName: 'adamw_torch_fused', params,
  origins: { beta1: { source: 'written', hyperparameter: 'beta1', line: 17 }, beta2: { source: 'default', hyperparameter: 'beta2', line: null, detail: 'transformers TrainingArguments' } },
  findings: [{ code: 'pyyaml-exponent-string', severity: 'warning', message: 'PyYAML reads 2e-5 as a string', line: 15, span: { start: 10, end: 14 },
    fixes: [{ title: 'Write 2.0e-5', replacements: [{ span: { start: 10, end: 14 }, newText: '2.0e-5' }], isPreferred: true }] }],
};
const report: ReportDocument = {
  kind: 'analysis', title: 'hf-sft.yaml', subtitle: 'AdamW', notes: ['β2 < 0.95'], findings: config.findings,
  tables: [{ title: 'Predictions', columns: ['quantity', 'value'], rows: [['update RMS', '0.229']] }],
  charts: [{ id: 'eta-star', title: 'η*(B)', x: { label: 'B', scale: 'log' }, y: { label: 'η*/η*max', scale: 'linear' }, source: 'science.md §3.2',
    markers: [{ x: 180, label: 'Surge peak' }], series: [{ label: 'AdamW', kind: 'theory', points: [{ x: 1, y: 0.1 }, { x: 10, y: 0.5, stderr: 0.01 }] }] }],
};

describe('page → host', () => {
  it('accepts the messages of the contract', () => {
    expect(validatePlaygroundToHost({ type: 'ready' })).toEqual({ type: 'ready' });
    const apply = { type: 'apply', requestId: 3, uri: config.uri, optimizerIndex: 0, param: 'beta1', value: 0.95 };
    expect(validatePlaygroundToHost(apply)).toEqual(apply);
    expect(validatePlaygroundToHost({ type: 'apply', requestId: 4, uri: config.uri, optimizerIndex: 0, param: 'schedule', value: 'linear' })).not.toBeNull();
    expect(validatePlaygroundToHost({ type: 'notify', level: 'error', message: 'WebGL2 lost' })).not.toBeNull();
    for (const section of ['2.4', '3.6a', '8']) {
      const open = { type: 'openScienceReference', section };
      expect(validatePlaygroundToHost(open)).toEqual(open);
      expect(validateReportToHost(open)).toEqual(open);
    }
    expect(validateReportToHost({ type: 'ready' })).toEqual({ type: 'ready' });
    const images = { type: 'chartImages', requestId: 1, images: [{ id: 'eta-star', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }] };
    expect(validateReportToHost(images)).toEqual(images);
  });

  it('rejects forged or malformed messages', () => {
    const apply = { type: 'apply', requestId: 3, uri: config.uri, optimizerIndex: 0, param: 'beta1', value: 0.95 };
    expect(validatePlaygroundToHost({ ...apply, param: '__proto__' })).toBeNull();
    expect(validatePlaygroundToHost({ ...apply, value: Number.NaN })).toBeNull();
    expect(validatePlaygroundToHost({ ...apply, value: { toString: 1 } })).toBeNull();
    expect(validatePlaygroundToHost({ ...apply, requestId: -1 })).toBeNull();
    expect(validatePlaygroundToHost({ ...apply, extra: true })).toBeNull();
    expect(validatePlaygroundToHost({ type: 'notify', level: 'fatal', message: 'x' })).toBeNull();
    expect(validatePlaygroundToHost({ type: 'runCommand', command: 'workbench.action.terminal.new' })).toBeNull();
    for (const forged of [
      { type: 'openScienceReference', section: '2.4', extra: 1 }, { type: 'openScienceReference', section: '§2.4' },
      { type: 'openScienceReference', section: '2.4"><script>' }, { type: 'openScienceReference', section: 24 },
      { type: 'openScienceReference', section: '1.'.repeat(20) + '1' }, { type: 'openScienceReference' },
    ]) {
      expect(validatePlaygroundToHost(forged)).toBeNull();
      expect(validateReportToHost(forged)).toBeNull();
    }
    expect(validatePlaygroundToHost('ready')).toBeNull();
    expect(validateReportToHost({ type: 'chartImages', requestId: 1, images: [{ id: 'x', dataUrl: 'javascript:alert(1)' }] })).toBeNull();
    expect(validateReportToHost({ type: 'chartImages', requestId: 1, images: [{ id: '../../etc/passwd', dataUrl: 'data:image/png;base64,AA==' }] })).toBeNull();
    expect(validateReportToHost({ type: 'chartImages', requestId: 1, images: [{ id: 'x', dataUrl: 'data:image/svg+xml;base64,AA==' }] })).toBeNull();
  });

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.anything(), (v) => {
      validatePlaygroundToHost(v);
      validateReportToHost(v);
      validateHostToPlayground(v);
      validateHostToReport(v);
    }), { numRuns: 2000 });
  });
});

describe('host → page', () => {
  it('accepts the snapshots the host sends', () => {
    expect(validateHostToPlayground({ type: 'bind', config })).not.toBeNull();
    expect(validateHostToPlayground({ type: 'bind', config: null })).not.toBeNull();
    expect(validateHostToPlayground({ type: 'focus', param: 'beta1' })).not.toBeNull();
    expect(validateHostToPlayground({ type: 'applied', requestId: 2, ok: false, message: 'no literal' })).not.toBeNull();
    const simulation = { uri: config.uri, optimizerIndex: 0, backend: 'cpu', steps: 3000, coordinates: 4096,
      updateRms: { predicted: 0.229, simulated: 0.2301, stderr: 0.001 },
        weightRmsAtEnd: { predicted: null, simulated: 0.02, stderr: 0.0002 } };
    expect(validateHostToPlayground({ type: 'simulation', simulation })).not.toBeNull();
    const refusal = { uri: config.uri, optimizerIndex: 0, message: 'this run is 1e12 steps: …' };
    expect(validateHostToPlayground({ type: 'simulationRefused', refusal })).not.toBeNull();
    expect(validateHostToReport({ type: 'report', report })).not.toBeNull();
    expect(validateHostToReport({ type: 'exportCharts', requestId: 7 })).not.toBeNull();
  });

  it('rejects a snapshot with a bad field', () => {
    expect(validateHostToPlayground({ type: 'simulationRefused', refusal: { uri: config.uri, optimizerIndex: -1, message: 'x' } }))
      .toBeNull();
    expect(validateHostToPlayground({ type: 'simulationRefused', refusal: { uri: config.uri, optimizerIndex: 0 } })).toBeNull();
    expect(validateHostToPlayground({ type: 'bind', config: { ...config, params: { ...params, beta1: '0.9' } } })).toBeNull();
    expect(validateHostToPlayground({ type: 'bind', config: { ...config, origins: { alpha: { source: 'written', hyperparameter: null, line: 1 } } } })).toBeNull();
    expect(validateHostToReport({ type: 'report', report: { ...report, charts: [{ ...report.charts[0], id: 'a b' }] } })).toBeNull();
    expect(validateHostToReport({ type: 'report', report: { ...report, kind: 'pdf' } })).toBeNull();
  });

  it('checks playground parameters strictly', () => {
    expect(isPlaygroundParams(params)).toBe(true);
    expect(isPlaygroundParams({ ...params, optimizer: 'adafactor' })).toBe(false);
    expect(isPlaygroundParams({ ...params, steps: Infinity })).toBe(false);
    expect(isPlaygroundParams({ ...params, unknown: 1 })).toBe(false);
    const { lr: _lr, ...withoutLr } = params;
    expect(isPlaygroundParams(withoutLr)).toBe(false);
  });
});
