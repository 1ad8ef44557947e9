/**
 * `rejected-by-torch`: a written value PyTorch's optimizer refuses at construction (a negative learning rate,
 * ε or weight decay), as an error at the value with PyTorch's own message (core/theory/torch-rejects.ts). The
 * run would stop before its first step, so the optimizer gets no prediction (server/analyze.ts). β and momentum
 * outside [0, 1) are beta-out-of-range's (which quotes the same messages); JAX ecosystems are not torch.optim.
 */
import type { Finding, HyperparameterName } from '../../../core/hyperparams';
import { torchRejections, type TorchField } from '../../../core/theory/torch-rejects';
import { findingAt, type Trap } from './context';

export const REJECTED_BY_TORCH = 'rejected-by-torch';

/** Ecosystems whose optimizers are not torch.optim classes (optax): PyTorch's checks do not apply. */
const NOT_TORCH: ReadonlySet<string> = new Set(['optax', 'maxtext']);

/** The fields this trap reports (the rest are beta-range's), and the extracted hyperparameter behind each. */
const REPORTED: Partial<Record<TorchField, HyperparameterName>> = { lr: 'lr', eps: 'eps', weightDecay: 'weightDecay' };

export const torchRejects: Trap = (ctx) => {
  if (NOT_TORCH.has(ctx.table.id)) return [];
  const findings: Finding[] = [];
  ctx.optimizers.forEach(({ optimizer }, optimizerIndex) => {
    if (optimizer.kind === null) return;
    const hp = optimizer.hyperparameters;
    const written = (name: HyperparameterName) => {
      const v = hp[name];
      return v && v.source === 'written' && typeof v.value === 'number' ? v.value : undefined;
    };
    const args = { optimizer: optimizer.kind, lr: written('lr'), eps: written('eps'), weightDecay: written('weightDecay') };
    for (const r of torchRejections(args)) {
      const name = REPORTED[r.field];
      const v = name ? hp[name] : undefined;
      if (!name || !v?.span) continue;
      findings.push(findingAt(ctx, {
        code: REJECTED_BY_TORCH,
        severity: 'error',
        optimizerIndex,
        message: `PyTorch refuses this ${optimizer.name} before the first step: ValueError: ${r.message}. Nothing is predicted for it.`,
      }, v.span));
    }
  });
  return findings;
};
