/**
 * TF Model Garden (tensorflow/models `official/`): YAML experiment configs read into dataclass configs.
 * `trainer.optimizer_config` holds three one-of blocks, each a `type` naming which of its sub-blocks is used:
 * `optimizer` (`type: sgd` with `sgd: {momentum}`), `learning_rate` (`type: stepwise` with `stepwise: {boundaries,
 * values}`, `cosine`/`polynomial` with `initial_learning_rate`, `decay_steps`) and `warmup` (`linear.warmup_steps`).
 * The batch is `task.train_data.global_batch_size` (global), the run `trainer.train_steps`.
 * Vision tasks decay weights through the loss: `task.losses.l2_weight_decay` becomes a kernel regularizer
 * `l2(l2_weight_decay / 2)`, a gradient term λθ (coupled L2), not the optimizer's decoupled `weight_decay_rate`.
 * Sources: tensorflow/models@00d83f37e2de official/modeling/optimization/configs/optimizer_config.py (defaults),
 * optimization_config.py (OptimizerConfig, LrConfig, WarmupConfig one-ofs), learning_rate_config.py,
 * official/nlp/optimization.py AdamWeightDecay._decay_weights_op (var -= lr·var·weight_decay_rate),
 * official/vision/tasks/image_classification.py build_model (l2_regularizer = l2(l2_weight_decay / 2.0)).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';

const CONFIGS = 'tensorflow/models@00d83f37e2de official/modeling/optimization/configs/optimizer_config.py';
const OPTIMIZATION = 'trainer.optimizer_config';
const LR = `${OPTIMIZATION}.learning_rate`;
const WARMUP = `${OPTIMIZATION}.warmup`;

const adamDefaults = (config: string, eps: number): OptimizerInfo['defaults'] => ({
  beta1: { value: 0.9, from: `${CONFIGS}: ${config}.beta_1=0.9` },
  beta2: { value: 0.999, from: `${CONFIGS}: ${config}.beta_2=0.999` },
  eps: { value: eps, from: `${CONFIGS}: ${config}.epsilon=${eps}` },
});

const ADAMW: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'AdamWeightDecay (official/nlp/optimization.py: var -= lr·var·weight_decay_rate)',
  weightDecaySemantics: 'lr',
  defaults: {
    ...adamDefaults('AdamWeightDecayConfig', 1e-7),
    weightDecay: { value: 0, from: `${CONFIGS}: AdamWeightDecayConfig.weight_decay_rate=0.0` },
  },
};

const SGD: OptimizerInfo = {
  kind: 'sgd',
  implementation: 'tf.keras.optimizers.SGD',
  weightDecaySemantics: 'coupled-l2',
  defaults: { momentum: { value: 0, from: `${CONFIGS}: SGDConfig.momentum=0.0` } },
};

/** The sub-block of each one-of that holds a hyperparameter, in the order they are looked up. */
const inBlocks = (blocks: string[], key: string): string[] => blocks.map((b) => `${b}.${key}`);

