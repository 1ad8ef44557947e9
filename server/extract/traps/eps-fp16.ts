/**
 * `eps-fp16-underflow`: with fp16 training on, an ε below fp16's smallest subnormal (2⁻²⁴ ≈ 5.96e-8)
 * rounds to zero wherever the optimizer's arithmetic runs in fp16 (pytorch#26218, #147437): the update
 * √v̂ + ε then divides by zero for coordinates with v̂ = 0. Mixed precision keeps fp32 master weights and
 * optimizer state, so this is information, not a warning: it matters for pure fp16 training.
 */
import type { Finding } from '../../../core/hyperparams';
import { findingAt, show, type Trap } from './context';

export const FP16_SMALLEST_SUBNORMAL = 2 ** -24;

export const epsFp16: Trap = (ctx) => {
  if (!ctx.fp16?.value) return [];
  const findings: Finding[] = [];
  ctx.optimizers.forEach(({ optimizer }, optimizerIndex) => {
    const eps = optimizer.hyperparameters.eps;
    if (!eps || typeof eps.value !== 'number' || eps.value <= 0 || eps.value >= FP16_SMALLEST_SUBNORMAL) return;
    const written = eps.source === 'written' && eps.span !== null;
    const finding = findingAt(
      ctx,
      {
        code: 'eps-fp16-underflow',
        severity: 'information',
        optimizerIndex,
        message: `fp16 training is on (\`${ctx.fp16?.key}\`) and ε = ${show(eps.value)}${written ? '' : ` (${eps.defaultFrom ?? 'default'})`} is below fp16's smallest subnormal 5.96e-8: wherever the optimizer's arithmetic runs in fp16 (pure fp16 training, not mixed precision with fp32 master weights), ε rounds to 0 and steps on coordinates with a near-zero second moment blow up. Keep optimizer state in fp32, or use ε ≥ 1e-7.`,
      },
      written ? eps.span : (ctx.fp16?.span ?? null),
    );
    if (written && eps.span) {
      const newText = ctx.format === 'yaml' ? '1.0e-7' : '1e-7';
      finding.fixes = [{ title: `Set ε to ${newText} (representable in fp16)`, replacements: [{ span: { ...eps.span }, newText }] }];
    }
    findings.push(finding);
  });
  return findings;
};
