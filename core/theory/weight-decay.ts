/**
 * Weight-decay semantics per implementation, as data, and the per-step decay each one applies
 * (science.md §0 and §2: the equilibrium weight RMS and its timescale depend on how λ enters).
 * Facts and sources: docs/ecosystem-facts.md, "Weight-decay semantics differ by framework".
 */
import type { WeightDecaySemantics } from '../hyperparams';

export interface WeightDecayFact {
  semantics: WeightDecaySemantics;
  /** Where the fact comes from: file and commit, or the documentation page. */
  source: string;
}

/** Implementation (as the extractor reports it in `ExtractedOptimizer.implementation`) → its decay rule. */
export const WEIGHT_DECAY_BY_IMPLEMENTATION: Readonly<Record<string, WeightDecayFact>> = {
  'torch.optim.AdamW': { semantics: 'lr', source: 'PyTorch docs, torch.optim.AdamW: θ ← θ − γλθ' },
  'torch.optim.Adam': { semantics: 'coupled-l2', source: 'PyTorch docs, torch.optim.Adam: g ← g + λθ' },
  'torch.optim.SGD': { semantics: 'coupled-l2', source: 'PyTorch docs, torch.optim.SGD: g ← g + λθ' },
  'torch.optim.Muon': {
    semantics: 'lr',
    source: 'pytorch/pytorch@098e03f9 torch/optim/_muon.py: p *= 1 − lr·wd (unadjusted lr)',
  },
  'optax.adamw': { semantics: 'lr', source: 'optax docs, optax.adamw: decoupled decay scaled by the learning rate' },
  'deepspeed.ops.adam.FusedAdam': {
    semantics: 'lr',
    source: 'deepspeedai/DeepSpeed@029f12b3 deepspeed/runtime/config.py: ADAM_W_MODE_DEFAULT = True',
  },
  'apex.optimizers.FusedAdam': { semantics: 'lr', source: 'NVIDIA/apex#1849: AdamW mode multiplies λ by the scheduled lr' },
  'composer.optim.DecoupledAdamW': { semantics: 'lr-ratio', source: 'mosaicml/composer#1407: θ ← θ(1 − λ·lr_t/lr_0)' },
  'composer.optim.DecoupledSGDW': { semantics: 'lr-ratio', source: 'mosaicml/composer#1407: θ ← θ(1 − λ·lr_t/lr_0)' },
  'llmfoundry.optim.DecoupledLionW': {
    semantics: 'lr-ratio',
    source: 'mosaicml/llm-foundry@8c8dd48f llmfoundry/optim/lion.py l.75-76',
  },
  'lion_pytorch.Lion': { semantics: 'lr', source: 'lucidrains/lion-pytorch: p.data.mul_(1 − lr·wd)' },
  'olmo.optim.LionW': { semantics: 'lr', source: 'allenai/OLMo#119: changed from lr·λ/initial_lr to lr·λ' },
  'maxtext.muon': { semantics: 'lr', source: 'AI-Hypercomputer/maxtext@e591f30c base.yml l.1002: "multiplied with the learning rate"' },
  'modded-nanogpt.Adam': {
    semantics: 'lr-squared',
    source: 'KellerJordan/modded-nanogpt@f411b3d3 train_gpt.py l.845 (NorMuonAndAdam, Adam part: lr²·λ)',
  },
  'modded-nanogpt.NorMuon': {
    semantics: 'lr',
    source: 'KellerJordan/modded-nanogpt@f411b3d3 train_gpt.py l.878 (NorMuon part: lr·λ·wd_mul)',
  },
};

/** The semantics of a known implementation, or null when OptLens has no fact about it. */
export function weightDecaySemanticsOf(implementation: string): WeightDecayFact | null {
  return WEIGHT_DECAY_BY_IMPLEMENTATION[implementation] ?? null;
}

/** Whether §2 (weight RMS under decoupled decay) applies: coupled L2 enters the gradient instead. */
export function isDecoupled(semantics: WeightDecaySemantics): boolean {
  return semantics === 'lr' || semantics === 'lr-ratio' || semantics === 'lr-squared';
}

/**
 * The fraction δ_t by which weights shrink at a step run at learning rate `lrT` (θ ← θ(1 − δ_t)),
 * with `lr0` the schedule's peak (the lr_0 of Composer's rule) and λ = `lambda`.
 * 0 for `none` and for `coupled-l2`, whose λθ is added to the gradient rather than shrinking θ
 * directly (check `isDecoupled` before using §2).
 */
export function decayPerStep(semantics: WeightDecaySemantics, lrT: number, lr0: number, lambda: number): number {
  switch (semantics) {
    case 'lr':
      return lrT * lambda;
    case 'lr-ratio':
      return lr0 > 0 ? (lambda * lrT) / lr0 : 0;
    case 'lr-squared':
      return lrT * lrT * lambda;
    case 'coupled-l2':
    case 'none':
      return 0;
  }
}

/**
 * The same rules in the form δ_t = perLr·η_t + perLrSquared·η_t², so that a pass over 10⁶ steps
 * needs no per-step table (weight-rms.ts accepts it in place of a δ series).
 */
export interface DecayRule {
  perLr: number;
  perLrSquared: number;
}

export function decayRule(semantics: WeightDecaySemantics, lr0: number, lambda: number): DecayRule {
  switch (semantics) {
    case 'lr':
      return { perLr: lambda, perLrSquared: 0 };
    case 'lr-ratio':
      return { perLr: lr0 > 0 ? lambda / lr0 : 0, perLrSquared: 0 };
    case 'lr-squared':
      return { perLr: 0, perLrSquared: lambda };
    case 'coupled-l2':
    case 'none':
      return { perLr: 0, perLrSquared: 0 };
  }
}

/**
 * Equilibrium timescale τ = 1/δ in steps at the peak learning rate (science.md §2.1: τ = 1/(ηλ)
 * for torch AdamW), or null when nothing decays (λ = 0, `none`, `coupled-l2`).
 */
export function equilibriumSteps(semantics: WeightDecaySemantics, peakLr: number, lambda: number): number | null {
  const delta = decayPerStep(semantics, peakLr, peakLr, lambda);
  return delta > 0 ? 1 / delta : null;
}

/**
 * δ_t for every step of a schedule (`decayPerStep` at each η_t), in one tight loop per rule:
 * the §2.4 pass over 10⁶ steps should not pay a call per step. With `into` (long enough) the
 * values go into its first lr.length entries and that view is returned.
 */
export function decaySeries(semantics: WeightDecaySemantics, lr: ArrayLike<number>, lr0: number, lambda: number,
  into?: Float64Array): Float64Array {
  const n = lr.length;
  const out = into && into.length >= n ? into.subarray(0, n) : new Float64Array(n);
  switch (semantics) {
    case 'lr':
      for (let i = 0; i < n; i++) out[i] = lr[i] * lambda;
      break;
    case 'lr-ratio': {
      const c = lr0 > 0 ? lambda / lr0 : 0;
      for (let i = 0; i < n; i++) out[i] = lr[i] * c;
      break;
    }
    case 'lr-squared':
      for (let i = 0; i < n; i++) out[i] = lr[i] * lr[i] * lambda;
      break;
    case 'coupled-l2':
    case 'none':
      out.fill(0);
      break;
  }
  return out;
}
