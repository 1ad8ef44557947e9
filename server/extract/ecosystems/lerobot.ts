/**
 * LeRobot (huggingface/lerobot) policy configurations: one draccus dataclass per policy (`DiffusionConfig`,
 * `PI05Config`, `ACTConfig`, ...) whose `get_optimizer_preset()` returns an optimizer config object built from the
 * class's fields (`AdamConfig(lr=self.optimizer_lr, betas=self.optimizer_betas, ...)`) and whose
 * `get_scheduler_preset()` returns a scheduler config (`DiffuserSchedulerConfig(name=self.scheduler_name, ...)`).
 *
 * Each optimizer config builds the torch optimizer of its name with its fields as keywords: `AdamConfig` is
 * torch.optim.Adam, whose weight_decay is an L2 term added to the gradient (coupled), `AdamWConfig` is
 * torch.optim.AdamW (decoupled), `SGDConfig` torch.optim.SGD. `DiffuserSchedulerConfig(name=...)` passes its name to
 * diffusers' `get_scheduler`, so the name is the schedule.
 * Sources: huggingface/lerobot@7427f31 src/lerobot/optim/optimizers.py (AdamConfig lr 1e-3, betas (0.9, 0.999), eps
 * 1e-8, weight_decay 0.0 → torch.optim.Adam(params, **kwargs); AdamWConfig weight_decay 1e-2 → torch.optim.AdamW;
 * SGDConfig momentum 0.0, weight_decay 0.0 → torch.optim.SGD), src/lerobot/optim/schedulers.py
 * (DiffuserSchedulerConfig name "cosine", build: get_scheduler(**asdict(self), ...)).
 */
import { TORCH_ADAM, TORCH_ADAMW, TORCH_SGD } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';
import type { EcosystemTable, OptimizerInfo } from './types';

const OPTIMIZERS = 'huggingface/lerobot@7427f31 src/lerobot/optim/optimizers.py';

const NAMES: Record<string, OptimizerInfo> = {
  AdamConfig: { ...TORCH_ADAM, implementation: `torch.optim.Adam (lerobot AdamConfig.build, ${OPTIMIZERS})` },
  AdamWConfig: { ...TORCH_ADAMW, implementation: `torch.optim.AdamW (lerobot AdamWConfig.build, ${OPTIMIZERS})` },
  SGDConfig: { ...TORCH_SGD, implementation: `torch.optim.SGD (lerobot SGDConfig.build, ${OPTIMIZERS})` },
};

export const lerobot: EcosystemTable = {
  id: 'lerobot',
  displayName: 'LeRobot',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'lerobot.optim.AdamConfig', weight: 5 },
      { name: 'lerobot.optim.AdamWConfig', weight: 5 },
      { name: 'lerobot.optim.SGDConfig', weight: 5 },
      { name: 'lerobot.optim.DiffuserSchedulerConfig', weight: 3 },
      { name: 'lerobot.optim.CosineDecayWithWarmupSchedulerConfig', weight: 3 },
      { name: 'lerobot.configs.PreTrainedConfig', weight: 2 },
    ],
  },
  // The schedule's name is read by role inference: `name` inside a schedule's config call (roles/context.ts).
  run: {},
  optimizers: [
    { at: '', callees: Object.keys(NAMES), nameKeys: [], hyperparameters: torchKwargs(), names: NAMES },
  ],
  defaults: {},
  batch: {},
  schedules: { cosine: 'cosine', linear: 'linear', constant: 'constant', constant_with_warmup: 'constant' },
};
export default lerobot;
