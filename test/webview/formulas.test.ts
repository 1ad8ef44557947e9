import { describe, expect, it } from 'vitest';
import { agreement, agreementText } from '../../core/sim/agreement';
import type { SimulatedSeries } from '../../webview/experiments';
import { formulaCard, mergeSources, monteCarloPeak, simulationLine, texNumber, textNumber, valueWithError } from '../../webview/formulas';
import { DEFAULT_PARAMS, predictionInputOf } from '../../webview/params';
import { theoryCurves } from '../../webview/theory-series';

const blog = { ...DEFAULT_PARAMS, optimizer: 'adamw' as const, beta1: 0.9, lr: 1e-3, weightDecay: 0.1, noiseScale: 1000, snr: 0 };

describe('formula cards', () => {
  it('substitute the current numbers into Adam’s update RMS (science.md §1.1)', () => {
    const card = formulaCard('update-rms', theoryCurves(blog));
    const tex = card.tex.join(' ');
    expect(tex).toContain('\\frac{1-0.9}{1+0.9}=0.0526');
    expect(tex).toContain('=0.229');
    expect(card.source).toContain('science.md §1.1');
  });

  it('follow a slider: β1 = 0.95 gives k = 0.0256 and 0.16', () => {
    const tex = formulaCard('update-rms', theoryCurves({ ...blog, beta1: 0.95 })).tex.join(' ');
    expect(tex).toContain('=0.0256');
    expect(tex).toContain('=0.16');
  });

  it('give the weight-RMS equilibrium √(η/2λ) = 0.0707 and τ = 10⁴ steps (§2.1, §2.2)', () => {
    const card = formulaCard('weight-rms', theoryCurves(blog));
    expect(card.tex.join(' ')).toContain('=0.0707');
    expect(card.tex.join(' ')).toContain('10000\\text{ steps}');
    expect(card.source).toMatch(/§2\.[12]/);
  });

  it('show sign types above SNR 0 by §2.6\'s exact Gaussian form, with the prediction\'s own number', () => {
    const curves = theoryCurves({ ...blog, optimizer: 'signsgdm', snr: 0.1 });
    const card = formulaCard('weight-rms', curves);
    const tex = card.tex.join(' ');
    expect(card.source).toContain('§2.6');
    expect(tex).toContain('\\operatorname{erf}');
    expect(tex).not.toContain('\\mathrm{SNR}+\\eta\\lambda/2'); // the linear (Adam, SGD) form
    const steady = curves.prediction.weightRms.steady ?? NaN;
    expect(tex).toContain(`=${texNumber(steady)}`);
    // The numbers the card substitutes give its result (each shown to 3 digits).
    const shown = (name: string) => {
      const m = new RegExp(`${name}=(-?[\\d.]+)(?:\\\\times10\\^\\{(-?\\d+)\\})?`).exec(tex);
      return m ? Number(m[1]) * 10 ** Number(m[2] ?? 0) : NaN;
    };
    const [mean, L, eta, delta] = [shown('\\\\mathbb\\{E\\}\\[u\\]'), shown('L\\(\\\\beta_3\\)'), shown('\\\\eta'),
      shown('1/\\\\tau')];
    expect(mean).toBeGreaterThan(0);
    const squared = (mean * eta / delta) ** 2 + eta ** 2 / (1 - (1 - delta) ** 2) * L;
    expect(Math.sqrt(squared) / steady).toBeCloseTo(1, 2);
    // At SNR 0 the mean vanishes and §2.5's arcsine law is the whole story.
    expect(formulaCard('weight-rms', theoryCurves({ ...blog, optimizer: 'signsgdm' })).tex.join(' ')).toContain('\\arcsin');
  });

  it('show Muon\'s weight RMS by §2.7 (update RMS, the discounted L), not the linear form', () => {
    const curves = theoryCurves({ ...blog, optimizer: 'muon' });
    const card = formulaCard('weight-rms', curves);
    const tex = card.tex.join(' ');
    expect(card.source).toContain('§2.7');
    expect(tex).not.toContain('\\mathrm{SNR}+\\eta\\lambda/2');
    const steady = curves.prediction.weightRms.steady ?? NaN;
    expect(tex).toContain(`=${texNumber(steady)}`);
    const shown = (name: string) => Number(new RegExp(`${name}=(-?[\\d.]+)`).exec(tex)?.[1] ?? NaN);
    const [rms, L, eta] = [shown('\\\\mathrm\\{RMS\\}\\(u\\)'), shown('L\\(\\\\beta_3\\)'), shown('\\\\eta')];
    const delta = 1 / (curves.prediction.equilibriumSteps ?? NaN);
    expect(Math.sqrt(rms ** 2 * eta ** 2 / (1 - (1 - delta) ** 2) * L) / steady).toBeCloseTo(1, 2);
  });

  it('show Muon\'s update RMS with the configured lr scale and the Newton–Schulz gain, multiplying out to it', () => {
    for (const muonAdjustLr of ['original', 'match_rms_adamw'] as const) {
      const base = predictionInputOf({ ...blog, optimizer: 'muon' });
      const curves = theoryCurves({ ...blog, optimizer: 'muon', base: { ...base, shape: [3072, 768], muonAdjustLr } });
      const tex = formulaCard('update-rms', curves).tex.join(' ');
      const factors = /=\\frac\{([\d.]+)\}\{\\sqrt\{(\d+)\}\}\\cdot([\d.]+)/.exec(tex) ?? [];
      const [scale, root, gain] = factors.slice(1).map(Number);
      const rule = muonAdjustLr === 'original' ? '\\sqrt{\\max(1,m/n)}' : '0.2\\sqrt{\\max(m,n)}';
      expect(tex, muonAdjustLr).toContain(rule);
      expect(root).toBe(3072);
      const rms = curves.prediction.updateRms ?? NaN;
      expect(tex).toContain(`=${texNumber(rms)}`);
      expect((scale * gain) / Math.sqrt(root) / rms, muonAdjustLr).toBeCloseTo(1, 2);
    }
  });

  it('give the Surge threshold 0.0588·B_simple = 58.8 at β1 = 0.9 (§3.2)', () => {
    const card = formulaCard('surge', theoryCurves(blog));
    expect(card.tex.join(' ')).toContain('=58.8');
    expect(card.source).toContain('§3.2');
  });

  it('say that SGD has no Surge and that ε does not enter Lion', () => {
    expect(formulaCard('surge', theoryCurves({ ...blog, optimizer: 'sgd' })).tex.join(' ')).toContain('no Surge');
    expect(formulaCard('eps', theoryCurves({ ...blog, optimizer: 'lion' })).tex.join(' ')).toContain('does not enter');
  });

  it('note when the gradient scale behind ε was assumed', () => {
    expect(formulaCard('eps', theoryCurves(blog)).notes[0]).toMatch(/g = 1 is assumed/);
    expect(formulaCard('eps', theoryCurves({ ...blog, gradNorm: 1, params: 1e6 })).notes.some((n) => n.includes('assumed'))).toBe(false);
  });

  it('write numbers for TeX and for text', () => {
    expect(texNumber(1.2e-4)).toBe('1.2\\times10^{-4}');
    expect(texNumber(0.22941, 4)).toBe('0.2294');
    expect(texNumber(null)).toBe('\\text{n/a}');
    expect(textNumber(0.229123)).toBe('0.229');
    expect(textNumber(1876.3565924922802)).toBe('1880');
    expect(textNumber(4e-4, 2)).toBe('4e-4');
    expect(valueWithError(0.22912, 0.00041)).toBe('0.2291 ± 0.0004');
    expect(valueWithError(0.04952, 0.00074)).toBe('0.0495 ± 0.0007');
    expect(valueWithError(2.5e-5, 1e-6)).toBe('2.5e-5 ± 1e-6');
  });
});

