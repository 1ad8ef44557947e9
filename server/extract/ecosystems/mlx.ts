/**
 * MLX (Apple silicon): training scripts that build `mlx.optimizers.X(learning_rate=...)` (`import mlx.optimizers as
 * optim`), and MLX-LM's LoRA / fine-tuning YAML (`optimizer: adamw`, `learning_rate`, `iters`, `optimizer_config`).
 * MLX's optimizers are not torch's: Adam and AdamW apply no bias correction unless `bias_correction=True`, AdamW
 * decays decoupled (p·(1 − lr·λ)) with λ = 0.01, SGD adds λ·p to the gradient.
 * Sources: ml-explore/mlx@022eabb7 python/mlx/optimizers/optimizers.py (SGD, Adam, AdamW, Lion, Adafactor, Muon
 * signatures); ml-explore/mlx-lm@d78bf58e mlx_lm/lora.py (CONFIG_DEFAULTS: optimizer "adam", learning_rate 1e-5,
 * batch_size 4, iters 1000, grad_accumulation_steps 1, max_seq_length 2048; `opt_class(learning_rate=lr,
 * **optimizer_config[name])`).
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';

const SRC = 'ml-explore/mlx@022eabb7 python/mlx/optimizers/optimizers.py';
const NO_BIAS_CORRECTION = 'MLX applies no bias correction by default (bias_correction=False): the first steps move ' +
  'by lr·m/(√v + ε) with m and v still near 0, unlike torch.';

function adamDefaults(cls: string, weightDecay: number | null): Defaults {
  const from = `${SRC}: ${cls}(betas=[0.9, 0.999], eps=1e-8${weightDecay === null ? '' : `, weight_decay=${weightDecay}`})`;
  const out: Defaults = {
    beta1: { value: 0.9, from },
    beta2: { value: 0.999, from },
    eps: { value: 1e-8, from },
  };
  if (weightDecay !== null) out.weightDecay = { value: weightDecay, from };
  return out;
}

const ADAM: OptimizerInfo = {
  kind: 'adam', implementation: 'mlx.optimizers.Adam', weightDecaySemantics: 'coupled-l2',
  defaults: { ...adamDefaults('Adam', null), weightDecay: { value: 0, from: `${SRC}: Adam has no weight decay` } },
  note: NO_BIAS_CORRECTION,
};
const ADAMW: OptimizerInfo = {
  kind: 'adamw', implementation: 'mlx.optimizers.AdamW', weightDecaySemantics: 'lr',
  defaults: adamDefaults('AdamW', 0.01), note: NO_BIAS_CORRECTION,
};
const SGD: OptimizerInfo = {
  kind: 'sgd', implementation: 'mlx.optimizers.SGD', weightDecaySemantics: 'coupled-l2',
  defaults: {
    momentum: { value: 0, from: `${SRC}: SGD(momentum=0.0)` },
    weightDecay: { value: 0, from: `${SRC}: SGD(weight_decay=0.0)` },
  },
};
const LION: OptimizerInfo = {
  kind: 'lion', implementation: 'mlx.optimizers.Lion', weightDecaySemantics: 'lr',
  defaults: {
    beta1: { value: 0.9, from: `${SRC}: Lion(betas=[0.9, 0.99])` },
    beta2: { value: 0.99, from: `${SRC}: Lion(betas=[0.9, 0.99])` },
    weightDecay: { value: 0, from: `${SRC}: Lion(weight_decay=0.0)` },
  },
};

/** Class names, and the lower-case names MLX-LM's `optimizer:` accepts. */
const NAMES: Record<string, OptimizerInfo> = {
  Adam: ADAM, adam: ADAM,
  AdamW: ADAMW, adamw: ADAMW,
  SGD, sgd: SGD,
  Lion: LION,
  Muon: unmodelled('mlx.optimizers.Muon'), muon: unmodelled('mlx.optimizers.Muon'),
  Adafactor: unmodelled('mlx.optimizers.Adafactor'), adafactor: unmodelled('mlx.optimizers.Adafactor'),
  RMSprop: unmodelled('mlx.optimizers.RMSprop'),
  Adagrad: unmodelled('mlx.optimizers.Adagrad'),
  AdaDelta: unmodelled('mlx.optimizers.AdaDelta'),
  Adamax: unmodelled('mlx.optimizers.Adamax'),
};

const CALLEES = Object.keys(NAMES).filter((n) => /^[A-Z]/.test(n)).map((n) => `mlx.optimizers.${n}`);

export const mlx: EcosystemTable = {
  id: 'mlx',
  displayName: 'MLX',
  formats: ['python', 'yaml'],
  detect: {
    keys: [
      // MLX-LM's config keys (mlx_lm/lora.py CONFIG_DEFAULTS); `fine_tune_type` and `lora_parameters` are its own.
      { pattern: 'fine_tune_type', weight: 3 },
      { pattern: 'lora_parameters', weight: 2 },
      { pattern: 'iters', weight: 1 },
      { pattern: 'steps_per_eval', weight: 1 },
      { pattern: 'grad_accumulation_steps', weight: 1 },
      { pattern: 'optimizer_config', weight: 1 },
    ],
    callees: [
      { name: 'mlx.core', weight: 3 },
      { name: 'mlx.nn', weight: 2 },
      ...CALLEES.map((name) => ({ name, weight: 3 })),
    ],
  },
  yamlLoader: { library: 'PyYAML (yaml.SafeLoader, with a float resolver)', dotlessExponent: 'float',
    source: 'ml-explore/mlx-lm@d78bf58e mlx_lm/lora.py: yaml_loader.add_implicit_resolver(tag:yaml.org,2002:float, ...)' },
  run: {
    microBatchSize: ['batch_size', '--batch_size'],
    gradAccum: ['grad_accumulation_steps', '--grad_accumulation_steps'],
    seqLen: ['max_seq_length', '--max_seq_length', '--context_size'],
    steps: ['iters', '--iters', '--num_iters'],
    warmupSteps: ['lr_schedule.warmup', '--lr_warmup'],
    schedule: ['lr_schedule.name'],
  },
  optimizers: [
    {
      at: '', callees: CALLEES, nameKeys: [],
      hyperparameters: {
        lr: ['learning_rate', '0'], beta1: [{ key: 'betas', index: 0 }], beta2: [{ key: 'betas', index: 1 }],
        eps: ['eps'], weightDecay: ['weight_decay'], momentum: ['momentum'],
      },
      names: NAMES,
    },
    {
      at: '', nameKeys: ['optimizer'], requireName: true, defaultName: 'adam',
      hyperparameters: {
        lr: ['learning_rate'],
        beta1: [{ key: 'optimizer_config.*.betas', index: 0 }], beta2: [{ key: 'optimizer_config.*.betas', index: 1 }],
        eps: ['optimizer_config.*.eps'], weightDecay: ['optimizer_config.*.weight_decay'],
        momentum: ['optimizer_config.*.momentum'],
      },
      names: NAMES,
    },
  ],
  // MLX-LM's CONFIG_DEFAULTS (learning_rate 1e-5, batch_size 4) belong to its trainer, not to every MLX script.
  defaults: {},
  batch: {},
};
export default mlx;
