/**
 * Plain Hugging Face `TrainingArguments` files (YAML or JSON read by `HfArgumentParser.parse_yaml_file`
 * or `parse_json_file`), as written for `run_clm.py`-style scripts.
 */
import type { EcosystemTable } from './types';
import { HF_DEFAULTS, HF_FP16_KEYS, HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_RUN_SPELLINGS, HF_SCHEDULES,
  HF_ZERO_IS_UNSET } from './hf-trainer';

export const huggingface: EcosystemTable = {
  id: 'huggingface',
  displayName: 'Hugging Face Trainer',
  formats: ['yaml', 'json'],
  detect: {
    keys: [
      { pattern: 'per_device_train_batch_size', weight: 2 },
      { pattern: 'lr_scheduler_type', weight: 1 },
      { pattern: 'output_dir', weight: 1 },
      { pattern: 'model_name_or_path', weight: 1 },
      { pattern: 'adam_epsilon', weight: 1 },
      { pattern: 'optim', weight: 1 },
      { pattern: 'num_train_epochs', weight: 1 },
      { pattern: 'logging_steps', weight: 1 },
      { pattern: 'save_strategy', weight: 1 },
    ],
    fileNames: ['training_args*.json', 'training_args*.yaml'],
  },
  yamlLoader: {
    library: 'PyYAML yaml.safe_load (HfArgumentParser.parse_yaml_file)',
    dotlessExponent: 'string',
    source: 'transformers src/transformers/hf_argparser.py parse_yaml_file: yaml.safe_load, values passed to the dataclass unconverted',
  },
  // Sequence length is a data argument of the example scripts (run_clm.py block_size, SFT max_seq_length).
  run: { ...HF_RUN_SPELLINGS, seqLen: ['max_seq_length', 'block_size'] },
  zeroIsUnset: HF_ZERO_IS_UNSET,
  optimizers: [{ at: '', nameKeys: ['optim'], defaultName: 'adamw_torch', hyperparameters: HF_OPTIMIZER_SPELLINGS, names: HF_OPTIM_NAMES }],
  defaults: HF_DEFAULTS,
  batch: {},
  fp16Keys: HF_FP16_KEYS,
  schedules: HF_SCHEDULES,
};
export default huggingface;
