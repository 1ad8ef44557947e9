/**
 * prime-rl (PrimeIntellect-ai/prime-rl): RL and SFT post-training configured by pydantic-settings TOML files
 * (`uv run rl @ rl.toml`, `uv run sft @ sft.toml`). An SFT file writes `[optim]` and `[data]` at the top; an RL file
 * writes the trainer's optimizer under `[trainer.optim]` and the rollouts per step under `[orchestrator]`.
 *
 * Batches: SFT's `data.batch_size` is documented "Global batch size." (samples), `data.micro_batch_size` the
 * per-step micro batch it must divide; RL's `orchestrator.batch_size` is "Samples to train on per step" (rollouts,
 * global). The shared top-level `seq_len` propagates to the trainer and orchestrator unless they write their own.
 * Optimizers are a tagged union on `type` (adamw, muon, sgd, sign_sgd; AdamW when unwritten); the scheduler defaults
 * to constant.
 * Sources: PrimeIntellect-ai/prime-rl@559b44772e47 packages/prime-rl-configs/src/prime_rl/configs/trainer.py
 * (BaseOptimizerConfig, AdamWConfig, MuonConfig, SGDConfig; TrainerConfig optim/scheduler defaults), sft.py
 * (BaseDataConfig batch_size/seq_len/micro_batch_size; optim = AdamWConfig()), orchestrator.py (batch_size, seq_len),
 * rl.py (shared seq_len, max_steps), src/prime_rl/trainer/optim/__init__.py (AdamW, Muon, SGD built from them).
 */
import type { Defaults, EcosystemTable, OptimizerInfo } from './types';

const TRAINER = 'PrimeIntellect-ai/prime-rl@559b44772e47 packages/prime-rl-configs/src/prime_rl/configs/trainer.py';
const BASE: Defaults = { weightDecay: { value: 0.01, from: `${TRAINER}: BaseOptimizerConfig weight_decay=0.01` } };

const ADAMW: OptimizerInfo = {
  kind: 'adamw', implementation: 'torch.optim.AdamW (prime_rl/trainer/optim)', weightDecaySemantics: 'lr',
  defaults: { ...BASE,
    beta1: { value: 0.9, from: `${TRAINER}: AdamWConfig betas1=0.9` },
    beta2: { value: 0.999, from: `${TRAINER}: AdamWConfig betas2=0.999` },
    eps: { value: 1e-8, from: 'torch.optim.AdamW(eps=1e-8): prime-rl passes no eps' } },
};
const MUON: OptimizerInfo = {
  kind: 'muon', implementation: 'Muon (prime_rl/trainer/optim), AdamW on non-matrix parameters', weightDecaySemantics: 'lr',
  defaults: { ...BASE,
    momentum: { value: 0.95, from: `${TRAINER}: MuonConfig mu=0.95` },
    beta1: { value: 0.9, from: `${TRAINER}: MuonConfig betas1=0.9 (the AdamW sub-optimizer)` },
    beta2: { value: 0.95, from: `${TRAINER}: MuonConfig betas2=0.95 (the AdamW sub-optimizer)` } },
};
const SGD: OptimizerInfo = {
  kind: 'sgd', implementation: 'torch.optim.SGD (nesterov=True)', weightDecaySemantics: 'coupled-l2',
  defaults: { ...BASE, momentum: { value: 0.9, from: `${TRAINER}: SGDConfig momentum=0.9` } },
};

const SPELLINGS = {
  lr: ['lr'],
  beta1: ['betas1'],
  beta2: ['betas2'],
  weightDecay: ['weight_decay'],
  momentum: ['mu', 'momentum'],
};
const NAMES: Record<string, OptimizerInfo> = {
  adamw: ADAMW, muon: MUON, sgd: SGD,
  sign_sgd: { kind: 'signsgd', implementation: 'prime_rl SignSGD', weightDecaySemantics: 'lr', defaults: BASE },
};

export const primeRl: EcosystemTable = {
  id: 'prime-rl',
  displayName: 'prime-rl',
  formats: ['toml'],
  detect: {
    keys: [
      { pattern: 'deployment.num_train_gpus', weight: 3 },
      { pattern: 'deployment.num_infer_gpus', weight: 3 },
      { pattern: 'deployment.num_train_nodes', weight: 3 },
      { pattern: 'orchestrator.batch_size', weight: 3 },
      { pattern: 'trainer.optim.lr', weight: 2 },
      { pattern: '**.env.agent.harness.id', weight: 3 },
      { pattern: '**.env.taskset.id', weight: 2 },
      { pattern: 'weight_broadcast.type', weight: 2 },
      { pattern: 'trainer.model.ac_offloading', weight: 2 },
    ],
  },
  run: {
    globalBatchSize: ['data.batch_size', 'orchestrator.batch_size'],
    microBatchSize: ['data.micro_batch_size'],
    seqLen: ['data.seq_len', 'trainer.model.seq_len', 'orchestrator.seq_len', 'seq_len'],
    steps: ['max_steps', 'trainer.max_steps'],
    warmupSteps: ['scheduler.warmup_steps', 'trainer.scheduler.warmup_steps'],
    schedule: ['scheduler.type', 'trainer.scheduler.type'],
  },
  optimizers: [
    { at: 'optim', nameKeys: ['type'], defaultName: 'adamw', hyperparameters: SPELLINGS, names: NAMES },
    { at: 'trainer.optim', nameKeys: ['type'], defaultName: 'adamw', hyperparameters: SPELLINGS, names: NAMES },
  ],
  defaults: {
    schedule: { value: 'constant', from: `${TRAINER}: TrainerConfig scheduler = ConstantSchedulerConfig()` },
  },
  notRoles: [
    {
      key: '**.max_completion_tokens',
      reason: 'the generation budget of a rollout or an evaluation, not the training sequence length',
      source: 'PrimeIntellect-ai/prime-rl@559b44772e47 packages/prime-rl-configs/src/prime_rl/configs/orchestrator.py',
    },
  ],
  batch: {},
  schedules: { constant: 'constant', cosine: 'cosine', linear: 'linear', wsd: 'wsd' },
};
export default primeRl;
