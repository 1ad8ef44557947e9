/**
 * Cerebras Model Zoo trainer YAML (`trainer: {init: {backend, model, optimizer, schedulers, loop, callbacks},
 * fit: {train_dataloader, val_dataloader}}`). The optimizer block is keyed by its class (`optimizer: {AdamW: {betas,
 * weight_decay, ...}}`, a `cerebras.pytorch.optim` class); the learning rate lives in `schedulers`, most often a
 * `SequentialLR` whose first phase warms up from 0 and whose second decays from the peak (`CosineDecayLR:
 * {initial_learning_rate, end_learning_rate, total_iters}`). `train_dataloader.batch_size` is the global batch ("The
 * global batch size of the model"), split into `csx.performance.micro_batch_size` micro-batches on the system;
 * `loop.max_steps` is the run length.
 * Sources: Cerebras/modelzoo@f1fd1e0 src/cerebras/modelzoo/common/input_utils.py:170-205 (the global batch, split by
 * gradient accumulation into micro-batches), models/nlp/llama/configs/params_llama2_7b.yaml and
 * models/vision/vision_transformer/configs (the layout).
 */
import type { EcosystemTable, OptimizerInfo, OptimizerScope } from './types';
import { TORCH_ADAM, TORCH_ADAMW, TORCH_SGD, unmodelled } from './optimizer-names';

const TRAINER = 'trainer.init';
const SCHEDULERS = `${TRAINER}.schedulers.*`;

/** The `cerebras.pytorch.optim` classes, by the key that names them; their defaults are not in this repository. */
const CLASSES: Record<string, OptimizerInfo> = {
  AdamW: { ...TORCH_ADAMW, implementation: 'cerebras.pytorch.optim.AdamW', defaults: {} },
  Adam: { ...TORCH_ADAM, implementation: 'cerebras.pytorch.optim.Adam', defaults: {} },
  SGD: { ...TORCH_SGD, implementation: 'cerebras.pytorch.optim.SGD', defaults: {} },
  Lamb: unmodelled('cerebras.pytorch.optim.Lamb'),
  Lion: unmodelled('cerebras.pytorch.optim.Lion'),
  Adafactor: unmodelled('cerebras.pytorch.optim.Adafactor'),
  RMSprop: unmodelled('cerebras.pytorch.optim.RMSprop'),
};

/** One scope per class: the block's key is the class, so each scope names the one it finds. */
const scopes: OptimizerScope[] = Object.entries(CLASSES).map(([name, info]) => ({
  at: `${TRAINER}.optimizer.${name}`,
  nameKeys: [],
  defaultName: name,
  hyperparameters: {
    lr: ['learning_rate', 'lr'],
    beta1: [{ key: 'betas', index: 0 }],
    beta2: [{ key: 'betas', index: 1 }],
    eps: ['eps'],
    weightDecay: ['weight_decay'],
    momentum: ['momentum'],
  },
  names: { [name]: info },
}));

export const cerebras: EcosystemTable = {
  id: 'cerebras',
  displayName: 'Cerebras Model Zoo',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'trainer.init.backend.backend_type', weight: 3 },
      { pattern: 'trainer.fit.train_dataloader.data_processor', weight: 3 },
      { pattern: 'trainer.init.callbacks.*.ScopedTrainFlags', weight: 3 },
      { pattern: 'trainer.init.loop.max_steps', weight: 2 },
      { pattern: 'trainer.init.precision.fp16_type', weight: 2 },
    ],
  },
  yamlLoader: { library: 'PyYAML (yaml.load with a unique-key loader)', dotlessExponent: 'string',
    source: 'Cerebras/modelzoo@f1fd1e0 src/cerebras/modelzoo/common/utils/run/cli_parser.py:33' },
  run: {
    // The peak: where the decay after a warm-up starts, else the one scheduler's start, else a constant.
    lr: [`${SCHEDULERS}.SequentialLR.schedulers[1].*.initial_learning_rate`, `${SCHEDULERS}.*.initial_learning_rate`,
      `${SCHEDULERS}.*.learning_rate`],
    // A first phase rising from 0 is the warm-up.
    warmupSteps: [{ key: `${SCHEDULERS}.SequentialLR.schedulers[0].*.total_iters`,
      when: [{ sibling: 'initial_learning_rate', values: [0], ifAbsent: false }] }],
    globalBatchSize: ['trainer.fit.train_dataloader.batch_size'],
    microBatchSize: [`${TRAINER}.callbacks.*.ScopedTrainFlags.*micro_batch_size`],
    steps: [`${TRAINER}.loop.max_steps`],
  },
  optimizers: scopes,
  notRoles: [
    { key: `${TRAINER}.callbacks.*.ScopedValidateFlags.*micro_batch_size`, reason: 'the micro-batch of validation',
      source: 'Cerebras/modelzoo@f1fd1e0 models/nlp/llama/configs/params_llama2_7b.yaml' },
    { key: `${SCHEDULERS}.**.end_learning_rate`, reason: "a schedule phase's final learning rate, not the peak",
      source: 'Cerebras/modelzoo@f1fd1e0 models/nlp/llama/configs/params_llama2_7b.yaml' },
  ],
  defaults: {},
  batch: {},
};
export default cerebras;
