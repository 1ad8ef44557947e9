/**
 * HALOs (ContextualAI/HALOs): human-aware loss functions (DPO, KTO, GRPO, PPO, SFT, ...) trained by `launch.py` from
 * a Hydra root config (config/config.yaml) with `model=` and `loss=` groups, launched as `accelerate launch launch.py
 * loss=dpo model=llama ++lr=...`. The optimizer is `getattr(torch.optim, config.optimizer)(params, lr=config.lr,
 * weight_decay=config.weight_decay, betas=(config.beta1, config.beta2))`: the root config's `eps` is passed nowhere,
 * so the optimizer keeps torch's ε. `warmup` is a share of the training steps (LinearLR from 0.1× over
 * num_training_steps × warmup), then cosine to 0 for the SFT dataloader and constant otherwise. `model.batch_size`
 * is the global batch ("across all machines and gradient accumulation steps"), split into micro-batches of
 * batch_size / (processes × gradient_accumulation_steps).
 * Sources: ContextualAI/HALOs@4831988 launch.py:65-78, 264-278; config/config.yaml; config/model/base_model.yaml.
 */
import type { EcosystemTable } from './types';

const LAUNCH = 'ContextualAI/HALOs@4831988 launch.py';

export const halos: EcosystemTable = {
  id: 'halos',
  displayName: 'HALOs',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'frac_unique_desirable', weight: 3 },
      { pattern: 'frac_unique_undesirable', weight: 3 },
      { pattern: 'cache_reference_logprobs', weight: 3 },
      { pattern: 'load_reference_logprobs', weight: 2 },
      { pattern: 'humanline', weight: 2 },
      { pattern: 'log_epsilon_P', weight: 2 },
      { pattern: 'minimum_log_interval_secs', weight: 2 },
    ],
  },
  yamlLoader: {
    library: 'Hydra / OmegaConf (HALOs launch.py @hydra.main)',
    dotlessExponent: 'float',
    source: 'ContextualAI/HALOs@4831988 launch.py:332 @hydra.main(config_path="config", config_name="config"); ' +
      'omry/omegaconf get_yaml_loader adds a float resolver without the dot',
  },
  run: {
    globalBatchSize: ['model.batch_size'],
    gradAccum: ['model.gradient_accumulation_steps'],
    seqLen: ['model.max_length'],
    warmupSteps: [{ key: 'warmup', unit: 'fraction' }],
  },
  optimizers: [
    {
      at: '',
      nameKeys: ['optimizer'],
      defaultName: 'AdamW',
      hyperparameters: {
        lr: ['lr'],
        beta1: ['beta1'],
        beta2: ['beta2'],
        weightDecay: ['weight_decay'],
      },
      names: {
        AdamW: { kind: 'adamw', implementation: 'torch.optim.AdamW (HALOs launch.py)', weightDecaySemantics: 'lr' },
        Adam: {
          kind: 'adam', implementation: 'torch.optim.Adam (HALOs launch.py)', weightDecaySemantics: 'coupled-l2',
        },
        '*': {
          kind: null, implementation: 'getattr(torch.optim, optimizer) (HALOs launch.py)', weightDecaySemantics: 'lr',
        },
      },
    },
  ],
  defaults: {
    eps: { value: 1e-8, from: `${LAUNCH}:264 passes no eps: torch.optim.AdamW(eps=1e-8)` },
  },
  notRoles: [
    {
      key: 'eps',
      reason: 'read nowhere: the optimizer is built with lr, weight_decay and betas only, so torch\'s ε applies',
      source: `${LAUNCH}:264`,
    },
  ],
  batch: {},
};
export default halos;
