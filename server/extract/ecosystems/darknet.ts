/**
 * Darknet `.cfg` files (YOLOv2–v4 and the classifiers trained with AlexeyAB/darknet or pjreddie/darknet): an INI-like
 * file whose first section, `[net]` or `[network]`, holds the training settings, followed by one section per layer
 * (`[convolutional]`, `[yolo]`, …, read as blocks of their own by the INI reader).
 * - `learning_rate` (default .001), `momentum` (.9), `decay` (.0001), `batch` (1), `subdivisions` (1),
 *   `max_batches` (0), `burn_in` (0), `policy` (constant): parse_net_options.
 * - `batch` is the images of one iteration, split into `subdivisions` mini-batches (`net->batch /= subdivs`); the
 *   weights are updated once per iteration, after `subdivisions` forward/backward passes (train_network_datum), so
 *   `subdivisions` is the accumulation and `max_batches` counts optimizer steps.
 * - The update is SGD with heavy-ball momentum and `decay` added to the gradient (coupled L2), as torch's SGD with
 *   dampening 0: `weight_updates += -decay·batch·w; w += lr/batch · weight_updates; weight_updates *= momentum`
 *   over gradients summed across the batch (update_convolutional_layer).
 * - `burn_in` ramps the lr as (iteration/burn_in)^power (power 4) before the policy applies: a warmup.
 * - `adam=1` runs Adam instead, with `B1` (.9), `B2` (.999), `eps` (.000001), decay still added to the gradient
 *   (adam_update_gpu: `axpy(-decay·batch, w, d)` before the moments); `momentum` is then unused.
 * Sources: AlexeyAB/darknet@0d0144e2 src/parser.c (parse_net_options), src/convolutional_layer.c
 * (update_convolutional_layer), src/network.c (train_network_datum, get_current_rate), src/blas_kernels.cu
 * (adam_update_gpu).
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAM, TORCH_SGD } from './optimizer-names';

const PARSER = 'AlexeyAB/darknet@0d0144e2 src/parser.c parse_net_options';
const NET = ['net', 'network'];
const at = (key: string): string[] => NET.map((section) => `${section}.${key}`);

const SGD: OptimizerInfo = {
  ...TORCH_SGD,
  implementation: 'darknet SGD (momentum, decay as L2 in the gradient: update_convolutional_layer)',
  defaults: {
    momentum: { value: 0.9, from: PARSER },
    weightDecay: { value: 0.0001, from: PARSER },
  },
};

const ADAM: OptimizerInfo = {
  ...TORCH_ADAM,
  implementation: 'darknet Adam (adam=1; decay as L2 in the gradient: adam_update_gpu)',
  defaults: {
    beta1: { value: 0.9, from: PARSER },
    beta2: { value: 0.999, from: PARSER },
    eps: { value: 0.000001, from: PARSER },
    weightDecay: { value: 0.0001, from: PARSER },
  },
};

export const darknet: EcosystemTable = {
  id: 'darknet',
  displayName: 'Darknet',
  formats: ['ini'],
  detect: {
    keys: [
      ...at('subdivisions').map((pattern) => ({ pattern, weight: 3 })),
      ...at('burn_in').map((pattern) => ({ pattern, weight: 3 })),
      ...at('max_batches').map((pattern) => ({ pattern, weight: 3 })),
      ...at('policy').map((pattern) => ({ pattern, weight: 1 })),
      { pattern: 'convolutional.filters', weight: 2 },
      { pattern: 'yolo.anchors', weight: 2 },
    ],
    fileNames: ['yolo*.cfg', '*darknet*.cfg'],
  },
  run: {
    globalBatchSize: at('batch'),
    gradAccum: at('subdivisions'),
    steps: at('max_batches'),
    warmupSteps: at('burn_in'),
    schedule: at('policy'),
  },
  optimizers: [
    {
      at: '',
      nameKeys: [],
      defaultName: 'SGD',
      // The INI reader lower-cases option names as configparser does: darknet's `B1` is `b1` here.
      hyperparameters: {
        lr: at('learning_rate'), momentum: at('momentum'), weightDecay: at('decay'),
        beta1: at('b1'), beta2: at('b2'), eps: at('eps'),
      },
      onlyFor: { momentum: ['SGD'], beta1: ['Adam'], beta2: ['Adam'], eps: ['Adam'] },
      switches: NET.map((section) => ({ key: `${section}.adam`, on: 'true' as const, name: 'Adam', runs: ADAM,
        source: PARSER })),
      names: { SGD, Adam: ADAM, '*': SGD },
    },
  ],
  defaults: { lr: { value: 0.001, from: PARSER } },
  batch: {},
  // get_policy: the names parse_net_options accepts; step decays, poly, exp, sigmoid, SGDR are shapes the core does
  // not model.
  schedules: { constant: 'constant', steps: null, step: null, poly: null, exp: null, sig: null, sgdr: null, random: null },
};
export default darknet;
