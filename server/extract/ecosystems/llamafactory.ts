/**
 * LLaMA-Factory: a YAML of `ModelArguments`, `DataArguments`, `FinetuningArguments` and
 * `Seq2SeqTrainingArguments` (hiyouga/LLaMA-Factory src/llamafactory/hparams). The YAML is read with
 * `yaml.safe_load` and the values handed to the dataclasses as they are, so `learning_rate: 2e-5` arrives
 * as a string and fails (LlamaFactory#4014; the examples write `1.0e-4`).
 */
import type { EcosystemTable } from './types';
import { HF_DEFAULTS, HF_FP16_KEYS, HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_RUN_SPELLINGS, HF_SCHEDULES } from './hf-trainer';

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
  optimizers: [{ at: '', nameKeys: ['optim'], defaultName: 'adamw_torch', hyperparameters: HF_OPTIMIZER_SPELLINGS, names: HF_OPTIM_NAMES }],
  defaults: HF_DEFAULTS,
  batch: {},
  fp16Keys: HF_FP16_KEYS,
  schedules: HF_SCHEDULES,
};
export default llamafactory;
