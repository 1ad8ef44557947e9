/**
 * Lightning CLI configs (jsonargparse YAML): `optimizer: {class_path, init_args}`, `trainer: {...}`,
 * `data: {init_args: {batch_size}}`. jsonargparse types values against the signatures, so `lr: 1e-3` works.
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

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
  ],
  defaults: {},
  batch: { dataParallelKeys: ['trainer.devices'] },
  fp16Keys: ['trainer.precision'],
};
export default lightning;
