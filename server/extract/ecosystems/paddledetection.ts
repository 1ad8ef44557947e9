/**
 * PaddleDetection (ppdet) YAML configs. `epoch` is the run, in epochs (ppdet/engine/trainer.py train(): `for epoch_id
 * in range(self.start_epoch, self.cfg.epoch)`). `LearningRate: {base_lr, schedulers: [...]}` builds the schedule from
 * its list: `schedulers[0]` decays, `schedulers[1]` warms up (ppdet/optimizer/optimizer.py LearningRate.__call__: the
 * warmup is `self.schedulers[1](base_lr, step_each_epoch)`, the decay `self.schedulers[0](...)`), each an object the
 * YAML tag names (`- !CosineDecay {max_epochs: 96}`, read as `!new` by yaml-tags.ts; ppdet's serializable registers
 * `!ClassName` for each class) or, in dict form, `name:`. LinearWarmup(steps=500, start_factor=1/3, epochs=None): its
 * `epochs`, when written, win over `steps`. `OptimizerBuilder: {optimizer: {type: Momentum, momentum: 0.9},
 * regularizer: {type: L2, factor: 0.0005}}` builds a Paddle optimizer whose L2Decay regulariser adds λ·θ to the
 * gradient (coupled). `TrainReader.batch_size` is each card's batch (roles/places.ts reads it).
 * Sources: PaddlePaddle/PaddleDetection@1260e1a ppdet/optimizer/optimizer.py (CosineDecay, LinearWarmup, LearningRate),
 * ppdet/core/config/yaml_helpers.py (serializable), ppdet/engine/trainer.py; paddlepaddle.org.cn documentation
 * api/paddle/optimizer/Momentum (momentum=0.9 by default) and api/paddle/regularizer/L2Decay.
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';

const MOMENTUM: OptimizerInfo = {
  kind: 'sgd',
  implementation: 'paddle.optimizer.Momentum',
  weightDecaySemantics: 'coupled-l2',
  defaults: {
    momentum: { value: 0.9, from: 'paddle.optimizer.Momentum(learning_rate=0.001, momentum=0.9, ...)' },
  },
};
const ADAMW: OptimizerInfo = { kind: 'adamw', implementation: 'paddle.optimizer.AdamW', weightDecaySemantics: 'lr' };

export const paddledetection: EcosystemTable = {
  id: 'paddledetection',
  displayName: 'PaddleDetection',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'LearningRate.base_lr', weight: 3 },
      { pattern: 'LearningRate.schedulers', weight: 3 },
      { pattern: 'OptimizerBuilder', weight: 3 },
      { pattern: 'TrainReader', weight: 2 },
      { pattern: 'EvalReader', weight: 2 },
      { pattern: 'snapshot_epoch', weight: 2 },
      { pattern: 'TrainDataset', weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML (yaml.load with ppdet\'s constructors)', dotlessExponent: 'string',
    source: 'PaddlePaddle/PaddleDetection ppdet/core/workspace.py load_config: yaml.load(f, Loader=yaml.Loader)' },
  run: {
    lr: ['LearningRate.base_lr'],
    steps: [{ key: 'epoch', unit: 'epochs' }],
    warmupSteps: [{ key: 'LearningRate.schedulers[1].epochs', unit: 'epochs' }, 'LearningRate.schedulers[1].steps'],
    schedule: ['LearningRate.schedulers[0].!new', 'LearningRate.schedulers[0].name'],
    microBatchSize: ['TrainReader.batch_size'],
  },
  optimizers: [
    {
      at: 'OptimizerBuilder',
      nameKeys: ['optimizer.type'],
      hyperparameters: {
        momentum: ['optimizer.momentum'],
        weightDecay: ['regularizer.factor', 'optimizer.weight_decay'],
        beta1: ['optimizer.beta1'],
        beta2: ['optimizer.beta2'],
        eps: ['optimizer.epsilon'],
      },
      names: { Momentum: MOMENTUM, AdamW: ADAMW, '*': unmodelled('PaddleDetection optimizer (by type)') },
    },
  ],
  notRoles: [
    { key: 'LearningRate.schedulers[0].max_epochs', reason: 'the length the cosine decays over, in epochs, not the ' +
      'run\'s (`epoch`)', source: 'ppdet/optimizer/optimizer.py CosineDecay(max_epochs=1000)' },
    { key: 'snapshot_epoch', reason: 'how often a checkpoint is saved, in epochs', source: 'ppdet/engine/trainer.py' },
  ],
  defaults: {},
  batch: {},
};
export default paddledetection;
