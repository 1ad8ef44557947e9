/**
 * 4M (apple/ml-4m) training configs: flat YAML whose keys are run_training_4m.py's argparse options (the file is read
 * as the parser's defaults, the command line overrides it). The learning rate is written as `blr`, a base rate for a
 * batch of 256: `lr = blr * batch_size * accum_iter * world_size / 256` at run time; `batch_size` is the batch of each
 * GPU. The optimizer is `opt` (fourm/utils/optim_factory.py create_optimizer: adamw by default) with `opt_betas`
 * (0.9, 0.95), `opt_eps` 1e-8 and `weight_decay` 0.05 unless written. A run may be told in epochs or in
 * `total_tokens`, billions of tokens (then `epochs: -1`), and its warmup in `warmup_epochs`, `warmup_steps` or
 * `warmup_tokens`, billions of tokens (then the other two are -1): the steps are derived at run time from the tokens
 * of a sample and the global batch, so the token counts are no step counts and the -1 beside them is no warmup.
 * Sources: apple/ml-4m@cda590f run_training_4m.py:50-126 (the options and their defaults), :432-450 (epochs and
 * warmup steps from tokens), :498 (the lr from blr).
 */
import type { Defaults, EcosystemTable, NotRole, SiblingCondition } from './types';
import { TORCH_ADAM, TORCH_ADAMW, TORCH_SGD, unmodelled } from './optimizer-names';

const SCRIPT = 'apple/ml-4m@cda590f run_training_4m.py';
const TOKENS = 'billions of tokens, which the script turns into steps at run time from the tokens of a sample and the ' +
  'global batch';

/** Read only where no token count is set beside it (`warmup_tokens` unwritten or -1). */
const NO_WARMUP_TOKENS: SiblingCondition = { sibling: 'warmup_tokens', values: [-1], ifAbsent: true };

/** A `-1` that hands the count to the option in tokens written beside it (`epochs: -1` with `total_tokens: 500`). */
function handedToTokens(key: string, tokens: string): NotRole {
  return {
    key, reason: `-1: not used, since ${tokens} (${TOKENS}) sets it`, source: `${SCRIPT}:432-450`,
    unless: { key: tokens, values: [-1], default: -1 },
  };
}

/** The script's option defaults: the optimizer's, which replace torch's where the file is silent. */
const DEFAULTS: Defaults = {
  beta1: { value: 0.9, from: `${SCRIPT}:97 --opt_betas default [0.9, 0.95]` },
  beta2: { value: 0.95, from: `${SCRIPT}:97 --opt_betas default [0.9, 0.95]` },
  eps: { value: 1e-8, from: `${SCRIPT}:95 --opt_eps default 1e-8` },
  weightDecay: { value: 0.05, from: `${SCRIPT}:108 --weight_decay default 0.05` },
  gradAccum: { value: 1, from: `${SCRIPT}:58 --accum_iter default 1` },
  schedule: { value: 'cosine', from: `${SCRIPT}:119 --scheduler default 'cosine'` },
};

export const fourm: EcosystemTable = {
  id: 'fourm',
  displayName: '4M (ml-4m)',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'blr', weight: 1 },
      { pattern: 'min_blr', weight: 2 },
      { pattern: 'total_tokens', weight: 2 },
      { pattern: 'warmup_tokens', weight: 2 },
      { pattern: 'num_input_tokens', weight: 2 },
      { pattern: 'num_target_tokens', weight: 2 },
      { pattern: 'epoch_size', weight: 1 },
    ],
  },
  yamlLoader: { library: 'PyYAML (yaml.safe_load into the parser defaults)', dotlessExponent: 'coerced',
    source: `${SCRIPT}:226-230 (parser.set_defaults(**yaml.safe_load(f)); argparse's type=float converts)` },
  run: {
    microBatchSize: ['batch_size'],
    gradAccum: ['accum_iter'],
    warmupSteps: [
      { key: 'warmup_steps', when: [NO_WARMUP_TOKENS] },
      { key: 'warmup_epochs', unit: 'epochs', when: [NO_WARMUP_TOKENS] },
    ],
    schedule: ['scheduler'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: ['opt'],
      defaultName: 'adamw',
      hyperparameters: {
        lr: ['blr'],
        beta1: [{ key: 'opt_betas', index: 0 }],
        beta2: [{ key: 'opt_betas', index: 1 }],
        eps: ['opt_eps'],
        weightDecay: ['weight_decay'],
        momentum: ['momentum'],
      },
      // optim_factory.py builds optim.AdamW / optim.Adam / optim.SGD(momentum=args.momentum) from `opt`.
      names: {
        AdamW: { ...TORCH_ADAMW, defaults: DEFAULTS },
        Adam: { ...TORCH_ADAM, defaults: DEFAULTS },
        SGD: { ...TORCH_SGD, defaults: { momentum: { value: 0.9, from: `${SCRIPT}:106 --momentum default 0.9` } } },
        '*': unmodelled('a 4M optim_factory optimizer (by name)'),
      },
    },
  ],
  notRoles: [
    handedToTokens('epochs', 'total_tokens'),
    handedToTokens('warmup_epochs', 'warmup_tokens'),
    handedToTokens('warmup_steps', 'warmup_tokens'),
    { key: 'total_tokens', reason: `the run's length in ${TOKENS}`, source: `${SCRIPT}:55, 432-440` },
    { key: 'warmup_tokens', reason: `the warmup in ${TOKENS}`, source: `${SCRIPT}:126, 445-450` },
    { key: 'min_blr', reason: 'the base rate the cosine decays to', source: `${SCRIPT}:115` },
    { key: 'num_input_tokens', reason: "the encoder's token budget of a sample", source: `${SCRIPT}:76` },
    { key: 'num_target_tokens', reason: "the decoder's token budget of a sample", source: `${SCRIPT}:78` },
  ],
  defaults: DEFAULTS,
  batch: {},
  schedules: { cosine: 'cosine' },
};
export default fourm;
