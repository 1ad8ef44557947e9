/**
 * stable-audio-tools model configs (JSON: `model_type`, `model`, `training`): `training.optimizer_configs` holds one
 * block per trained model (`autoencoder`, `discriminator`, `diffusion`), each `{optimizer: {type, config}, scheduler:
 * {type, config}}`; `type` is a torch.optim class (or FusedAdam, AdamW8bit) built with `**config`. Where the file
 * gives no optimizer_configs, the training wrapper builds its own from `training.learning_rate`, which is therefore
 * the fallback, not the rate of a block that writes its own. An autoencoder's `training.warmup_steps` is the step at
 * which the adversarial (discriminator) loss starts, not a learning-rate warmup.
 * Sources: Stability-AI/stable-audio-tools@335b7f66 stable_audio_tools/training/factory.py
 * (create_training_wrapper_from_config: lr=training_config["learning_rate"], warmup_steps=...get("warmup_steps", 0),
 * optimizer_configs=...get("optimizer_configs")); @41a4bc5e training/autoencoders.py (AutoencoderTrainingWrapper:
 * `if self.global_step >= self.warmup_steps: self.warmed_up = True`, the discriminator loss only once warmed up);
 * @01c716aa training/utils.py (create_optimizer_from_config: getattr(torch.optim, type)(params, **config)).
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

const FACTORY = 'Stability-AI/stable-audio-tools@335b7f66 stable_audio_tools/training/factory.py';

export const stableAudioTools: EcosystemTable = {
  id: 'stable-audio-tools',
  displayName: 'stable-audio-tools',
  formats: ['json'],
  detect: {
    keys: [
      { pattern: 'model_type', weight: 1 },
      { pattern: 'training.optimizer_configs', weight: 3 },
      { pattern: 'training.loss_configs', weight: 3 },
      { pattern: 'training.demo.demo_every', weight: 2 },
      { pattern: 'model.io_channels', weight: 2 },
      { pattern: 'audio_channels', weight: 1 },
      { pattern: 'sample_rate', weight: 1 },
    ],
  },
  run: { lr: ['training.learning_rate'] },
  optimizers: [{
    at: 'training.optimizer_configs.*.optimizer',
    nameKeys: ['type'],
    hyperparameters: torchKwargs('config.'),
    names: TORCH_NAMES,
  }],
  notRoles: [{
    key: 'training.warmup_steps',
    reason: "an autoencoder's step at which the adversarial (discriminator) loss starts, not a learning-rate warmup",
    source: `${FACTORY}; training/autoencoders.py AutoencoderTrainingWrapper.training_step`,
  }],
  defaults: {},
  batch: {},
};
export default stableAudioTools;