export const tfModelGarden: EcosystemTable = {
  id: 'tf-model-garden',
  displayName: 'TF Model Garden',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: `${OPTIMIZATION}.optimizer.type`, weight: 4 },
      { pattern: `${LR}.type`, weight: 3 },
      { pattern: 'task.train_data.global_batch_size', weight: 2 },
      { pattern: 'trainer.train_steps', weight: 1 },
      { pattern: 'trainer.steps_per_loop', weight: 1 },
      { pattern: 'runtime.distribution_strategy', weight: 2 },
    ],
  },
  yamlLoader: {
    library: 'PyYAML SafeLoader with an added float resolver (official/modeling/hyperparams/params_dict.py _LOADER)',
    dotlessExponent: 'float',
    source: 'tensorflow/models@00b830c7ca64 official/modeling/hyperparams/params_dict.py: "Integer number with an ' +
      'exponential term" resolved as float',
  },
  run: {
    globalBatchSize: ['task.train_data.global_batch_size'],
    // NLP data configs (official/nlp/data/pretrain_dataloader.py BertPretrainDataConfig: seq_length=512).
    seqLen: ['task.train_data.seq_length'],
    steps: ['trainer.train_steps'],
    lr: [
      { key: `${LR}.stepwise.values`, index: 0 },
      ...inBlocks([`${LR}.cosine`, `${LR}.polynomial`, `${LR}.exponential`, `${LR}.power`, `${LR}.power_linear`,
        `${LR}.power_with_offset`], 'initial_learning_rate'),
      `${LR}.constant.learning_rate`,
      { key: `${LR}.step_cosine_with_offset.values`, index: 0 },
    ],
    warmupSteps: inBlocks([`${WARMUP}.linear`, `${WARMUP}.polynomial`], 'warmup_steps'),
    schedule: [`${LR}.type`],
    weightDecay: ['task.losses.l2_weight_decay'],
  },
  l2LossKeys: ['task.losses.l2_weight_decay'],
  optimizers: [
    {
      at: `${OPTIMIZATION}.optimizer`,
      nameKeys: ['type'],
      hyperparameters: {
        momentum: inBlocks(['sgd', 'sgd_experimental', 'lars'], 'momentum'),
        beta1: inBlocks(['adamw', 'adam', 'adamw_experimental', 'adam_experimental', 'lamb'], 'beta_1'),
        beta2: inBlocks(['adamw', 'adam', 'adamw_experimental', 'adam_experimental', 'lamb'], 'beta_2'),
        eps: inBlocks(['adamw', 'adam', 'adamw_experimental', 'adam_experimental', 'lamb'], 'epsilon'),
        weightDecay: [...inBlocks(['adamw', 'lamb', 'lars'], 'weight_decay_rate'), 'adamw_experimental.weight_decay'],
      },
      names: {
        sgd: SGD,
        sgd_experimental: { ...SGD, implementation: 'tf.keras.optimizers.experimental.SGD' },
        adamw: ADAMW,
        adamw_experimental: {
          ...ADAMW,
          implementation: 'tf.keras.optimizers.experimental.AdamW',
          defaults: {
            ...adamDefaults('AdamWeightDecayExperimentalConfig', 1e-7),
            weightDecay: { value: 0, from: `${CONFIGS}: AdamWeightDecayExperimentalConfig.weight_decay=0.0` },
          },
        },
        // Keras Adam has no decay of its own here: only the loss's L2 term, which is coupled.
        adam: { kind: 'adam', implementation: 'tf.keras.optimizers.Adam', weightDecaySemantics: 'coupled-l2',
          defaults: adamDefaults('AdamConfig', 1e-7) },
        adam_experimental: { kind: 'adam', implementation: 'tf.keras.optimizers.experimental.Adam',
          weightDecaySemantics: 'coupled-l2', defaults: adamDefaults('AdamExperimentalConfig', 1e-7) },
        lamb: unmodelled('LAMB (tensorflow_addons.optimizers.LAMB)'),
        lars: unmodelled('LARS (official/modeling/optimization/lars.py)'),
        rmsprop: unmodelled('tf.keras.optimizers.RMSprop'),
        adagrad: unmodelled('tf.keras.optimizers.Adagrad'),
        adafactor: unmodelled('Adafactor'),
        slide: unmodelled('SLIDE'),
        '*': unmodelled('TF Model Garden optimizer (by optimizer.type)'),
      },
    },
  ],
  defaults: {},
  notRoles: [
    {
      key: `${WARMUP}.linear.warmup_learning_rate`,
      reason: 'the learning rate the linear warmup starts from; the peak is the schedule\'s',
      source: 'tensorflow/models@00d83f37e2de official/modeling/optimization/configs/learning_rate_config.py: ' +
        'LinearWarmupConfig.warmup_learning_rate=0',
    },
  ],
  batch: {},
  fp16Keys: ['runtime.mixed_precision_dtype'],
  schedules: { cosine: 'cosine', constant: 'constant', polynomial: 'linear' },
};
export default tfModelGarden;
