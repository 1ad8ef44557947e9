/**
 * `eps-fp16-underflow`: ε that the optimizer's own arithmetic rounds to 0. It fires only where √v + ε is
 * really computed in fp16 (true half precision; optimizer-state-precision.ts says, per framework, with
 * sources) and ε ≤ 2⁻²⁵, which fp16 rounds to 0 (core/theory/eps-regime.ts `epsVanishes`: the one rule, also
 * behind the prediction). Mixed precision (DeepSpeed fp16, Megatron --fp16, torch.amp, Lightning 16-mixed)
 * keeps the optimizer state and ε in fp32: no finding there (pytorch#26218 is about fp16 parameters).
 */
import type { Finding } from '../../../core/hyperparams';
import { epsVanishes } from '../../../core/theory/eps-regime';
import { readOptimizerStatePrecision } from '../optimizer-state-precision';
import { findingAt, show, type Trap } from './context';

/** Keras' default, representable in fp16 as a subnormal (≈ 1.19e-7): the smallest common ε that survives. */
const FP16_SAFE_EPS = '1e-7';

export const epsFp16: Trap = (ctx) => {
  const state = readOptimizerStatePrecision(ctx.index, ctx.table.id, ctx.format);
  if (!state) return [];
  const findings: Finding[] = [];
  ctx.optimizers.forEach(({ optimizer }, optimizerIndex) => {
    const eps = optimizer.hyperparameters.eps;
    if (!eps || typeof eps.value !== 'number' || !epsVanishes(eps.value, state.arithmetic)) return;
    const written = eps.source === 'written' && eps.span !== null;
    const finding = findingAt(
      ctx,
      {
        code: 'eps-fp16-underflow',
        severity: 'warning',
        optimizerIndex,
        message: `ε = ${show(eps.value)}${written ? '' : ` (${eps.defaultFrom ?? 'default'})`} becomes 0 in this run: \`${state.key}\` means ` +
          `${state.meaning}, and fp16 rounds any ε at or below 2.98e-8 to 0. Adam then divides by √v alone, and a coordinate whose ` +
          `second moment is 0 takes an infinite step. Use ε ≥ 1e-7, or mixed precision (fp32 optimizer state). Source: ${state.source}.`,
      },
      written ? eps.span : state.span,
    );
    if (written && eps.span) {
      const newText = ctx.format === 'yaml' ? '1.0e-7' : FP16_SAFE_EPS;
      finding.fixes = [{ title: `Set ε to ${newText} (representable in fp16)`, replacements: [{ span: { ...eps.span }, newText }] }];
    }
    findings.push(finding);
  });
  return findings;
};
