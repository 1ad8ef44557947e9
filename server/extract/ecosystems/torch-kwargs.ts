/**
 * The keyword arguments of a torch.optim constructor, as a scope's `hyperparameters`: the spellings every
 * table that hands its optimizer block to a torch-style class repeats. `prefix` is where the framework nests
 * them (`init_args.` for jsonargparse's class_path, `params.` for DeepSpeed's `optimizer.params`).
 */
import type { Spellings } from './types';

/** `lr`, `betas=(β1, β2)`, `eps`, `weight_decay`: what Adam-family constructors take. */
export function adamKwargs(prefix = ''): Spellings {
  return {
    lr: [`${prefix}lr`],
    beta1: [{ key: `${prefix}betas`, index: 0 }],
    beta2: [{ key: `${prefix}betas`, index: 1 }],
    eps: [`${prefix}eps`],
    weightDecay: [`${prefix}weight_decay`],
  };
}

/** adamKwargs plus `momentum` (torch.optim.SGD, Muon): for blocks that may name any torch.optim class. */
export function torchKwargs(prefix = ''): Spellings {
  return { ...adamKwargs(prefix), momentum: [`${prefix}momentum`] };
}
