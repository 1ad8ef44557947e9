/**
 * LLaMA-Factory: a YAML of `ModelArguments`, `DataArguments`, `FinetuningArguments` and
 * `Seq2SeqTrainingArguments` (hiyouga/LLaMA-Factory src/llamafactory/hparams). The YAML is read with
 * `yaml.safe_load` and the values handed to the dataclasses as they are, so `learning_rate: 2e-5` arrives
 * as a string and fails (LlamaFactory#4014; the examples write `1.0e-4`).
 */
import type { EcosystemTable, OptimizerInfo, OptimizerSwitch } from './types';
import { unmodelled } from './optimizer-names';
import { HF_DEFAULTS, HF_FP16_KEYS, HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_RUN_SPELLINGS, HF_SCHEDULES,
  HF_ZERO_IS_UNSET } from './hf-trainer';

const REPO = 'hiyouga/LLaMA-Factory@ff6d4d12eeb0';
const UTILS = `${REPO} src/llamafactory/train/trainer_utils.py`;
const MUON_SOURCE = `${REPO} src/llamafactory/third_party/muon/muon.py: Muon(momentum=0.95, adamw_betas=(0.9, 0.95))`;

/**
 * LLaMA-Factory's own Muon (Moonlight's): matrices other than embeddings and heads get Muon, the rest AdamW.
 * It is built with lr=learning_rate and wd=weight_decay (so TrainingArguments' weight_decay=0.0 default applies),
 * adamw_betas=(adam_beta1, adam_beta2), adamw_eps=adam_epsilon; the momentum is never passed: its default holds.
 * Each matrix step is scaled by 0.2·√max(A, B) and decay is p·(1 − lr·wd).
 */
const MUON: OptimizerInfo = {
  kind: 'muon',
  implementation: 'LLaMA-Factory Muon (third_party/muon, Moonlight scaling; AdamW for embeddings, heads, vectors)',
  weightDecaySemantics: 'lr',
  defaults: { momentum: { value: 0.95, from: MUON_SOURCE } },
  note: '`use_muon: true` runs Muon (AdamW only for embeddings, heads and vectors) whatever `optim` says.',
};

/** create_custom_optimizer's order: the first switch that is on builds the optimizer; `optim` is then not used. */
const SWITCHES: OptimizerSwitch[] = [
  { key: 'use_galore', on: 'true', name: 'galore', runs: unmodelled('GaLore (GaLoreAdamW, GaLoreAdamW8bit or GaLoreAdafactor by optim)'),
    source: `${UTILS} create_custom_optimizer: use_galore -> _create_galore_optimizer` },
  { key: 'use_apollo', on: 'true', name: 'apollo', runs: unmodelled('APOLLO (APOLLOAdamW)'),
    source: `${UTILS} create_custom_optimizer: use_apollo -> _create_apollo_optimizer` },
  // LoRA+ runs the optimizer `optim` names, with a larger lr for the LoRA B matrices.
  { key: 'loraplus_lr_ratio', on: 'written',
    source: `${UTILS} create_custom_optimizer: loraplus_lr_ratio is not None -> _create_loraplus_optimizer(optim_class)` },
  { key: 'use_badam', on: 'true', name: 'badam', runs: unmodelled('BAdam (BlockOptimizer: one block of layers per step)'),
    source: `${UTILS} create_custom_optimizer: use_badam -> _create_badam_optimizer` },
  { key: 'use_adam_mini', on: 'true', name: 'adam_mini', runs: unmodelled('Adam-mini (adam_mini.Adam_mini)'),
    source: `${UTILS} create_custom_optimizer: use_adam_mini -> _create_adam_mini_optimizer` },
  { key: 'use_muon', on: 'true', name: 'muon', runs: MUON,
    source: `${UTILS} create_custom_optimizer: use_muon -> _create_muon_optimizer` },
];

export const llamafactory: EcosystemTable = {
  id: 'llamafactory',
  displayName: 'LLaMA-Factory',
  formats: ['yaml', 'json'],
  detect: {
    keys: [
      { pattern: 'stage', weight: 2 },
      { pattern: 'finetuning_type', weight: 4 },
      { pattern: 'cutoff_len', weight: 3 },
      { pattern: 'template', weight: 2 },
      { pattern: 'lora_target', weight: 2 },
      { pattern: 'preprocessing_num_workers', weight: 1 },
      { pattern: 'dataset', weight: 1 },
      { pattern: 'per_device_train_batch_size', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'PyYAML yaml.safe_load (llamafactory hparams/parser.py read_args)',
    dotlessExponent: 'string',
    source: 'hiyouga/LlamaFactory#4014: `learning_rate: 2e-5` fails, fix `2.0e-5`',
  },
  run: { ...HF_RUN_SPELLINGS, seqLen: ['cutoff_len'] },
  zeroIsUnset: HF_ZERO_IS_UNSET,
  optimizers: [{ at: '', nameKeys: ['optim'], defaultName: 'adamw_torch', hyperparameters: HF_OPTIMIZER_SPELLINGS,
    names: HF_OPTIM_NAMES, switches: SWITCHES }],
  defaults: HF_DEFAULTS,
  batch: {},
  fp16Keys: HF_FP16_KEYS,
  schedules: HF_SCHEDULES,
};
export default llamafactory;
