import { describe, expect, it } from 'vitest';
import { emaFilter, torchSgdFilter } from '../../../core/theory/momentum';
import { muonLrScale, muonUpdateRms, orthogonalEntryRms } from '../../../core/theory/muon';
import { adamUpdateRms, biasCorrectedNoiseFactor, emaNoiseFactor, sgdUpdateRms, SIGN_UPDATE_RMS } from '../../../core/theory/update-rms';

describe('Adam update RMS (science.md §1.1–§1.3)', () => {
  it('√k at SNR 0: 0.229 at β1 = 0.9, 0.160 at β1 = 0.95', () => {
    expect(adamUpdateRms({ beta1: 0.9, snr: 0 })).toBeCloseTo(0.229, 3);
    expect(adamUpdateRms({ beta1: 0.95, snr: 0 })).toBeCloseTo(0.160, 3);
  });

  it('(SNR + k)/(SNR + 1): → 1 as SNR → ∞, = 1 at β1 = 0 (no momentum: |g|/√E[g²] has RMS 1)', () => {
    expect(adamUpdateRms({ beta1: 0.9, snr: 3 }) ** 2).toBeCloseTo((3 + 1 / 19) / 4, 12);
    expect(adamUpdateRms({ beta1: 0.9, snr: 1e9 })).toBeCloseTo(1, 6);
    expect(adamUpdateRms({ beta1: 0, snr: 0 })).toBe(1);
  });

  it('bias correction: k_t = k(1+β1^t)/(1−β1^t), 1 at t = 1, → √k', () => {
    expect(biasCorrectedNoiseFactor(0.9, 1)).toBeCloseTo(1, 12);
    expect(biasCorrectedNoiseFactor(0.9, 5)).toBeCloseTo((emaNoiseFactor(0.9) * (1 + 0.9 ** 5)) / (1 - 0.9 ** 5), 12);
    expect(adamUpdateRms({ beta1: 0.9, snr: 0, step: 1 })).toBeCloseTo(1, 12);
    expect(adamUpdateRms({ beta1: 0.9, snr: 0, step: 1000 })).toBeCloseTo(adamUpdateRms({ beta1: 0.9, snr: 0 }), 12);
    const early = [1, 2, 5, 10, 50].map((step) => adamUpdateRms({ beta1: 0.9, snr: 0, step }));
    for (let i = 1; i < early.length; i++) expect(early[i]).toBeLessThan(early[i - 1]);
  });

  it('ε outside the root shrinks the update by 1/(1 + ε/√(μ²+σ²))', () => {
    const plain = adamUpdateRms({ beta1: 0.9, snr: 0.5 });
    expect(adamUpdateRms({ beta1: 0.9, snr: 0.5, epsRatio: 1 })).toBeCloseTo(plain / 2, 12);
    // (μ² + kσ²)/(√(μ²+σ²) + ε)² written out with μ = 0.6, σ = 0.8, ε = 0.3:
    const [mu, sigma, eps, k] = [0.6, 0.8, 0.3, emaNoiseFactor(0.9)];
    const direct = Math.sqrt((mu ** 2 + k * sigma ** 2) / (Math.hypot(mu, sigma) + eps) ** 2);
    expect(adamUpdateRms({ beta1: 0.9, snr: (mu / sigma) ** 2, epsRatio: eps / Math.hypot(mu, sigma) })).toBeCloseTo(
      direct, 12);
  });
});

describe('sign and SGD update RMS (science.md §1.4)', () => {
  it('sign-type updates have RMS exactly 1', () => {
    expect(SIGN_UPDATE_RMS).toBe(1);
  });

  it('SGDM with an EMA: √(μ² + kσ²) in gradient units', () => {
    const [mu, sigma] = [0.3, 2];
    const scale = Math.hypot(mu, sigma);
    const k = emaNoiseFactor(0.9);
    expect(sgdUpdateRms(emaFilter(0.9), (mu / sigma) ** 2, scale)).toBeCloseTo(Math.sqrt(mu ** 2 + k * sigma ** 2), 12);
  });

  it('torch SGD (μ = 0.9, no dampening): mean gain 10, variance gain 1/(1−μ²)', () => {
    expect(sgdUpdateRms(torchSgdFilter(0.9, 0, false), 0, 1)).toBeCloseTo(Math.sqrt(1 / 0.19), 12);
    expect(sgdUpdateRms(torchSgdFilter(0.9, 0, false), 1e12, 1)).toBeCloseTo(10, 4);
  });
});

describe('Muon update RMS (torch adjust_lr_fn)', () => {
  it('original scales lr by √max(1, m/n); match_rms_adamw by 0.2·√max(m, n)', () => {
    expect(muonLrScale([4096, 1024], 'original')).toBe(2);
    expect(muonLrScale([1024, 4096], 'original')).toBe(1);
    expect(muonLrScale([1024, 4096], 'match_rms_adamw')).toBeCloseTo(12.8, 12);
  });

  it('an orthogonal m×n matrix has entry RMS 1/√max(m,n), so match_rms_adamw gives 0.2 for every shape', () => {
    expect(orthogonalEntryRms([256, 1024])).toBeCloseTo(1 / 32, 15);
    for (const shape of [[64, 64], [256, 1024], [4096, 512]] as [number, number][]) {
      expect(muonUpdateRms(shape, 'match_rms_adamw', true)).toBeCloseTo(0.2, 12);
    }
    expect(muonUpdateRms([4096, 1024], 'original', true)).toBeCloseTo(2 / 64, 12);
  });
});
