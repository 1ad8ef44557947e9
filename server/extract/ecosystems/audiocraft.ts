/**
 * audiocraft solver configs (Hydra YAML: `solver`, `dataset`, `optim`, `schedule`; MusicGen, AudioGen, JASCO, MAGNeT,
 * EnCodec). The optimizer is `optim.optimizer` (adam → torch.optim.Adam, adamw → torch.optim.AdamW, dadam →
 * DAdaptAdam) built with `lr=optim.lr` and `**optim.adam` (betas, weight_decay, eps); `dataset.batch_size` is the
 * batch of all GPUs (train.py divides it by the world size); `optim.epochs` counts epochs of `optim.updates_per_epoch`
 * updates each, the run length; `schedule.lr_scheduler` names the schedule, whose block (`schedule.cosine`, ...) writes
 * its warmup in updates. OmegaConf loads the YAML, so `1e-4` is a float.
 * Sources: facebookresearch/audiocraft@896ec7c audiocraft/solvers/builders.py get_optimizer, get_lr_scheduler
 * (l.145-160: warmup_steps = cfg.<scheduler>.warmup, total_steps = epochs × updates_per_epoch),
 * audiocraft/train.py:41-42.
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAM, TORCH_ADAMW } from './optimizer-names';

const BUILDERS = 'facebookresearch/audiocraft@896ec7c audiocraft/solvers/builders.py';
// D-Adaptation estimates the step size; decouple=True by default (audiocraft/optim/dadam.py:58-63).
const DADAM: OptimizerInfo = { kind: 'adam', implementation: 'audiocraft.optim.DAdaptAdam', weightDecaySemantics: 'lr',
  note: 'D-Adaptation estimates the step size: lr is a multiplier of it (1 by default), not a learning rate' };
const SCHEDULES = ['cosine', 'polynomial_decay', 'inverse_sqrt', 'linear_warmup'];

export const audiocraft: EcosystemTable = {
  id: 'audiocraft',
  displayName: 'audiocraft',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'optim.updates_per_epoch', weight: 3 },
      { pattern: 'schedule.lr_scheduler', weight: 3 },
      { pattern: 'compression_model_checkpoint', weight: 3 },
      { pattern: 'dataset.segment_duration', weight: 2 },
      { pattern: 'deadlock.use', weight: 2 },
      { pattern: 'optim.ema.updates', weight: 2 },
      { pattern: 'solver', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf (Hydra)', dotlessExponent: 'float',
    source: 'facebookresearch/audiocraft@896ec7c audiocraft/train.py (hydra.main)',
  },
  run: {
    globalBatchSize: ['dataset.batch_size'],
    // epochs × updates_per_epoch updates where both are written (CosineLRScheduler's total_steps), else epochs.
    steps: [{ key: 'optim.updates_per_epoch', times: 'optim.epochs' }, { key: 'optim.epochs', unit: 'epochs' }],
    warmupSteps: SCHEDULES.map((s) => `schedule.${s}.warmup`),
    schedule: ['schedule.lr_scheduler'],
  },
  optimizers: [
    {
      at: 'optim', nameKeys: ['optimizer'], defaultName: 'adamw',
      hyperparameters: {
        lr: ['lr'],
        beta1: [{ key: 'adam.betas', index: 0 }], beta2: [{ key: 'adam.betas', index: 1 }],
        eps: ['adam.eps'], weightDecay: ['adam.weight_decay'],
      },
      names: { adam: TORCH_ADAM, adamw: TORCH_ADAMW, dadam: DADAM },
    },
  ],
  notRoles: [
    { key: 'dataset.segment_duration', reason: 'seconds of audio per example, not a token count', source: BUILDERS },
    { key: 'optim.ema.updates', reason: "the period of the weights' moving average", source: BUILDERS },
    { key: 'optim.max_norm', reason: 'gradient clipping', source: BUILDERS },
  ],
  defaults: {},
  batch: {},
};
export default audiocraft;
