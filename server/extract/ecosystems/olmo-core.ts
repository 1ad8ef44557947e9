/**
 * OLMo-core: Python training scripts building config dataclasses (`AdamWConfig(lr=..., betas=...)`,
 * `TrainModuleConfig(rank_microbatch_size=..., max_sequence_length=...)`, `DataLoaderConfig(global_batch_size=...)`,
 * `CosWithWarmup(warmup_steps=...)`). Its global batch is counted in tokens.
 * Defaults: allenai/OLMo-core src/olmo_core/optim/adamw.py l.240-262 (betas (0.9, 0.999), eps 1e-8, wd 0.01).
 */
import type { Defaults, EcosystemTable, KeySpelling, OptimizerInfo, ValueUnit } from './types';
import { adamKwargs } from './torch-kwargs';

const SOURCE = 'OLMo-core src/olmo_core/optim/adamw.py AdamWConfig';
const ADAMW_DEFAULTS: Defaults = {
  lr: { value: 1e-3, from: `${SOURCE}: lr = 1e-3` },
  beta1: { value: 0.9, from: `${SOURCE}: betas = (0.9, 0.999)` },
  beta2: { value: 0.999, from: `${SOURCE}: betas = (0.9, 0.999)` },
  eps: { value: 1e-8, from: `${SOURCE}: eps = 1e-8` },
  weightDecay: { value: 0.01, from: `${SOURCE}: weight_decay = 1e-2` },
};
/** `key=Duration.<unit>(n)`: the number n, in the unit the Duration's constructor names. */
function durationOf(key: string, constructor: string, unit: ValueUnit | null): KeySpelling {
  const when = [{ sibling: '', values: [constructor], ifAbsent: false }];
  return unit === null ? { key: `**.${key}[0]`, when } : { key: `**.${key}[0]`, unit, when };
}

const ADAMW: OptimizerInfo = { kind: 'adamw', implementation: 'olmo_core.optim.AdamW', weightDecaySemantics: 'lr', defaults: ADAMW_DEFAULTS };

/**
 * OLMo-core's internal cookbook builds the train module the OLMo 3 scripts use: `cookbook.configure_train_module(
 * max_sequence_length, rank_microbatch_size, learning_rate, scheduler, ...)` returns a TransformerTrainModuleConfig
 * whose optimizer is fixed in the function, SkipStepAdamWConfig(lr=learning_rate, weight_decay=0.1,
 * betas=(0.9, 0.95)) with the class's eps.
 */
const COOKBOOK = 'allenai/OLMo-core@600d2fe src/olmo_core/internal/cookbook.py configure_train_module';
const COOKBOOK_ADAMW: OptimizerInfo = {
  ...ADAMW,
  implementation: 'olmo_core.optim.SkipStepAdamW (built by cookbook.configure_train_module)',
  defaults: {
    beta1: { value: 0.9, from: `${COOKBOOK}: SkipStepAdamWConfig(betas=(0.9, 0.95))` },
    beta2: { value: 0.95, from: `${COOKBOOK}: SkipStepAdamWConfig(betas=(0.9, 0.95))` },
    eps: ADAMW_DEFAULTS.eps,
    weightDecay: { value: 0.1, from: `${COOKBOOK}: SkipStepAdamWConfig(weight_decay=0.1)` },
  },
};

export const olmoCore: EcosystemTable = {
  id: 'olmo-core',
  displayName: 'OLMo-core',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'AdamWConfig', weight: 3 },
      { name: 'SkipStepAdamWConfig', weight: 4 },
      { name: 'TrainModuleConfig', weight: 3 },
      { name: 'TransformerTrainModuleConfig', weight: 4 },
      { name: 'configure_train_module', weight: 3 },
      { name: 'NumpyDatasetConfig', weight: 3 },
      { name: 'CosWithWarmup', weight: 2 },
      { name: 'olmo_core', weight: 3 },
    ],
  },
  run: {
    microBatchSize: [{ key: '**.rank_microbatch_size', unit: 'tokens' }],
    globalBatchSize: [{ key: '**.global_batch_size', unit: 'tokens' }],
    seqLen: ['**.max_sequence_length', '**.sequence_length'],
    // TrainerConfig.max_duration / hard_stop are Durations: Duration.steps(n), .tokens(n) or .epochs(n)
    // (OLMo-core src/olmo_core/train/common.py Duration, DurationUnit). The run stops at whichever comes first: a hard
    // stop in steps is read before a token or epoch budget, which stays in its unit (steps where tokens per step are
    // known). The `when` reads the Duration's constructor, written at the key itself.
    steps: [
      durationOf('hard_stop', 'steps', null),
      durationOf('max_duration', 'steps', null),
      durationOf('hard_stop', 'tokens', 'tokens'),
      durationOf('max_duration', 'tokens', 'tokens'),
      durationOf('hard_stop', 'epochs', 'epochs'),
      durationOf('max_duration', 'epochs', 'epochs'),
    ],
    warmupSteps: ['**.warmup_steps'],
    // The train module's `scheduler=CosWithWarmup(warmup_steps=2000)`: the schedule is the object's class.
    schedule: ['**.train_module.scheduler', '**.scheduler'],
  },
  optimizers: [
    {
      at: '',
      callees: ['configure_train_module'],
      nameKeys: [],
      hyperparameters: { lr: ['learning_rate'] },
      names: { configure_train_module: COOKBOOK_ADAMW },
    },
    {
      at: '',
      callees: ['AdamWConfig', 'SkipStepAdamWConfig', 'LionConfig', 'SkipStepLionConfig', 'MuonConfig'],
      nameKeys: [],
      hyperparameters: adamKwargs(),
      names: {
        AdamWConfig: ADAMW,
        SkipStepAdamWConfig: { ...ADAMW, implementation: 'olmo_core.optim.SkipStepAdamW' },
        LionConfig: { kind: 'lion', implementation: 'olmo_core.optim.Lion', weightDecaySemantics: 'lr' },
        SkipStepLionConfig: { kind: 'lion', implementation: 'olmo_core.optim.SkipStepLion', weightDecaySemantics: 'lr' },
        MuonConfig: { kind: 'muon', implementation: 'olmo_core.optim.Muon', weightDecaySemantics: 'lr' },
      },
    },
  ],
  defaults: {},
  batch: { unit: 'tokens' },
  schedules: { CosWithWarmup: 'cosine', LinearWithWarmup: 'linear', WSD: 'wsd', ConstantWithWarmup: 'constant', InvSqrtWithWarmup: 'inverse-sqrt' },
};
export default olmoCore;
