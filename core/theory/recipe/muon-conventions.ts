/**
 * Muon's update-scale conventions and the conversion of an AdamW recipe into each (science.md §8.3).
 * Every convention orthogonalises the momentum (an m×n orthogonal matrix has entry RMS 1/√max(m,n),
 * muon.ts) and multiplies it by a shape factor s(d_out, d_in); the learning rate then means something
 * different in each. OptLens converts by matching the per-step weight change of AdamW (update RMS ×
 * lr) and keeping the decay per step η·λ (step-match.ts), so the weight-RMS equilibrium (science.md §2) is unchanged.
 * The update RMS is that of the step torch takes, 5 Newton–Schulz steps short of orthogonal (muon.ts), the same
 * model as the prediction and Compare Optimizers, so all show one lr.
 */
import { muonLrScale, muonScaledUpdateRms } from '../muon';
import { matchStepAndDecay } from '../step-match';
import { WEIGHT_DECAY_BY_IMPLEMENTATION } from '../weight-decay';

export type MuonConvention = 'naive' | 'keller-jordan' | 'mup' | 'moonlight';

export interface MuonConventionFact {
  id: MuonConvention;
  name: string;
  /** The shape factor in words, with d_out × d_in the torch layout of a Linear weight. */
  factor: string;
  source: string;
  /** Implementations known to use it, each with where that is written. */
  usedBy: readonly string[];
}

export const MUON_CONVENTIONS: readonly MuonConventionFact[] = [
  {
    id: 'naive', name: 'Plain orthogonal update', factor: '1',
    source: 'Jordan et al. 2024, "Muon: an optimizer for hidden layers" (the orthogonalised update before scaling)',
    usedBy: [],
  },
  {
    id: 'keller-jordan', name: "Keller Jordan's scaling", factor: '√max(1, d_out/d_in)',
    source: 'KellerJordan/Muon muon.py: update *= max(1, grad.size(-2)/grad.size(-1))**0.5',
    usedBy: [
      'KellerJordan/Muon (muon.py)',
      'torch.optim.Muon with adjust_lr_fn=None or "original" (pytorch/pytorch@098e03f9 torch/optim/_muon.py)',
    ],
  },
  {
    id: 'mup', name: 'μP spectral scaling', factor: '√(d_out/d_in)',
    source: 'Yang, Simon & Bernstein 2023, "A spectral condition for feature learning", arXiv 2310.17813',
    usedBy: [],
  },
  {
    id: 'moonlight', name: "Moonlight's AdamW-matched scaling", factor: '0.2·√max(d_out, d_in)',
    source: 'Liu et al. 2025, "Muon is Scalable for LLM Training", arXiv 2502.16982 §2.2: 0.2·√max(A, B)',
    usedBy: [
      'MoonshotAI/Moonlight',
      'torch.optim.Muon with adjust_lr_fn="match_rms_adamw" (pytorch/pytorch@098e03f9 torch/optim/_muon.py)',
    ],
  },
];

/** The shape factor s(d_out, d_in) of a convention. */
export function muonShapeFactor(convention: MuonConvention, dOut: number, dIn: number): number {
  switch (convention) {
    case 'naive':
      return 1;
    case 'keller-jordan':
      return muonLrScale([dOut, dIn], 'original');
    case 'mup':
      return Math.sqrt(dOut / dIn);
    case 'moonlight':
      return muonLrScale([dOut, dIn], 'match_rms_adamw');
  }
}

/** Update RMS per unit lr of Muon's step under a convention: s/√max(d_out, d_in) × the Newton–Schulz gain. */
export function muonConventionUpdateRms(convention: MuonConvention, dOut: number, dIn: number): number {
  return muonScaledUpdateRms([dOut, dIn], muonShapeFactor(convention, dOut, dIn));
}

export interface MuonConversion {
  convention: MuonConvention;
  /** RMS of one update per unit lr under this convention (torch's Newton–Schulz step, not the orthogonal ideal). */
  updateRms: number;
  /** The lr whose step matches AdamW's lr × update RMS. */
  lr: number;
  /** The λ that keeps AdamW's decay per step η·λ (torch Muon decays with the unadjusted lr). */
  weightDecay: number;
}

/** How torch's AdamW and Muon apply λ: both decay with the unadjusted lr (weight-decay.ts, with sources). */
export const ADAMW_DECAY = WEIGHT_DECAY_BY_IMPLEMENTATION['torch.optim.AdamW'].semantics;
export const MUON_DECAY = WEIGHT_DECAY_BY_IMPLEMENTATION['torch.optim.Muon'].semantics;

/**
 * AdamW's (η, λ) in each convention for a d_out × d_in matrix, given AdamW's update RMS (science.md §1.1, §8.3):
 * the same step size and decay per step (step-match.ts).
 */
export function convertAdamWToMuon(
  adamw: { lr: number; weightDecay: number; updateRms: number },
  dOut: number,
  dIn: number,
): MuonConversion[] {
  return MUON_CONVENTIONS.map(({ id }) => {
    const updateRms = muonConventionUpdateRms(id, dOut, dIn);
    const { lr, weightDecay } = matchStepAndDecay(
      { ...adamw, weightDecaySemantics: ADAMW_DECAY }, { updateRms, weightDecaySemantics: MUON_DECAY });
    return { convention: id, updateRms, lr, weightDecay };
  });
}

/**
 * The layout pitfall: torch stores a Linear weight as (d_out, d_in); Keras and Flax store a Dense kernel as
 * (d_in, d_out). A shape rule written for one layout and applied to the other swaps d_out and d_in, which changes
 * Keller Jordan's and μP's factors for every non-square matrix (by √(d_out/d_in) or its inverse).
 */
export function swappedLayoutError(convention: MuonConvention, dOut: number, dIn: number): number {
  return muonShapeFactor(convention, dIn, dOut) / muonShapeFactor(convention, dOut, dIn);
}

/**
 * What the conversions stand for, in the words every surface shows beside them, with `gain` (the recipe's
 * `newtonSchulzGain`) formatted by the surface: the step of torch's Muon, which falls short of orthogonal.
 */
export function muonStepModelNote(gain: string): string {
  return `Each lr is for the step torch's Muon takes: its 5 Newton–Schulz steps reach ${gain}× of an orthogonal ` +
    'update at this shape (science.md §3.5), the update RMS that the prediction and Compare Optimizers use too.';
}

/** Parameters that Muon should not manage (they stay on AdamW), by the usual naming in PyTorch models. */
export const ADAMW_ONLY_PARAMETERS = {
  kinds: ['embeddings', 'the output head (lm_head / classifier)', 'gains and biases (every 1-D parameter)'],
  source: 'KellerJordan/Muon README ("hidden weights only"); Liu et al. 2025, arXiv 2502.16982 §2.3',
} as const;
