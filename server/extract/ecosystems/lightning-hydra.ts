/**
 * lightning-hydra-template (ashleve/lightning-hydra-template) and the projects built from it: Hydra experiment configs
 * that override the template's config groups (`defaults: [override /data: mnist, override /model: mnist, ...]`) and set
 * `model.optimizer` (a `_partial_` torch optimizer), `data.batch_size` and `trainer.*`. Its LightningDataModule divides
 * `data.batch_size` by the number of devices in `setup()` (`self.batch_size_per_device = self.hparams.batch_size //
 * self.trainer.world_size`, since #594), so the written batch is the global one; `configs/data/mnist.yaml` says it
 * "needs to be divisible by the number of devices". Source: ashleve/lightning-hydra-template@bddbc24
 * src/data/mnist_datamodule.py, configs/data/mnist.yaml, configs/model/mnist.yaml (torch.optim.Adam, _partial_).
 */
import type { EcosystemTable } from './types';
import { OPTIMIZER_BLOCK_SPELLINGS } from './hydra';
import { TORCH_NAMES, unmodelled } from './optimizer-names';

/** The optimizer's name where the experiment writes none: it keeps the model config's. */
const NOT_NAMED = 'not named in this file';

export const lightningHydra: EcosystemTable = {
  id: 'lightning-hydra',
  displayName: 'lightning-hydra-template',
  formats: ['yaml'],
  detect: {
    keys: [
      // An experiment overrides the template's config groups; its train.yaml composes them.
      { pattern: 'defaults.*.override /data', weight: 3 },
      { pattern: 'defaults.*.override /model', weight: 2 },
      { pattern: 'defaults.*.override /trainer', weight: 1 },
      { pattern: 'defaults.*.override /callbacks', weight: 1 },
      { pattern: 'defaults.*.paths', weight: 2 },
      { pattern: 'defaults.*.extras', weight: 2 },
      { pattern: 'task_name', weight: 2 },
    ],
    layersOver: ['hydra'],
  },
  yamlLoader: { library: 'OmegaConf (Hydra)', dotlessExponent: 'float', source: 'omry/omegaconf@0019bcac omegaconf/_utils.py get_yaml_loader' },
  run: {
    globalBatchSize: ['data.batch_size'],
    gradAccum: ['trainer.accumulate_grad_batches'],
    steps: ['trainer.max_steps'],
    warmupSteps: ['model.scheduler.warmup_steps', 'model.scheduler.num_warmup_steps'],
    schedule: ['model.scheduler._target_'],
  },
  optimizers: [
    {
      at: 'model.optimizer',
      nameKeys: ['_target_'],
      // An experiment that sets only `model.optimizer.lr` keeps the optimizer of the model config it overrides.
      defaultName: NOT_NAMED,
      hyperparameters: OPTIMIZER_BLOCK_SPELLINGS,
      names: { ...TORCH_NAMES, [NOT_NAMED]: unmodelled('the optimizer of the model config `defaults:` overrides'),
        '*': unmodelled('lightning-hydra-template optimizer (class path in model.optimizer._target_)') },
    },
  ],
  defaults: {},
  batch: { dataParallelKeys: ['trainer.devices'] },
  fp16Keys: ['trainer.precision'],
};
export default lightningHydra;
