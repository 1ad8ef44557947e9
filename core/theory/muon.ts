/**
 * Muon (torch.optim.Muon, pytorch/pytorch@098e03f9 torch/optim/_muon.py): the momentum matrix is
 * orthogonalized (5 Newton–Schulz steps) and applied with a shape-dependent learning rate.
 * An orthogonal m×n matrix has min(m,n) unit singular values, so each entry has RMS 1/√max(m,n);
 * Newton–Schulz leaves singular values near, not at, 1 (torch's docstring: roughly U(0.5, 1.5)),
 * so these are approximations (../shared/design/ecosystem-facts.md, "Update RMS anchors").
 * Batch behaviour: like SignSGDM (FORMULAS.md §3.5), see `torchMuonFilter` in momentum.ts.
 */

export type MuonAdjustLr = 'original' | 'match_rms_adamw';

/** torch's `_adjust_lr`: "original" √max(1, m/n); "match_rms_adamw" 0.2·√max(m, n). m×n = (out, in). */
export function muonLrScale(shape: readonly [number, number], mode: MuonAdjustLr): number {
  const [m, n] = shape;
  return mode === 'original' ? Math.sqrt(Math.max(1, m / n)) : 0.2 * Math.sqrt(Math.max(m, n));
}

/** RMS of one entry of an orthogonalized m×n matrix: √(min(m,n)/(m·n)) = 1/√max(m,n). */
export function orthogonalEntryRms(shape: readonly [number, number]): number {
  return 1 / Math.sqrt(Math.max(shape[0], shape[1]));
}

/**
 * Update RMS per unit of the configured lr: `match_rms_adamw` gives 0.2 for every shape (Adam's
 * typical update RMS, Moonlight arXiv 2502.16982); `original` gives √max(1,m/n)/√max(m,n).
 */
export function muonUpdateRms(shape: readonly [number, number], mode: MuonAdjustLr): number {
  return muonLrScale(shape, mode) * orthogonalEntryRms(shape);
}
