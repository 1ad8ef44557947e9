/**
 * Python scripts that train with Hugging Face's Trainer or a TRL trainer: `args = SFTConfig(learning_rate=...)`,
 * `TrainingArguments(...)`, then `SFTTrainer(..., args=args)`. The values are keywords of the config call, read by role
 * inference; what this table adds is the defaults of the class the script builds, each an argument class: TRL's
 * configs keep TrainingArguments' defaults but their own learning rate (SFTConfig 2e-5, DPOConfig / GRPOConfig /
 * KTOConfig / RLOOConfig 1e-6, RewardConfig 1e-4) and max_length 1024 (SFT, DPO, KTO, reward). A script that names no
 * class gets TrainingArguments' defaults without a learning rate (it depends on the class).
 * Sources: huggingface/trl@f2cd5771 trl/trainer/{sft,dpo,grpo,kto,reward,rloo}_config.py (learning_rate,
 * max_length fields); transformers TrainingArguments (hf-trainer.ts).
 */
import type { ArgumentClass, Defaults, EcosystemTable } from './types';
import {
  HF_DEFAULTS, HF_FP16_KEYS, HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_SCHEDULES, HF_TRAINING_ARGUMENTS,
} from './hf-trainer';

const TRL = 'huggingface/trl@f2cd5771 trl/trainer';
const { lr: _classDependent, ...HF_WITHOUT_LR } = HF_DEFAULTS;

function trlConfig(name: string, file: string, lr: number, maxLength: boolean): ArgumentClass {
  const defaults: Defaults = { ...HF_DEFAULTS, lr: { value: lr, from: `${TRL}/${file}: learning_rate=${lr}` } };
  if (maxLength) defaults.seqLen = { value: 1024, from: `${TRL}/${file}: max_length=1024` };
  return { label: `TRL's ${name}`, calls: [`trl.${name}`], defaultName: 'adamw_torch', defaults };
}

const CLASSES: ArgumentClass[] = [
  trlConfig('SFTConfig', 'sft_config.py', 2e-5, true),
  trlConfig('DPOConfig', 'dpo_config.py', 1e-6, true),
  trlConfig('GRPOConfig', 'grpo_config.py', 1e-6, false),
  trlConfig('KTOConfig', 'kto_config.py', 1e-6, true),
  trlConfig('RLOOConfig', 'rloo_config.py', 1e-6, false),
  trlConfig('RewardConfig', 'reward_config.py', 1e-4, true),
  { label: "transformers' TrainingArguments", ...HF_TRAINING_ARGUMENTS },
];

export const hfPython: EcosystemTable = {
  id: 'hf-python',
  displayName: 'Hugging Face Trainer / TRL script',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      ...['SFTConfig', 'DPOConfig', 'GRPOConfig', 'KTOConfig', 'RLOOConfig', 'RewardConfig']
        .map((n) => ({ name: `trl.${n}`, weight: 3 })),
      { name: 'transformers.TrainingArguments', weight: 3 },
      { name: 'transformers.Seq2SeqTrainingArguments', weight: 3 },
      ...['SFTTrainer', 'DPOTrainer', 'GRPOTrainer', 'RewardTrainer'].map((n) => ({ name: `trl.${n}`, weight: 2 })),
      { name: 'transformers.Trainer', weight: 2 },
    ],
  },
  run: {},
  optimizers: [
    { at: '', nameKeys: ['optim'], defaultName: 'adamw_torch', hyperparameters: HF_OPTIMIZER_SPELLINGS, names: HF_OPTIM_NAMES },
  ],
  defaults: HF_WITHOUT_LR,
  argumentClasses: CLASSES,
  batch: {},
  fp16Keys: HF_FP16_KEYS,
  schedules: HF_SCHEDULES,
};
export default hfPython;
