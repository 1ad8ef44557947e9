/**
 * OpenNMT-py: a flat YAML of `onmt_train` options (`optim: adam`, `learning_rate: 2.0`, `decay_method: noam`,
 * `batch_size: 4096` with `batch_type: tokens`, `accum_count: [2]`), read by configargparse, whose argparse types turn
 * `2e-5` into a float. Every option is a run-level key; the optimizer is built from them in
 * onmt/utils/optimizers.py build_torch_optimizer.
 * Sources: OpenNMT/OpenNMT-py@97111d97 onmt/opts.py (defaults) and onmt/utils/optimizers.py (optimizers, schedules).
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';

const OPTS = 'OpenNMT-py onmt/opts.py @97111d97';
const BUILD = 'OpenNMT-py onmt/utils/optimizers.py @97111d97 build_torch_optimizer';

/** `optim.Adam(params, lr=opt.learning_rate, betas=betas, eps=1e-8)`: no weight decay is passed (torch's 0). */
const ADAM_DEFAULTS: Defaults = {
  beta1: { value: 0.9, from: `${OPTS}: --adam_beta1 default=0.9` },
  beta2: { value: 0.999, from: `${OPTS}: --adam_beta2 default=0.999` },
  eps: { value: 1e-8, from: `${BUILD}: optim.Adam(..., eps=1e-8)` },
  weightDecay: { value: 0, from: `${BUILD}: optim.Adam without weight_decay (torch.optim.Adam default 0)` },
};
const ADAM: OptimizerInfo = {
  kind: 'adam', implementation: 'torch.optim.Adam', weightDecaySemantics: 'coupled-l2', defaults: ADAM_DEFAULTS,
};
/** bitsandbytes AdamW8bit / PagedAdamW8bit / PagedAdamW32bit, built with `eps=1e-8, weight_decay=1e-2`. */
const bnbAdamW = (implementation: string): OptimizerInfo => ({
  kind: 'adamw', implementation, weightDecaySemantics: 'lr', defaults: {
    beta1: ADAM_DEFAULTS.beta1,
    beta2: ADAM_DEFAULTS.beta2,
    eps: { value: 1e-8, from: `${BUILD}: ${implementation}(..., eps=1e-8, weight_decay=1e-2)` },
    weightDecay: { value: 0.01, from: `${BUILD}: ${implementation}(..., eps=1e-8, weight_decay=1e-2)` },
  },
});

