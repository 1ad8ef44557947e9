/** Display names of the optimizer families the science core models (core/hyperparams OPTIMIZER_KINDS). */
import type { OptimizerKind } from '../core/hyperparams';

export const OPTIMIZER_DISPLAY_NAMES: Record<OptimizerKind, string> = {
  adamw: 'AdamW',
  adam: 'Adam',
  sgd: 'SGDM',
  signsgd: 'SignSGD',
  signsgdm: 'SignSGDM',
  lion: 'Lion',
  muon: 'Muon',
};
