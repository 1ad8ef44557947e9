/**
 * SpeechBrain recipes: HyperPyYAML hparams files, where the optimizer is a class tag over its keywords
 * (`opt_class: !name:torch.optim.AdamW` with `lr: !ref <lr>`, `betas: (0.9, 0.98)`), the scheduler an object tag
 * (`lr_annealing: !new:speechbrain.nnet.schedulers.NewBobScheduler`), and shared values are written once at the top
 * and referenced (`!ref <lr_model>`): yaml-tags.ts reads both. The Brain class calls `opt_class(params)`, so the
 * optimizer is torch's with torch's defaults. HyperPyYAML loads with PyYAML's full loader (YAML 1.1 scalars: `1e-5`
 * stays a string) and resolves `(0.9, 0.98)` as a tuple (its implicit `!tuple` resolver).
 * Sources: speechbrain/HyperPyYAML@11f0a860 hyperpyyaml/core.py load_hyperpyyaml; speechbrain/speechbrain@9c826ef3
 * speechbrain/core.py (Brain.init_optimizers: `self.opt_class(self.modules.parameters())`,
 * `grad_accumulation_factor`), the recipes' hparams files.
 */
import type { EcosystemTable } from './types';
import { OPTIMIZER_BLOCK_SPELLINGS } from './hydra';
import { TORCH_NAMES } from './optimizer-names';

export const speechbrain: EcosystemTable = {
  id: 'speechbrain',
  displayName: 'SpeechBrain',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: '**.!new', weight: 1 },
      { pattern: '**.!name', weight: 1 },
      { pattern: 'epoch_counter.!new', weight: 2 },
      { pattern: 'number_of_epochs', weight: 1 },
    ],
    values: [
      { pattern: '**.!new', value: 'speechbrain.*', weight: 4 },
      { pattern: '**.!name', value: 'speechbrain.*', weight: 4 },
    ],
  },
  yamlLoader: {
    library: 'HyperPyYAML (PyYAML yaml.Loader)',
    dotlessExponent: 'string',
    source: 'speechbrain/HyperPyYAML@11f0a860 hyperpyyaml/core.py: yaml.load(..., Loader=yaml.Loader)',
  },
  run: {
    microBatchSize: ['batch_size'],
    gradAccum: ['grad_accumulation_factor'],
    warmupSteps: ['*.n_warmup_steps', '*.warmup_steps'],
    // A scheduler is an object tag whose class is one of speechbrain.nnet.schedulers (or torch's lr_scheduler).
    schedule: ['*anneal*.!new', '*sched*.!new', '*anneal*.!name', '*sched*.!name'],
  },
  optimizers: [
    { at: '**', nameKeys: ['!name', '!new'], requireName: true, hyperparameters: OPTIMIZER_BLOCK_SPELLINGS,
      names: TORCH_NAMES },
  ],
  defaults: {},
  batch: {},
  evaluatesTupleStrings: true,
};
export default speechbrain;
