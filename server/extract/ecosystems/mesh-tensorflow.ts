/**
 * Mesh TensorFlow's transformer (the original T5's trainer) in gin: every run writes its operative config, binding
 * `run.*` (mesh_tensorflow/transformer/utils.py run()), the optimizer configurable (`run.optimizer =
 * @optimize.AdafactorOptimizer`) and the schedule. `run.learning_rate_schedule` is a function or a list of factors
 * whose product is the learning rate (learning_rate_schedules.py product_learning_rate: "Learning rate is the product
 * of one or more factors", numbers or functions of the step): `constant.value` (constant(value=1.0)) scales it,
 * `truncated_rsqrt` holds 1/√max(step, warmup_steps) flat for its warmup_steps, `linear_warmup` ramps up over its
 * steps_or_fraction, `linear_decay` ends it; the older single functions (learning_rate_schedule_noam's multiplier and
 * warmup_steps, linear_decay_learning_rate's initial_lr) say the same in one binding. The first
 * factor of the list is read as the schedule. `run.batch_size` is a (method, value) pair (utils.py
 * compute_batch_size: "tokens_per_batch", "sequences_per_batch" for the whole batch, "tokens_per_replica",
 * "sequences_per_replica" for each model replica) and `run.sequence_length` a dict of feature lengths.
 * Source: tensorflow/mesh mesh_tensorflow/transformer/utils.py (run, compute_batch_size),
 * mesh_tensorflow/transformer/learning_rate_schedules.py, mesh_tensorflow/optimize.py (AdafactorOptimizer: beta1,
 * epsilon1 the squared gradient's regulariser, epsilon2 the parameter scale's floor).
 */
import type { EcosystemTable, KeyPattern, SiblingCondition, Spellings } from './types';
import { unmodelled } from './optimizer-names';

const SCHEDULES = 'tensorflow/mesh mesh_tensorflow/transformer/learning_rate_schedules.py';
/** A configurable bound by its short name or with its module (`constant.value`, `learning_rate_schedules.constant`). */
const bound = (name: string): string[] => [name, `learning_rate_schedules.${name}`];
/** The value of `run.batch_size` when its method says what it counts. */
const batchBy = (methods: string[]): SiblingCondition[] => [{ sibling: '0', values: methods, ifAbsent: false }];
const BATCH = 'run.batch_size[1]';
const run: Spellings = {
  lr: [...bound('constant.value'), ...bound('constant_learning_rate.learning_rate'),
    ...bound('linear_decay_learning_rate.initial_lr'), ...bound('learning_rate_schedule_noam.multiplier')],
  steps: ['run.train_steps'],
  // linear_warmup's steps_or_fraction: "If steps_or_fraction > 1, it is the absolute number of initial steps over
  // which to warm up. If it is <=1, then it is a fraction of the total number of training steps".
  warmupSteps: [...bound('truncated_rsqrt.warmup_steps'), ...bound('learning_rate_schedule_noam.warmup_steps'),
    ...bound('linear_warmup.steps_or_fraction').map((key) => ({ key, unit: 'fraction-or-steps' as const }))],
  schedule: ['run.learning_rate_schedule[0]', 'run.learning_rate_schedule'],
  globalBatchSize: [
    { key: BATCH, unit: 'tokens', when: batchBy(['tokens_per_batch']) },
    { key: BATCH, when: batchBy(['sequences_per_batch']) },
  ],
  microBatchSize: [
    { key: BATCH, unit: 'tokens', when: batchBy(['tokens_per_replica']) },
    { key: BATCH, when: batchBy(['sequences_per_replica']) },
  ],
  seqLen: ['run.sequence_length.targets', 'run.sequence_length.inputs'],
};
const OPTIMIZERS: KeyPattern[] = ['AdafactorOptimizer', 'optimize.AdafactorOptimizer', 'AdamWeightDecayOptimizer',
  'optimize.AdamWeightDecayOptimizer', 'SgdOptimizer', 'optimize.SgdOptimizer'];

export const meshTensorflow: EcosystemTable = {
  id: 'mesh-tensorflow',
  displayName: 'Mesh TensorFlow',
  formats: ['gin'],
  detect: {
    keys: [
      { pattern: 'run.learning_rate_schedule', weight: 3 },
      { pattern: 'run.train_steps', weight: 1 },
      { pattern: 'run.batch_size', weight: 1 },
      { pattern: 'run.layout_rules', weight: 2 },
      { pattern: 'run.mesh_shape', weight: 2 },
      { pattern: 'AdafactorOptimizer', weight: 2 },
    ],
    callees: [
      { name: 'mesh_tensorflow.optimize', weight: 3 },
      { name: 'mesh_tensorflow.transformer.learning_rate_schedules', weight: 3 },
      { name: 'mesh_tensorflow.transformer.utils', weight: 2 },
    ],
  },
  run,
  optimizers: [
    {
      at: '',
      callees: OPTIMIZERS,
      nameKeys: [],
      hyperparameters: {
        lr: ['learning_rate'],
        beta1: ['beta1', 'beta_1'],
        beta2: ['beta_2'],
        eps: ['epsilon1', 'epsilon'],
        weightDecay: ['weight_decay_rate'],
      },
      names: { '*': unmodelled('Mesh TensorFlow optimizer (by configurable)') },
    },
  ],
  notRoles: [
    ...['AdafactorOptimizer.epsilon2', 'optimize.AdafactorOptimizer.epsilon2'].map((key) => ({ key,
      reason: "Adafactor's floor on the parameter scale, not the update's ε",
      source: 'tensorflow/mesh mesh_tensorflow/optimize.py AdafactorOptimizer' })),
    ...bound('linear_decay.steps_or_fraction').map((key) => ({ key,
      reason: 'the length of the final decay, a fraction of the run up to 1', source: SCHEDULES })),
    ...bound('learning_rate_schedule_noam.linear_decay_fraction').map((key) => ({ key,
      reason: 'the share of the run the final linear decay takes', source: SCHEDULES })),
    ...bound('product_learning_rate.offset').map((key) => ({ key,
      reason: 'a step offset of the schedule', source: SCHEDULES })),
  ],
  defaults: {},
  batch: {},
  schedules: {},
};
export default meshTensorflow;
