/**
 * `beta-out-of-range`: β1, β2 and momentum must lie in [0, 1): at 1 the moment never forgets (Adam divides
 * by 1 − β^t = 0 at β = 1), above 1 it grows without bound, below 0 it oscillates. torch.optim raises
 * "Invalid beta parameter"; other implementations run and diverge.
 */
import type { Finding, HyperparameterName } from '../../../core/hyperparams';
import { torchRejections } from '../../../core/theory/torch-rejects';
import { findingAt, show, type Trap } from './context';

const MOMENTA: HyperparameterName[] = ['beta1', 'beta2', 'momentum'];

export const betaRange: Trap = (ctx) => {
  const findings: Finding[] = [];
  const seen = new Set<number>();
  ctx.optimizers.forEach(({ optimizer }, optimizerIndex) => {
    for (const name of MOMENTA) {
      const v = optimizer.hyperparameters[name];
      if (!v || v.source !== 'written' || typeof v.value !== 'number' || !v.span) continue;
      if (v.value >= 0 && v.value < 1) continue;
      if (seen.has(v.span.start)) continue;
      seen.add(v.span.start);
      // PyTorch's own words where its optimizer checks this (core/theory/torch-rejects.ts).
      const torch = optimizer.kind ? torchRejections({ optimizer: optimizer.kind, [name]: v.value }).find(
        (r) => r.field === name) : undefined;
      const refusal = torch ? `PyTorch refuses it: ValueError: ${torch.message}.` : 'torch.optim rejects it.';
      findings.push(
        findingAt(ctx, { code: 'beta-out-of-range', severity: 'error', optimizerIndex, message: `${name} = ${show(v.value)} is outside [0, 1): the moving average ${v.value >= 1 ? 'never decays and grows without bound' : 'flips sign every step'}; ${refusal}` }, v.span),
      );
    }
  });
  return findings;
};