export const opennmt: EcosystemTable = {
  id: 'opennmt',
  displayName: 'OpenNMT-py',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'accum_count', weight: 3 },
      { pattern: 'decay_method', weight: 3 },
      { pattern: 'adagrad_accumulator_init', weight: 3 },
      { pattern: 'param_init_glorot', weight: 3 },
      { pattern: 'batch_type', weight: 2 },
      { pattern: 'encoder_type', weight: 2 },
      { pattern: 'decoder_type', weight: 2 },
      { pattern: 'save_checkpoint_steps', weight: 2 },
      { pattern: 'valid_steps', weight: 2 },
      { pattern: 'gpu_ranks', weight: 2 },
      { pattern: 'transformer_ff', weight: 2 },
      { pattern: 'word_vec_size', weight: 2 },
      { pattern: 'save_model', weight: 1 },
      { pattern: 'train_steps', weight: 1 },
      { pattern: 'keep_checkpoint', weight: 1 },
    ],
  },
  yamlLoader: {
    library: 'configargparse (YAMLConfigFileParser) + argparse types',
    dotlessExponent: 'coerced',
    source: 'OpenNMT-py onmt/utils/parse.py: ArgumentParser(config_file_parser_class=cfargparse.YAMLConfigFileParser)',
  },
  run: {
    lr: ['learning_rate'],
    beta1: ['adam_beta1'],
    beta2: ['adam_beta2'],
    // `batch_type: tokens` counts batch_size in tokens ("Tokens will do dynamic batching"); the default, sentences.
    microBatchSize: [{ key: 'batch_size', unitWhen: { sibling: 'batch_type', value: 'tokens', unit: 'tokens' } }],
    // A list with `accum_steps` changes the accumulation during the run; its first value holds from step 0.
    gradAccum: [{ key: 'accum_count', index: 0 }],
    steps: ['train_steps'],
    warmupSteps: ['warmup_steps'],
    schedule: ['decay_method'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: ['optim'],
      defaultName: 'sgd',
      hyperparameters: {},
      names: {
        // optim.SGD(params, lr=opt.learning_rate): no momentum, no weight decay.
        sgd: {
          kind: 'sgd', implementation: 'torch.optim.SGD', weightDecaySemantics: 'coupled-l2', defaults: {
            momentum: { value: 0, from: `${BUILD}: optim.SGD(params, lr=opt.learning_rate)` },
            weightDecay: { value: 0, from: `${BUILD}: optim.SGD(params, lr=opt.learning_rate)` },
          },
        },
        adam: ADAM,
        sparseadam: { ...ADAM, implementation: 'torch.optim.Adam + torch.optim.SparseAdam' },
        // apex FusedAdam(params, lr=..., betas=...): apex's defaults, eps 1e-8 and weight_decay 0.
        fusedadam: { ...ADAM, kind: 'adamw', implementation: 'apex.optimizers.FusedAdam', weightDecaySemantics: 'lr' },
        adamw8bit: bnbAdamW('bitsandbytes.optim.AdamW8bit'),
        pagedadamw8bit: bnbAdamW('bitsandbytes.optim.PagedAdamW8bit'),
        pagedadamw32bit: bnbAdamW('bitsandbytes.optim.PagedAdamW32bit'),
        adagrad: unmodelled('torch.optim.Adagrad'),
        adadelta: unmodelled('torch.optim.Adadelta'),
        adafactor: unmodelled('onmt.utils.optimizers.AdaFactor'),
        '*': unmodelled('OpenNMT-py optimizer (by name)'),
      },
    },
  ],
  defaults: {
    lr: { value: 1.0, from: `${OPTS}: --learning_rate default=1.0` },
    microBatchSize: { value: 64, from: `${OPTS}: --batch_size default=64 (--batch_type default sents)` },
    gradAccum: { value: 1, from: `${OPTS}: --accum_count default=[1]` },
    steps: { value: 100000, from: `${OPTS}: --train_steps default=100000` },
  },
  batch: { dataParallelKeys: ['world_size'] },
  lrScheduleScales: [{
    name: "OpenNMT-py's decay_method: noam",
    schedules: ['noam', 'noamwd'],
    // noam_decay(step, warmup_steps, model_size=opt.hidden_size) at step = warmup_steps; opts.py --warmup_steps
    // default=4000, --hidden_size default=-1 (no default the formula can use: it must be written).
    factors: [{ key: 'hidden_size', power: -0.5 }, { key: 'warmup_steps', power: -0.5, default: 4000 }],
    formula: 'learning_rate × hidden_size^-0.5 × warmup_steps^-0.5, reached at the end of the warmup',
    source: `${BUILD.replace(' build_torch_optimizer', '')} noam_decay`,
  }, {
    name: "OpenNMT-py's decay_method: rsqrt",
    schedules: ['rsqrt'],
    // rsqrt_decay(step, warmup_steps) = 1 / sqrt(max(step, warmup_steps)), times learning_rate
    // (Optimizer.learning_rate: scale * self._learning_rate).
    factors: [{ key: 'warmup_steps', power: -0.5, default: 4000 }],
    formula: 'learning_rate × warmup_steps^-0.5, held until the end of the warmup',
    source: `${BUILD.replace(' build_torch_optimizer', '')} rsqrt_decay`,
  }],
  schedules: {
    // noam_decay: model_size^-0.5 · min(step^-0.5, step · warmup^-1.5), times learning_rate: a linear warmup, then
    // 1/√step. rsqrt (no ramp) and noamwd (a step decay on top) have other shapes and stay unmapped.
    noam: 'inverse-sqrt',
  },
};
export default opennmt;
