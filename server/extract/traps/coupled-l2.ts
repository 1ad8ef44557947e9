/**
 * `coupled-l2-weight-decay`: torch `Adam(weight_decay=λ)` (and DeepSpeed's Adam with `adam_w_mode: false`)
 * adds λθ to the gradient, which Adam then normalises away: it is not the decoupled decay of AdamW, and the
 * weight-RMS and τ predictions (science.md §2) do not apply. The fix switches to the decoupled optimizer.
 *
 * `optimizer-semantics`: an optimizer name that runs something other than what it says (DeepSpeed's
 * `"type": "Adam"` runs AdamW unless `adam_w_mode` is false), from the table's `note`.
 */
import type { Finding } from '../../../core/hyperparams';
import { findingAt, show, type Trap } from './context';

export const coupledL2: Trap = (ctx) => {
  const findings: Finding[] = [];
  ctx.optimizers.forEach(({ optimizer, info, nameEntry, switchEntry }, optimizerIndex) => {
    if (info.note && nameEntry) {
      findings.push(findingAt(ctx, { code: 'optimizer-semantics', severity: 'information', optimizerIndex, message: info.note }, nameEntry.span));
    }
    // For SGD, L2 and decoupled decay differ only by a factor lr: coupling matters for adaptive optimizers.
    if (optimizer.weightDecaySemantics !== 'coupled-l2' || optimizer.kind !== 'adam') return;
    const wd = optimizer.hyperparameters.weightDecay;
    if (!wd || typeof wd.value !== 'number' || wd.value <= 0) return;
    const span = wd.span ?? switchEntry?.span ?? nameEntry?.span ?? null;
    const finding = findingAt(
      ctx,
      {
        code: 'coupled-l2-weight-decay',
        severity: 'warning',
        optimizerIndex,
        message: `${optimizer.implementation} applies weight_decay = ${show(wd.value)} as L2 added to the gradient, which Adam's normalisation mostly cancels: this is not AdamW's decoupled decay, and the weight-RMS and decay-timescale predictions do not apply. AdamW was probably meant.`,
      },
      span,
    );
    if (switchEntry) {
      finding.fixes = [{ title: 'Use decoupled decay (adam_w_mode: true)', replacements: [{ span: { ...switchEntry.span }, newText: switchEntry.raw.replace(/false/i, (m) => (m === 'False' ? 'True' : m === 'FALSE' ? 'TRUE' : 'true')) }], isPreferred: true }];
    } else if (info.decoupledName && nameEntry) {
      const raw = nameEntry.raw;
      const name = String(nameEntry.value);
      const at = raw.lastIndexOf(name.split('.').pop() ?? name);
      if (at >= 0) {
        const oldShort = name.split('.').pop() ?? name;
        const start = nameEntry.span.start + at;
        // Registries keyed by lower-case names (NeMo's `adam`, llm-foundry's `adam`) want `adamw`, classes `AdamW`.
        const newName = oldShort === oldShort.toLowerCase() ? info.decoupledName.toLowerCase() : info.decoupledName;
        finding.fixes = [{ title: `Use ${newName} (decoupled weight decay)`, replacements: [{ span: { start, end: start + oldShort.length }, newText: newName }], isPreferred: true }];
      }
    }
    findings.push(finding);
  });
  return findings;
};
