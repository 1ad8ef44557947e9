/**
 * SmolVLM2's trainer (huggingface/smollm vision/smolvlm2): a Hugging Face Trainer launched with `TrainingArguments`
 * flags plus one learning rate per part of the model. `SmolVLMTrainer.create_optimizer` puts the vision tower's
 * parameters in a group at `--vision_tower_lr`, the connector's at `--connector_lr` and every other parameter (the
 * language model) at `--language_model_lr`, skipping a group whose lr is 0; `--learning_rate` is used only when no
 * group is left (every part's lr 0). So the language model's lr is the run's, its default 1e-5 when unwritten, and
 * the vision and connector groups are parts of their own (role inference reads `<part>_lr`).
 * Sources: huggingface/smollm@a0417598 vision/smolvlm2/smolvlm/train/smolvlm_trainer.py (create_optimizer, make_group,
 * "Fallback if no param groups are created"), vision/smolvlm2/smolvlm/train/args.py (vision_tower_lr=2e-6,
 * connector_lr=1e-5, language_model_lr=1e-5).
 */
import type { EcosystemTable } from './types';
import { HF_DEFAULTS, HF_FP16_KEYS, HF_OPTIMIZER_SPELLINGS, HF_OPTIM_NAMES, HF_RUN_SPELLINGS, HF_SCHEDULES,
  HF_ZERO_IS_UNSET } from './hf-trainer';

const TRAINER = 'huggingface/smollm@a0417598 vision/smolvlm2/smolvlm/train/smolvlm_trainer.py create_optimizer';
const ARGS = 'huggingface/smollm@a0417598 vision/smolvlm2/smolvlm/train/args.py';

export const smolvlm: EcosystemTable = {
  id: 'smolvlm',
  displayName: 'SmolVLM2 trainer',
  formats: ['shell'],
  detect: {
    // `--connector_lr` and a vision lr are also other VLM trainers' flags (2U1's SmolVLM-Finetune and
    // Qwen2-VL-Finetune write `--learning_rate` for the language model beside `--vision_lr`, `--connector_lr`): alone
    // they do not make a file this trainer's.
    keys: [
      { pattern: '--language_model_lr', weight: 3 },
      { pattern: '--vision_tower_lr', weight: 1 },
      { pattern: '--connector_lr', weight: 1 },
      { pattern: '--add_media_intro_outro', weight: 3 },
      { pattern: '--mask_user_tokens', weight: 2 },
      { pattern: '--video_target_size', weight: 2 },
      { pattern: '--tune_vision_tower', weight: 2 },
    ],
  },
  run: { ...HF_RUN_SPELLINGS, seqLen: ['model_max_length'] },
  zeroIsUnset: HF_ZERO_IS_UNSET,
  optimizers: [{
    at: '', nameKeys: ['optim'], defaultName: 'adamw_torch',
    hyperparameters: { ...HF_OPTIMIZER_SPELLINGS, lr: ['language_model_lr'] },
    names: HF_OPTIM_NAMES,
    appliesTo: 'the language model (the vision tower and the connector have groups of their own)',
  }],
  defaults: { ...HF_DEFAULTS, lr: { value: 1e-5, from: `${ARGS}: language_model_lr=1e-5` } },
  notRoles: ['learning_rate', '--learning_rate'].map((key) => ({
    key,
    reason: 'the lr of a fallback group, used only when every part\'s learning rate is 0',
    source: `${TRAINER}: "Fallback if no param groups are created"`,
  })),
  batch: {},
  fp16Keys: HF_FP16_KEYS,
  schedules: HF_SCHEDULES,
};
export default smolvlm;