describe('simulation lines', () => {
  const curves = theoryCurves(blog);
  const formula = curves.prediction.updateRms ?? NaN;
  const sim = (y: number, stderr: number): SimulatedSeries => ({ updateRms: [{ x: 0.9, y, stderr }], weightRms: null, surge: [], eps: [], backend: 'cpu-worker' });

  it('put the simulation next to the formula with the gap', () => {
    const line = simulationLine('update-rms', curves, sim(0.2291, 0.0004));
    expect(line?.text).toBe(`β1 = 0.9: simulated 0.2291 ± 0.0004 vs formula ${textNumber(formula)}: ${agreementText(agreement(0.2291, 0.0004, formula, 0.03))}`);
    expect(line?.text).toMatch(/: agrees \(/);
    expect(line?.agrees).toBe(true);
  });

  it('"agrees" needs both 3 standard errors and the stated model error (core/sim/agreement.ts)', () => {
    expect(simulationLine('update-rms', curves, sim(formula * 1.1, 0.001))?.agrees).toBe(false);
    // Within the noise but the noise is wider than the model error: not painted as agreement.
    expect(simulationLine('update-rms', curves, sim(formula * 1.1, 0.01))?.agrees).toBe(false);
    // The case: 1.4% off at 30 standard errors is a model error, shown with its size.
    const line = simulationLine('update-rms', curves, sim(formula * 0.986, 0.0001));
    expect(line?.agrees).toBe(false);
    expect(line?.text).toMatch(/off by −1\.4%, \d+\.\d standard errors: a real gap, within the formula's stated model error ±3\.0%/);
  });

  it('stay empty before any simulation', () => {
    expect(simulationLine('update-rms', curves, null)).toBeNull();
    expect(simulationLine('weight-rms', curves, sim(0.2, 0.01))).toBeNull();
  });
});

describe('sources and Monte Carlo peaks', () => {
  it('merge science.md sections and keep other references once', () => {
    expect(mergeSources(['science.md §2.1, §2.2', 'science.md §2.4', 'science.md §2.1 (τ = 1/(decay per step))'])).toBe('science.md §2.1, §2.2, §2.4; (τ = 1/(decay per step))');
    expect(mergeSources(['science.md §1.3; pytorch/pytorch#26218'])).toBe('science.md §1.3; pytorch/pytorch#26218');
    expect(mergeSources(['science.md §3.2, §3.6 b'])).toBe('science.md §3.2, §3.6 b');
    expect(mergeSources([])).toBe('science.md');
  });

  it('find the vertex of a parabola in log B through the highest simulated point', () => {
    // y = 1 − (ln x − ln 0.06)² sampled at 0.01, 0.03, 0.1, 0.3: the vertex is exactly 0.06.
    const f = (x: number) => 1 - (Math.log(x) - Math.log(0.06)) ** 2;
    expect(monteCarloPeak([0.01, 0.03, 0.1, 0.3].map((x) => ({ x, y: f(x) })))).toBeCloseTo(0.06, 10);
    expect(monteCarloPeak([{ x: 1, y: 0.1 }, { x: 10, y: 0.5 }])).toBeNull();
    expect(monteCarloPeak([{ x: 1, y: 1 }, { x: 10, y: 0.5 }])).toBe(1);
    expect(monteCarloPeak([])).toBeNull();
  });
});
