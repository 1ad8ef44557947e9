/**
 * SpeechBrain recipes: HyperPyYAML hparams files, where the optimizer is a class tag over its keywords
 * (`opt_class: !name:torch.optim.AdamW` with `lr: !ref <lr>`, `betas: (0.9, 0.98)`), the scheduler an object tag
 * (`lr_annealing: !new:speechbrain.nnet.schedulers.NewBobScheduler`), and shared values are written once at the top
 * and referenced (`!ref <lr_model>`): yaml-tags.ts reads both. The Brain class calls `opt_class(params)`, so the
 * optimizer is torch's with torch's defaults. HyperPyYAML loads with PyYAML's full loader (YAML 1.1 scalars: `1e-5`
 * stays a string) and resolves `(0.9, 0.98)` as a tuple (its implicit `!tuple` resolver).
 * The run stops at `optimizer_step_limit` optimizer steps when written (Brain reads it from the hparams as a run
 * option; `number_of_epochs` is the epoch counter's limit). With `dynamic_batching: True` the recipes build a
 * DynamicBatchSampler from `dynamic_batch_sampler_train` (or `train_max_batch_length`) with the utterance duration as
 * the length: `max_batch_length` is the seconds of audio in a batch, and `batch_size` / `train_batch_size` (used only
 * without dynamic batching) are not the batch.
 * Sources: speechbrain/HyperPyYAML@11f0a860 hyperpyyaml/core.py load_hyperpyyaml; speechbrain/speechbrain@9c826ef3
 * speechbrain/core.py (Brain.init_optimizers: `self.opt_class(self.modules.parameters())`,
 * `grad_accumulation_factor`, run_opt_defaults `optimizer_step_limit` and `_optimizer_step_limit_exceeded`), the
 * recipes' hparams files and train scripts (speechbrain/speechbrain@265f6091 recipes/CoVoST/AST/train_w2v2_llama.py
 * dataio_prepare: `if hparams["dynamic_batching"]: DynamicBatchSampler(train_data, length_func=lambda x:
 * x["duration"], **hparams["dynamic_batch_sampler_train"])`; @0ca957ba recipes/LibriTTS/focalcodec/
 * train_quantizer.py prepare_recipe: `train_max_batch_length` when dynamic, else `batch_size=
 * hparams["train_batch_size"]`).
 */
import type { EcosystemTable, SiblingCondition } from './types';
import { OPTIMIZER_BLOCK_SPELLINGS } from './hydra';
import { TORCH_NAMES } from './optimizer-names';

const RECIPES = 'speechbrain/speechbrain@265f6091 recipes/CoVoST/AST/train_w2v2_llama.py dataio_prepare';
/** `dynamic_batching` is read at the top of the hparams (`hparams["dynamic_batching"]`, or `.get(..., False)`). */
const DYNAMIC: SiblingCondition = { sibling: 'dynamic_batching', values: [true], ifAbsent: false, root: true };
const FIXED: SiblingCondition = { sibling: 'dynamic_batching', values: [false], ifAbsent: true, root: true };

/** The keys SpeechBrain recipes give the scheduler of the model they train (lr_annealing_model beside a part's). */
const RUN_SCHEDULERS = ['lr_annealing', 'noam_annealing', 'lr_scheduler', 'scheduler', 'lr_annealing_model',
  'lr_annealing_adam'];

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
    microBatchSize: [
      { key: 'dynamic_batch_sampler_train.max_batch_length', unit: 'seconds', when: [DYNAMIC] },
      { key: 'train_max_batch_length', unit: 'seconds', when: [DYNAMIC] },
      { key: 'batch_size', when: [FIXED] }, { key: 'train_batch_size', when: [FIXED] },
    ],
    gradAccum: ['grad_accumulation_factor'],
    steps: ['optimizer_step_limit'],
    warmupSteps: ['*.n_warmup_steps', '*.warmup_steps'],
    // A scheduler is an object tag whose class is one of speechbrain.nnet.schedulers (or torch's lr_scheduler). The
    // names recipes give the run's own model's scheduler come before a part's (`lr_annealing_ssl`,
    // `lr_annealing_wav2vec`: a pretrained encoder's optimizer, speechbrain/speechbrain@9c826ef recipes/LibriSpeech/
    // ASR/transformer/train_speechllm.py:289-299 steps `scheduler` for the model and `lr_annealing_ssl` for the SSL).
    schedule: [...RUN_SCHEDULERS.map((k) => `${k}.!new`), '*anneal*.!new', '*sched*.!new', '*anneal*.!name',
      '*sched*.!name'],
  },
  optimizers: [
    { at: '**', nameKeys: ['!name', '!new'], requireName: true, hyperparameters: OPTIMIZER_BLOCK_SPELLINGS,
      names: TORCH_NAMES },
  ],
  notRoles: [
    { key: 'batch_size', reason: 'used only without dynamic batching', source: RECIPES,
      unless: { key: 'dynamic_batching', values: [false], default: false } },
    { key: 'train_batch_size', reason: 'used only without dynamic batching', source: RECIPES,
      unless: { key: 'dynamic_batching', values: [false], default: false } },
  ],
  defaults: {},
  batch: {},
  evaluatesTupleStrings: true,
};
export default speechbrain;
