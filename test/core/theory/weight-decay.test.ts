import { describe, expect, it } from 'vitest';
import {
  decayPerStep, decayRule, decaySeries, equilibriumSteps, isDecoupled, WEIGHT_DECAY_BY_IMPLEMENTATION,
    weightDecaySemanticsOf,
} from '../../../core/theory/weight-decay';

describe('weight-decay semantics', () => {
  it('gives each rule its per-step decay', () => {
    expect(decayPerStep('lr', 5e-4, 1e-3, 0.1)).toBeCloseTo(5e-5, 18);
    expect(decayPerStep('lr-ratio', 5e-4, 1e-3, 0.1)).toBeCloseTo(0.05, 15);
    expect(decayPerStep('lr-squared', 1e-2, 1e-2, 0.1)).toBeCloseTo(1e-5, 18);
    expect(decayPerStep('coupled-l2', 1e-3, 1e-3, 0.1)).toBe(0);
    expect(decayPerStep('none', 1e-3, 1e-3, 0.1)).toBe(0);
  });

  it('τ = 1/(ηλ) for torch AdamW and 1/λ for Composer, none for coupled L2 or λ = 0', () => {
    expect(equilibriumSteps('lr', 1e-3, 0.1)).toBeCloseTo(10_000, 6);
    expect(equilibriumSteps('lr-ratio', 1e-3, 1e-4)).toBeCloseTo(10_000, 6);
    expect(equilibriumSteps('coupled-l2', 1e-3, 0.1)).toBeNull();
    expect(equilibriumSteps('lr', 1e-3, 0)).toBeNull();
  });

  it('knows the implementations of ecosystem-facts.md, each with a source', () => {
    expect(weightDecaySemanticsOf('torch.optim.AdamW')?.semantics).toBe('lr');
    expect(weightDecaySemanticsOf('torch.optim.Adam')?.semantics).toBe('coupled-l2');
    expect(weightDecaySemanticsOf('composer.optim.DecoupledAdamW')?.semantics).toBe('lr-ratio');
    expect(weightDecaySemanticsOf('modded-nanogpt.Adam')?.semantics).toBe('lr-squared');
    expect(weightDecaySemanticsOf('torch.optim.Muon')?.semantics).toBe('lr');
    expect(weightDecaySemanticsOf('no.such.Optimizer')).toBeNull();
    for (const fact of Object.values(WEIGHT_DECAY_BY_IMPLEMENTATION)) expect(fact.source.length).toBeGreaterThan(10);
  });

  it('only decoupled rules are decoupled', () => {
    expect(isDecoupled('lr') && isDecoupled('lr-ratio') && isDecoupled('lr-squared')).toBe(true);
    expect(isDecoupled('coupled-l2') || isDecoupled('none')).toBe(false);
  });

  it('decaySeries applies decayPerStep at every step', () => {
    const lr = [1e-3, 5e-4, 2e-4, 0];
    for (const semantics of ['lr', 'lr-ratio', 'lr-squared', 'coupled-l2', 'none'] as const) {
      const series = decaySeries(semantics, lr, 1e-3, 0.1);
      lr.forEach((l, i) => expect(series[i]).toBeCloseTo(decayPerStep(semantics, l, 1e-3, 0.1), 18));
    }
  });

  it('decayRule is decayPerStep as δ = perLr·η + perLrSquared·η²', () => {
    for (const semantics of ['lr', 'lr-ratio', 'lr-squared', 'coupled-l2', 'none'] as const) {
      const rule = decayRule(semantics, 1e-3, 0.1);
      for (const lr of [1e-3, 3e-4, 0]) {
        const exact = decayPerStep(semantics, lr, 1e-3, 0.1);
        // Same value up to the rounding of a different operation order (a few ulps).
        expect(Math.abs(lr * (rule.perLr + rule.perLrSquared * lr) - exact)).toBeLessThanOrEqual(4e-16 * exact);
      }
    }
  });
});
