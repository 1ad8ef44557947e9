/**
 * ESPnet2 training configs (conf/train_*.yaml of an egs2 recipe): `optim` names a torch optimizer (lower case) built as
 * `optim_class(model.parameters(), **optim_conf)`, so torch's defaults hold for what `optim_conf` leaves out;
 * `scheduler` / `scheduler_conf` the lr schedule (`warmuplr`: linear warmup to the written lr over `warmup_steps`, then
 * inverse-square-root decay; `piecewiselinearwarmuplr`: linear pieces through `warmup_steps_list` / `warmup_lr_list`,
 * so the warmup ends at the list's last step, then the same decay); `accum_grad`; `batch_size` counts utterances over
 * all GPUs (split across them), while `batch_bins` (batch_type numel, length) counts input elements, not samples;
 * `max_epoch` is the run length in epochs.
 * Sources: espnet/espnet@f0aa385e espnet2/tasks/abs_task.py (get_parser: --optim default "adadelta", --optim_conf,
 * --scheduler default None, --batch_type default "folded"; build_optimizers), espnet/espnet@4845ad48
 * espnet2/schedulers/warmup_lr.py (WarmupLR: the maximum lr equals optimizer.lr), espnet/espnet@08194301
 * espnet2/schedulers/piecewise_linear_warmup_lr.py (get_lr: np.interp over the lists, then
 * `lr * warmup_steps_list[-1]**0.5 * step**-0.5`).
 */
import type { EcosystemTable, OptimizerInfo, SiblingCondition } from './types';
import { TORCH_NAMES, unmodelled } from './optimizer-names';

const PARSER = 'espnet/espnet@f0aa385e espnet2/tasks/abs_task.py get_parser';

/** PaddleSpeech's switch of a sampler that hands each card whole batches (see `run` below). */
const DISTRIBUTED_BY_BATCH_SIZE_ON: SiblingCondition = { sibling: 'dist_sampler', values: [true], ifAbsent: false };
const DISTRIBUTED_BY_BATCH_SIZE_OFF: SiblingCondition = { sibling: 'dist_sampler', values: [false], ifAbsent: true };

function torch(name: string): OptimizerInfo {
  return TORCH_NAMES[name] ?? unmodelled(`torch.optim.${name}`);
}

/** espnet2/optimizers optim_classes: lower-case names of torch.optim classes. */
const NAMES: Record<string, OptimizerInfo> = {
  adam: torch('Adam'), adamw: torch('AdamW'), sgd: torch('SGD'), adadelta: torch('Adadelta'),
  adagrad: torch('Adagrad'), adamax: torch('Adamax'), asgd: torch('ASGD'), lbfgs: torch('LBFGS'),
  rmsprop: torch('RMSprop'), rprop: torch('Rprop'), '*': unmodelled('ESPnet optimizer (by name)'),
};

export const espnet: EcosystemTable = {
  id: 'espnet',
  displayName: 'ESPnet',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'optim_conf', weight: 2 },
      { pattern: 'scheduler_conf', weight: 2 },
      { pattern: 'batch_bins', weight: 3 },
      { pattern: 'batch_type', weight: 2 },
      { pattern: 'accum_grad', weight: 1 },
      { pattern: 'keep_nbest_models', weight: 3 },
      { pattern: 'best_model_criterion', weight: 3 },
      { pattern: 'encoder_conf', weight: 1 },
      { pattern: 'frontend_conf', weight: 1 },
      { pattern: 'specaug_conf', weight: 2 },
      { pattern: 'max_epoch', weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML (yaml.safe_load)', dotlessExponent: 'string',
    source: 'espnet/espnet@602394e8 espnet2/utils/config_argparse.py: yaml.safe_load(f)' },
  run: {
    // PaddleSpeech's ESPnet-style ASR configs write `dist_sampler: True`: its BatchDataLoader makes batches of
    // batch_size utterances, then a DistributedBatchSampler hands each card whole batches, so the batch is each card's
    // (PaddlePaddle/PaddleSpeech@034aef5 paddlespeech/s2t/io/dataloader.py BatchDataLoader: make_batchset(data_json,
    // batch_size, ...), DistributedBatchSampler(dataset, batch_size=1) if dist_sampler). ESPnet writes no such key.
    globalBatchSize: [{ key: 'batch_size', when: [DISTRIBUTED_BY_BATCH_SIZE_OFF] }],
    microBatchSize: [{ key: 'batch_size', when: [DISTRIBUTED_BY_BATCH_SIZE_ON] }],
    gradAccum: ['accum_grad'],
    steps: [{ key: 'max_epoch', unit: 'epochs' }],
    warmupSteps: ['scheduler_conf.warmup_steps', { key: 'scheduler_conf.warmup_steps_list', index: -1 }],
    schedule: ['scheduler'],
  },
  optimizers: [
    {
      at: '', nameKeys: ['optim'], defaultName: 'adadelta',
      hyperparameters: {
        lr: ['optim_conf.lr'],
        beta1: [{ key: 'optim_conf.betas', index: 0 }], beta2: [{ key: 'optim_conf.betas', index: 1 }],
        eps: ['optim_conf.eps'], weightDecay: ['optim_conf.weight_decay'], momentum: ['optim_conf.momentum'],
      },
      names: NAMES,
    },
  ],
  notRoles: [
    { key: 'batch_bins', reason: 'input elements per batch (batch_type numel or length), not samples', source: PARSER },
  ],
  defaults: {},
  batch: {},
  schedules: {
    warmuplr: 'inverse-sqrt', piecewiselinearwarmuplr: 'inverse-sqrt', noamlr: 'inverse-sqrt',
    cosineannealinglr: 'cosine', warmupcosinelr: 'cosine', linearlr: 'linear', constantlr: 'constant',
  },
};
export default espnet;
