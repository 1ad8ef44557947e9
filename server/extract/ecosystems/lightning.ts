/**
 * Lightning CLI configs (jsonargparse YAML): `optimizer: {class_path, init_args}`, `trainer: {...}`,
 * `data: {init_args: {batch_size}}`. jsonargparse types values against the signatures, so `lr: 1e-3` works.
 * Where the file names no optimizer, the LightningModule builds it in `configure_optimizers` from its own `__init__`
 * arguments, written under `model.init_args` (or `model` when the CLI fixes the class): `lr`, `momentum`,
 * `weight_decay`, `beta_1`/`beta_2`, which `save_hyperparameters()` keeps as `self.hparams` (Lightning-AI/
 * pytorch-lightning docs, "Configure hyperparameters from the CLI"; microsoft/torchgeo@7ea0616
 * torchgeo/trainers/moco.py configure_optimizers: SGD(lr=hparams['lr'], momentum=hparams['momentum'], ...);
 * microsoft/ClimaX@6d5d354 src/climax/global_forecast/module.py configure_optimizers: AdamW(lr=hparams.lr, betas=
 * (hparams.beta_1, hparams.beta_2))). A written optimizer block's own values win over these.
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES, unmodelled } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

/** Where the LightningModule's `__init__` arguments are written: under its class_path, or directly. */
const MODULE_ARGS = ['model.init_args', 'model'];
/** The optimizer's name where the file writes no optimizer block: the LightningModule's code builds it. */
const NOT_NAMED = 'not named in this file';

export const lightning: EcosystemTable = {
  id: 'lightning',
  displayName: 'Lightning CLI',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'trainer', weight: 1 },
      { pattern: '**.class_path', weight: 2 },
      { pattern: '**.init_args', weight: 2 },
      { pattern: 'trainer.accelerator', weight: 1 },
      { pattern: 'seed_everything', weight: 3 },
      { pattern: 'ckpt_path', weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML + jsonargparse (LightningCLI)', dotlessExponent: 'coerced', source: 'lightning.pytorch.cli.LightningCLI parses values against the typed signatures' },
  run: {
    lr: [...MODULE_ARGS.map((m) => `${m}.lr`), ...MODULE_ARGS.map((m) => `${m}.learning_rate`)],
    momentum: MODULE_ARGS.map((m) => `${m}.momentum`),
    weightDecay: MODULE_ARGS.map((m) => `${m}.weight_decay`),
    beta1: [...MODULE_ARGS.map((m) => `${m}.beta_1`), ...MODULE_ARGS.map((m) => `${m}.beta1`)],
    beta2: [...MODULE_ARGS.map((m) => `${m}.beta_2`), ...MODULE_ARGS.map((m) => `${m}.beta2`)],
    microBatchSize: ['data.init_args.batch_size', 'data.batch_size'],
    gradAccum: ['trainer.accumulate_grad_batches'],
    steps: ['trainer.max_steps'],
    schedule: ['lr_scheduler.class_path'],
  },
  optimizers: [
    {
      at: '**',
      nameKeys: ['class_path'],
      requireName: true,
      hyperparameters: torchKwargs('init_args.'),
      names: TORCH_NAMES,
    },
    {
      // Never found by a name (there is none): only the optimizer the run implies when the file names none, which
      // carries the module's `lr`, `momentum`, ... from `run`.
      at: 'model',
      nameKeys: [],
      requireName: true,
      defaultName: NOT_NAMED,
      hyperparameters: {},
      names: { [NOT_NAMED]: unmodelled("the LightningModule's configure_optimizers (not in this file)") },
    },
  ],
  defaults: {},
  batch: { dataParallelKeys: ['trainer.devices'] },
  fp16Keys: ['trainer.precision'],
};
export default lightning;
