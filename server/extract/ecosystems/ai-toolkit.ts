/**
 * ostris/ai-toolkit job configs (diffusion LoRA and full fine-tuning: `job: extension`, `config.process[i].train`):
 * `train.optimizer` names the optimizer, built by toolkit/optimizer.py get_optimizer with `eps=1e-6` (not torch's
 * 1e-8) and `**optimizer_params` (weight_decay, betas written there); `train.lr`, `batch_size`, `steps`,
 * `gradient_accumulation_steps` (or its other spelling `gradient_accumulation`), `lr_scheduler`.
 * The loader adds a float resolver to PyYAML's SafeLoader, so `lr: 1e-4` is a float there.
 * Sources: ostris/ai-toolkit@27a03a91 toolkit/config_modules.py TrainConfig (defaults: optimizer 'adamw', lr 1e-6,
 * steps 1000, batch_size 1, lr_scheduler 'constant', gradient_accumulation_steps 1), toolkit/optimizer.py
 * get_optimizer, toolkit/config.py (fixed_loader).
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';
import { LION, TORCH_ADAM, TORCH_ADAMW, unmodelled } from './optimizer-names';

const OPT = 'ostris/ai-toolkit@27a03a91 toolkit/optimizer.py get_optimizer';
const TRAIN = 'ostris/ai-toolkit@27a03a91 toolkit/config_modules.py TrainConfig';

function epsOneMinusSix(info: OptimizerInfo, built: string): OptimizerInfo {
  const defaults: Defaults = { ...info.defaults, eps: { value: 1e-6, from: `${OPT}: ${built}(..., eps=1e-6)` } };
  return { ...info, implementation: built, defaults };
}

const ADAMW = epsOneMinusSix(TORCH_ADAMW, 'torch.optim.AdamW');
const NAMES: Record<string, OptimizerInfo> = {
  adamw: ADAMW,
  adam: epsOneMinusSix(TORCH_ADAM, 'torch.optim.Adam'),
  adamw8bit: epsOneMinusSix(TORCH_ADAMW, 'bitsandbytes.optim.AdamW8bit'),
  adam8bit: epsOneMinusSix(TORCH_ADAM, 'bitsandbytes.optim.Adam8bit'),
  lion: LION,
  lion8bit: { ...LION, implementation: 'bitsandbytes.optim.Lion8bit' },
  adagrad: unmodelled('torch.optim.Adagrad'),
  adafactor: unmodelled('toolkit.optimizers.adafactor.Adafactor'),
  prodigy: unmodelled('prodigyopt.Prodigy'),
  prodigy8bit: unmodelled('Prodigy8bit'),
  automagic: unmodelled('toolkit.optimizers.automagic.Automagic'),
  dadaptation: unmodelled('dadaptation.DAdaptAdam'),
};

const T = 'config.process.*.train';

export const aiToolkit: EcosystemTable = {
  id: 'ai-toolkit',
  displayName: 'ai-toolkit',
  formats: ['yaml', 'json'],
  detect: {
    keys: [
      { pattern: 'job', weight: 1 },
      { pattern: 'config.process.*.training_folder', weight: 3 },
      { pattern: `${T}.noise_scheduler`, weight: 3 },
      { pattern: 'config.process.*.network.linear_alpha', weight: 2 },
      { pattern: 'config.process.*.sample.sample_every', weight: 2 },
      { pattern: `${T}.optimizer`, weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML SafeLoader with a float resolver (fixed_loader)', dotlessExponent: 'float',
    source: 'ostris/ai-toolkit@27a03a91 toolkit/config.py: fixed_loader.add_implicit_resolver(tag:yaml.org,2002:float)' },
  run: {
    microBatchSize: [`${T}.batch_size`],
    gradAccum: [`${T}.gradient_accumulation_steps`, `${T}.gradient_accumulation`],
    steps: [`${T}.steps`],
    schedule: [`${T}.lr_scheduler`],
  },
  optimizers: [
    {
      at: T, nameKeys: ['optimizer'], defaultName: 'adamw',
      hyperparameters: {
        lr: ['lr'],
        beta1: [{ key: 'optimizer_params.betas', index: 0 }], beta2: [{ key: 'optimizer_params.betas', index: 1 }],
        eps: ['optimizer_params.eps'], weightDecay: ['optimizer_params.weight_decay'],
      },
      names: NAMES,
      appliesTo: 'the trained network (the LoRA, or the model when fine-tuning fully)',
    },
  ],
  defaults: {
    lr: { value: 1e-6, from: `${TRAIN}: lr 1e-6` },
    microBatchSize: { value: 1, from: `${TRAIN}: batch_size 1` },
    gradAccum: { value: 1, from: `${TRAIN}: gradient_accumulation_steps 1` },
    steps: { value: 1000, from: `${TRAIN}: steps 1000` },
    schedule: { value: 'constant', from: `${TRAIN}: lr_scheduler 'constant'` },
  },
  batch: {},
  schedules: { constant: 'constant', cosine: 'cosine', linear: 'linear', constant_with_warmup: 'constant' },
};
export default aiToolkit;
