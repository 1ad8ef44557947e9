/**
 * axolotl: one YAML file, loaded with PyYAML and validated by a pydantic model (`AxolotlInputConfig`)
 * that converts numeric strings and drops unknown keys without a word (`extra='ignore'`).
 * Keys: axolotl-ai-cloud/axolotl@067b021c src/axolotl/utils/schemas/{config,training}.py.
 */
import type { EcosystemTable } from './types';
import { HF_DEFAULTS, HF_OPTIM_NAMES, HF_SCHEDULES, HF_ZERO_IS_UNSET } from './hf-trainer';

const { microBatchSize: _perDevice, ...HF_DEFAULTS_WITHOUT_BATCH } = HF_DEFAULTS;
import { TORCH_MUON } from './optimizer-names';

const IGNORED_SOURCE = 'pydantic extra="ignore" in AxolotlInputConfig (src/axolotl/utils/schemas/config.py)';

export const axolotl: EcosystemTable = {
  id: 'axolotl',
  displayName: 'axolotl',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'base_model', weight: 2 },
      { pattern: 'micro_batch_size', weight: 2 },
      { pattern: 'sequence_len', weight: 3 },
      { pattern: 'sample_packing', weight: 2 },
      { pattern: 'lr_scheduler', weight: 1 },
      { pattern: 'num_epochs', weight: 1 },
      { pattern: 'datasets', weight: 1 },
      { pattern: 'adapter', weight: 1 },
      { pattern: 'lora_r', weight: 1 },
      { pattern: 'pad_to_sequence_len', weight: 2 },
      { pattern: 'flash_attention', weight: 1 },
      { pattern: 'val_set_size', weight: 2 },
      { pattern: 'special_tokens', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'PyYAML yaml.safe_load + pydantic (AxolotlInputConfig)',
    dotlessExponent: 'coerced',
    source: 'axolotl src/axolotl/utils/schemas/training.py: learning_rate: str | float, cast to float',
  },
  run: {
    microBatchSize: ['micro_batch_size'],
    gradAccum: ['gradient_accumulation_steps'],
    globalBatchSize: ['batch_size'],
    seqLen: ['sequence_len'],
    steps: ['max_steps'],
    // axolotl hands both to TrainingArguments, where warmup_steps overrides warmup_ratio (hf-trainer.ts).
    warmupSteps: ['warmup_steps', { key: 'warmup_ratio', unit: 'fraction' }],
    schedule: ['lr_scheduler'],
  },
  zeroIsUnset: HF_ZERO_IS_UNSET,
  optimizers: [
    {
      at: '',
      nameKeys: ['optimizer'],
      defaultName: 'adamw_torch',
      hyperparameters: {
        lr: ['learning_rate'],
        beta1: ['adam_beta1'],
        beta2: ['adam_beta2'],
        eps: ['adam_epsilon'],
        weightDecay: ['weight_decay'],
      },
      names: {
        ...HF_OPTIM_NAMES,
        muon: {
          ...TORCH_MUON,
          implementation: 'axolotl.contribs.mit.muon (MuonOptimizerFactory)',
          defaults: { momentum: { value: 0.95, from: 'axolotl src/axolotl/contribs/mit/muon (Keller Jordan Muon): momentum=0.95' } },
        },
        optimi_adamw: { kind: 'adamw', implementation: 'optimi.AdamW', weightDecaySemantics: 'lr' },
        ao_adamw_8bit: { kind: 'adamw', implementation: 'torchao AdamW8bit', weightDecaySemantics: 'lr' },
        ao_adamw_fp8: { kind: 'adamw', implementation: 'torchao AdamWFp8', weightDecaySemantics: 'lr' },
      },
    },
  ],
  // micro_batch_size is axolotl's own key, so TrainingArguments' per-device default does not apply.
  defaults: HF_DEFAULTS_WITHOUT_BATCH,
  ignoredKeys: [
    { key: 'adam_eps', realKey: 'adam_epsilon', hyperparameter: 'eps', source: IGNORED_SOURCE },
    { key: 'adamw_epsilon', realKey: 'adam_epsilon', hyperparameter: 'eps', source: IGNORED_SOURCE },
    { key: 'adamw_beta1', realKey: 'adam_beta1', hyperparameter: 'beta1', source: IGNORED_SOURCE },
    { key: 'adamw_beta2', realKey: 'adam_beta2', hyperparameter: 'beta2', source: IGNORED_SOURCE },
    { key: 'adam_beta_1', realKey: 'adam_beta1', hyperparameter: 'beta1', source: IGNORED_SOURCE },
    { key: 'adam_beta_2', realKey: 'adam_beta2', hyperparameter: 'beta2', source: IGNORED_SOURCE },
  ],
  batch: {},
  fp16Keys: ['fp16'],
  schedules: { ...HF_SCHEDULES, one_cycle: 'cosine', rex: 'linear' },
};
export default axolotl;
