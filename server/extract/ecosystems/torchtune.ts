/**
 * torchtune recipes: YAML with `_component_` builders, loaded by OmegaConf (`lr: 2e-5` is a float).
 * The optimizer's own defaults apply (torch AdamW: weight_decay 0.01); no `lr_scheduler` block means a
 * constant learning rate. `${batch_size}` interpolations are followed to the literal.
 */
import type { EcosystemTable } from './types';
import { TORCH_NAMES } from './optimizer-names';
import { torchKwargs } from './torch-kwargs';

export const torchtune: EcosystemTable = {
  id: 'torchtune',
  displayName: 'torchtune',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'max_steps_per_epoch', weight: 3 },
      { pattern: 'optimizer_in_bwd', weight: 3 },
      { pattern: 'checkpointer.checkpoint_dir', weight: 2 },
      { pattern: 'enable_activation_checkpointing', weight: 2 },
      { pattern: 'loss._component_', weight: 1 },
    ],
    values: [{ pattern: '**._component_', value: 'torchtune.*', weight: 5 }],
  },
  yamlLoader: { library: 'OmegaConf (torchtune config.parse)', dotlessExponent: 'float', source: 'torchtune/config/_parse.py: OmegaConf.load' },
  run: {
    microBatchSize: ['batch_size'],
    gradAccum: ['gradient_accumulation_steps'],
    seqLen: ['tokenizer.max_seq_len', 'max_seq_len'],
    // The recipes train `epochs` epochs of at most `max_steps_per_epoch` optimizer steps each
    // (recipes/full_finetune_*.py train(): `if self.max_steps_per_epoch is not None and (idx //
    // gradient_accumulation_steps) == self.max_steps_per_epoch: break`); with it null the run is `epochs` whole epochs.
    // The async GRPO recipes have no epochs: their training worker steps the optimizer until
    // `orchestration.num_steps` (recipes/dev/async_grpo_full_finetune_distributed.py TrainingWorker:
    // `self._total_dialog_turns = cfg.orchestration.num_steps`, `while self._steps_run < self._total_dialog_turns`).
    steps: [
      'orchestration.num_steps',
      { key: 'max_steps_per_epoch', times: 'epochs' },
      { key: 'epochs', unit: 'epochs' },
    ],
    warmupSteps: ['lr_scheduler.num_warmup_steps'],
    schedule: ['lr_scheduler._component_'],
  },
  // The async GRPO recipes nest the trainer's settings under `training` (`cfg.training.optimizer`, same file).
  optimizers: ['optimizer', 'training.optimizer'].map((at) => ({
    at,
    nameKeys: ['_component_'],
    hyperparameters: torchKwargs(),
    names: TORCH_NAMES,
  })),
  defaults: {
    gradAccum: { value: 1, from: 'torchtune recipes: gradient_accumulation_steps defaults to 1 (cfg.get)' },
    schedule: { value: 'constant', from: 'torchtune recipes: no lr_scheduler → constant learning rate' },
  },
  batch: {},
  fp16Keys: ['dtype'],
  schedules: {
    'torchtune.training.lr_schedulers.get_cosine_schedule_with_warmup': 'cosine',
    'torchtune.modules.get_cosine_schedule_with_warmup': 'cosine',
  },
};
export default torchtune;
