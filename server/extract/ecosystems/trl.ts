/**
 * TRL trainers (SFTConfig, DPOConfig, …, subclasses of TrainingArguments) and the alignment-handbook
 * recipes that configure them. YAML is read with `yaml.safe_load` (TrlParser, H4ArgumentParser) without
 * conversion, so dot-less exponents arrive as strings (trl#1450). `beta` at the top level is DPO's β, not
 * Adam's: no spelling here reads it.
 */
import type { EcosystemTable } from './types';
import { HF_DEFAULTS, HF_FP16_KEYS, HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_RUN_SPELLINGS, HF_SCHEDULES,
  HF_ZERO_IS_UNSET } from './hf-trainer';

const { lr: _trainerDependent, ...HF_DEFAULTS_WITHOUT_LR } = HF_DEFAULTS;

export const trl: EcosystemTable = {
  id: 'trl',
  displayName: 'TRL / alignment-handbook',
  formats: ['yaml', 'json'],
  detect: {
    keys: [
      { pattern: 'beta', weight: 1 },
      { pattern: 'max_prompt_length', weight: 3 },
      { pattern: 'dataset_mixer', weight: 3 },
      { pattern: 'dataset_mixture', weight: 3 },
      { pattern: 'loss_type', weight: 1 },
      { pattern: 'max_length', weight: 1 },
      { pattern: 'max_seq_length', weight: 1 },
      { pattern: 'packing', weight: 1 },
      { pattern: 'dataset_text_field', weight: 2 },
      // SFTConfig's own fields (trl/trainer/sft_config.py) and alignment-handbook's ModelArguments/DataArguments.
      { pattern: 'dataset_kwargs', weight: 2 },
      { pattern: 'dataset_num_proc', weight: 2 },
      { pattern: 'completion_only_loss', weight: 2 },
      { pattern: 'assistant_only_loss', weight: 2 },
      { pattern: 'model_revision', weight: 1 },
      { pattern: 'attn_implementation', weight: 1 },
      { pattern: 'chat_template', weight: 1 },
      { pattern: 'dataset_splits', weight: 2 },
      { pattern: 'preprocessing_num_workers', weight: 1 },
      { pattern: 'hub_model_id', weight: 1 },
      { pattern: 'per_device_train_batch_size', weight: 1 },
      { pattern: 'torch_dtype', weight: 1 },
      { pattern: 'use_vllm', weight: 2 },
      { pattern: 'num_generations', weight: 2 },
    ],
  },
  yamlLoader: {
    library: 'PyYAML yaml.safe_load (TrlParser / H4ArgumentParser)',
    dotlessExponent: 'string',
    source: 'huggingface/trl#1450: "1e-4 is interpreted as an str"',
  },
  run: {
    ...HF_RUN_SPELLINGS,
    // PPO's and RLOO's run is sized in episodes (samples), not steps: num_total_batches = ceil(total_episodes /
    // batch_size) (huggingface/trl trl/trainer/ppo_trainer.py, rloo_trainer.py, OnPolicyConfig.total_episodes).
    steps: [...HF_RUN_SPELLINGS.steps ?? [], { key: 'total_episodes', unit: 'samples' }],
    seqLen: ['max_length', 'max_seq_length'],
  },
  zeroIsUnset: HF_ZERO_IS_UNSET,
  optimizers: [{ at: '', nameKeys: ['optim'], defaultName: 'adamw_torch', hyperparameters: HF_OPTIMIZER_SPELLINGS, names: HF_OPTIM_NAMES }],
  // The learning-rate default depends on the trainer (SFTConfig 2e-5, DPOConfig 1e-6: trl@f2cd5771), which a recipe
  // does not name.
  defaults: HF_DEFAULTS_WITHOUT_LR,
  batch: {},
  fp16Keys: HF_FP16_KEYS,
  schedules: HF_SCHEDULES,
};
export default trl;
