/**
 * llm.c launch scripts (`mpirun -np 8 ./train_gpt2cu -b 64 -t 1024 -d 524288 -l 0.0006 ...`): train_gpt2.cu reads
 * single-letter options, which mean nothing outside that program, so the shell reader files them under the program's
 * name (`train_gpt2cu.-l`) and only this table reads them. The optimizer is llm.c's own fused AdamW kernel
 * (decoupled weight decay, applied to the matrices only), with β1, β2 and ε fixed in the code.
 * Source: karpathy/llm.c@f1e2ace6 train_gpt2.cu: error_usage() (options and their defaults) and the training loop's
 * `gpt2_update(&model, step_learning_rate, 0.9f, 0.95f, 1e-8f, weight_decay, ...)`.
 */
import type { EcosystemTable } from './types';

const USAGE = 'karpathy/llm.c@f1e2ace6 train_gpt2.cu error_usage()';
const UPDATE = 'karpathy/llm.c@f1e2ace6 train_gpt2.cu gpt2_update(..., 0.9f, 0.95f, 1e-8f, ...)';

/** The trainer binaries built from train_gpt2.cu (`train_gpt2cu`, `train_gpt2fp32cu`) and train_llama3.cu. */
const P = 'train_*cu';

export const llmC: EcosystemTable = {
  id: 'llm.c',
  displayName: 'llm.c',
  formats: ['shell'],
  detect: {
    keys: [
      { pattern: `${P}.-l`, weight: 2 },
      { pattern: `${P}.-b`, weight: 1 },
      { pattern: `${P}.-t`, weight: 1 },
      { pattern: `${P}.-d`, weight: 2 },
      { pattern: `${P}.-e`, weight: 1 },
      { pattern: `${P}.-u`, weight: 1 },
    ],
  },
  run: {
    microBatchSize: [`${P}.-b`],
    seqLen: [`${P}.-t`],
    // "-d <int> total desired batch size": tokens per optimizer step across all processes.
    globalBatchSize: [{ key: `${P}.-d`, unit: 'tokens' }],
    steps: [`${P}.-x`],
    warmupSteps: [`${P}.-u`],
    schedule: [`${P}.-k`],
  },
  optimizers: [
    {
      at: '',
      nameKeys: [],
      defaultName: 'AdamW',
      hyperparameters: { lr: [`${P}.-l`], weightDecay: [`${P}.-c`] },
      names: {
        AdamW: { kind: 'adamw', implementation: 'llm.c fused AdamW kernel (train_gpt2.cu adamw_kernel3)', weightDecaySemantics: 'lr' },
      },
      appliesTo: 'the whole model (weight decay on the matrices only)',
    },
  ],
  defaults: {
    lr: { value: 3e-4, from: `${USAGE}: -l default 3e-4f` },
    beta1: { value: 0.9, from: UPDATE },
    beta2: { value: 0.95, from: UPDATE },
    eps: { value: 1e-8, from: UPDATE },
    weightDecay: { value: 0, from: `${USAGE}: -c default 0.0f` },
    microBatchSize: { value: 4, from: `${USAGE}: -b default 4` },
    seqLen: { value: 1024, from: `${USAGE}: -t default 1024` },
    warmupSteps: { value: 0, from: `${USAGE}: -u default 0` },
    schedule: { value: 'cosine', from: `${USAGE}: -k default cosine` },
  },
  batch: {},
  schedules: { cosine: 'cosine', linear: 'linear', constant: 'constant', wsd: 'wsd' },
};
export default llmC;
