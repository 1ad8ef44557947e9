/**
 * Oumi training configs (`oumi train -c train.yaml`): a TrainingConfig of `model:` (ModelParams), `data:` (DataParams:
 * per split a list of `datasets`), `training:` (TrainingParams, which Oumi turns into Hugging Face TrainingArguments
 * or TRL configs: `optimizer` is the `optim` name, `learning_rate`, `adam_beta1`, ... as in TrainingArguments).
 * The sequence length is the model's: `model.model_max_length` is the tokenizer's limit, TRL's `max_length`
 * (training_config.py copies it into trainer_kwargs) and the length an unregistered dataset is packed to (train.py
 * passes it to build_dataset_mixture as seq_length). A dataset's own `dataset_kwargs.seq_length` goes to its loader:
 * a registered pretraining dataset (a BasePretrainingDataset such as fineweb-edu) packs to it and is not packed again,
 * so it is the training length too where written; the recipes write the two equal.
 * Configs are read with OmegaConf, so `1e-5` is a float there.
 * Sources: oumi-ai/oumi@d8ed0777 src/oumi/core/configs/params/training_params.py (TrainingParams defaults),
 * src/oumi/core/configs/training_config.py (__post_init__: model_max_length → trainer_kwargs["max_length"]),
 * src/oumi/train.py (build_dataset_mixture(..., seq_length=config.model.model_max_length)),
 * src/oumi/builders/data.py (_is_mixture_packed, _load_dataset: dataset_class(**dataset_kwargs)),
 * src/oumi/core/configs/base_config.py (from_yaml: OmegaConf.load).
 */
import type { EcosystemTable, KeySpelling, Spellings } from './types';
import { HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_RUN_SPELLINGS, HF_SCHEDULES, HF_ZERO_IS_UNSET } from './hf-trainer';

const PARAMS = 'oumi-ai/oumi@d8ed0777 src/oumi/core/configs/params/training_params.py: TrainingParams';

const underTraining = (s: KeySpelling): KeySpelling => (typeof s === 'string' ? `training.${s}` :
  { ...s, key: `training.${s.key}` });

/** TrainingArguments' run spellings, under `training:`. */
const RUN: Spellings = {};
for (const [name, list] of Object.entries(HF_RUN_SPELLINGS) as [keyof Spellings, KeySpelling[]][])
  RUN[name] = list.map(underTraining);

export const oumi: EcosystemTable = {
  id: 'oumi',
  displayName: 'Oumi',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'training.trainer_type', weight: 3 },
      { pattern: 'model.torch_dtype_str', weight: 3 },
      { pattern: 'model.model_max_length', weight: 1 },
      { pattern: 'data.train.datasets', weight: 2 },
      { pattern: 'training.include_performance_metrics', weight: 2 },
      { pattern: 'training.enable_gradient_checkpointing', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'OmegaConf (oumi BaseConfig.from_yaml)',
    dotlessExponent: 'float',
    source: 'oumi-ai/oumi@d8ed0777 src/oumi/core/configs/base_config.py from_yaml: OmegaConf.load, merged with the ' +
      'dataclass schema',
  },
  run: { ...RUN, seqLen: ['model.model_max_length'] },
  zeroIsUnset: HF_ZERO_IS_UNSET,
  optimizers: [{
    at: 'training', nameKeys: ['optimizer'], defaultName: 'adamw_torch', hyperparameters: HF_OPTIMIZER_SPELLINGS,
    names: HF_OPTIM_NAMES,
  }],
  defaults: {
    lr: { value: 5e-5, from: `${PARAMS}.learning_rate=5e-05` },
    beta1: { value: 0.9, from: `${PARAMS}.adam_beta1=0.9` },
    beta2: { value: 0.999, from: `${PARAMS}.adam_beta2=0.999` },
    eps: { value: 1e-8, from: `${PARAMS}.adam_epsilon=1e-08` },
    weightDecay: { value: 0, from: `${PARAMS}.weight_decay=0.0` },
    microBatchSize: { value: 8, from: `${PARAMS}.per_device_train_batch_size=8` },
    gradAccum: { value: 1, from: `${PARAMS}.gradient_accumulation_steps=1` },
    schedule: { value: 'linear', from: `${PARAMS}.lr_scheduler_type='linear'` },
  },
  batch: {},
  // MixedPrecisionDtype fp16/bf16/none; the model's own dtype (`float16` weights) otherwise.
  fp16Keys: ['training.mixed_precision_dtype', 'model.torch_dtype_str'],
  schedules: HF_SCHEDULES,
};
export default oumi;
