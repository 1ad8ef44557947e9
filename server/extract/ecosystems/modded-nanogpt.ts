/**
 * modded-nanogpt speedrun scripts: a `Hyperparameters` dataclass read through `args = Hyperparameters()`,
 * and two optimizers: Muon (or NorMuon) for the hidden weight matrices, Adam-type for embeddings, the
 * lm_head and scalars. Each record changes the names a little, so the table lists the spellings of the
 * records it was checked against:
 * - KellerJordan/modded-nanogpt@2b78ab3b train_gpt2.py (2024-10-18): torch.optim.AdamW(lm_head, lr=args.learning_rate,
 *   betas=(0.9, 0.95)) + Muon(transformer.h, lr=0.1*args.learning_rate, momentum=0.95); Muon has no weight decay;
 * - 2025 records: DistAdam(..., lr, betas, eps, weight_decay) whose decay is p·(1 − lr·λ), and Muon/NorMuon(...,
 * weight_decay)
 *   decaying by p·(1 − lr·λ);
 * - HEAD (f411b3d3 train_gpt.py l.845, 878): one NorMuonAndAdam(adam_defaults=dict(...), normuon_defaults=dict(...)),
 *   whose Adam part decays by lr²·λ and whose NorMuon part by lr·λ·wd_mul.
 */
import type { EcosystemTable, OptimizerInfo } from './types';
import { TORCH_ADAM, TORCH_ADAMW } from './optimizer-names';

const MUON: OptimizerInfo = {
  kind: 'muon',
  implementation: 'modded-nanogpt Muon (Newton-Schulz orthogonalised SGD-momentum, nesterov)',
  weightDecaySemantics: 'lr',
  defaults: {
    momentum: { value: 0.95, from: 'modded-nanogpt train_gpt2.py @2b78ab3b: Muon(momentum=0.95)' },
    weightDecay: { value: 0, from: 'modded-nanogpt train_gpt2.py @2b78ab3b: Muon takes no weight decay; later records default weight_decay=0' },
  },
};

const DIST_ADAM: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'modded-nanogpt DistAdam (decay p·(1 − lr·λ))',
  weightDecaySemantics: 'lr',
  defaults: {
    beta1: { value: 0.9, from: 'modded-nanogpt DistAdam signature: betas=(0.9, 0.999)' },
    beta2: { value: 0.999, from: 'modded-nanogpt DistAdam signature: betas=(0.9, 0.999)' },
    eps: { value: 1e-8, from: 'modded-nanogpt DistAdam signature: eps=1e-8' },
    weightDecay: { value: 0.01, from: 'modded-nanogpt DistAdam signature: weight_decay=0.01' },
  },
};

const HIDDEN = 'hidden weight matrices (transformer blocks)';
const OTHERS = 'embeddings, lm_head and scalar parameters';

export const moddedNanogpt: EcosystemTable = {
  id: 'modded-nanogpt',
  displayName: 'modded-nanogpt',
  formats: ['python'],
  detect: {
    keys: [
      { pattern: 'Hyperparameters.warmdown_iters', weight: 3 },
      { pattern: 'Hyperparameters.cooldown_frac', weight: 3 },
      { pattern: 'Hyperparameters.val_loss_every', weight: 2 },
      { pattern: 'Hyperparameters.device_batch_size', weight: 2 },
      { pattern: 'Hyperparameters.num_iterations', weight: 1 },
      { pattern: 'Hyperparameters.train_seq_len', weight: 1 },
      { pattern: 'Hyperparameters.val_seq_len', weight: 2 },
      { pattern: 'Hyperparameters.sequence_length', weight: 1 },
    ],
    callees: [
      { name: 'Muon', weight: 2 },
      { name: 'NorMuon', weight: 3 },
      { name: 'DistAdam', weight: 3 },
      { name: 'NorMuonAndAdam', weight: 4 },
    ],
    fileNames: ['train_gpt.py', 'train_gpt2.py', 'train_gpt_medium.py'],
  },
  run: {
    lr: ['Hyperparameters.learning_rate'],
    weightDecay: ['Hyperparameters.weight_decay'],
    // 2024 records count batches in sequences (device_batch_size, batch_size = 8*64); FlexAttention records
    // (2025) feed each GPU one packed sequence of train_seq_len tokens per step.
    microBatchSize: ['Hyperparameters.device_batch_size', { key: 'Hyperparameters.train_seq_len', unit: 'tokens' }],
    globalBatchSize: ['Hyperparameters.batch_size'],
    seqLen: ['Hyperparameters.sequence_length', 'Hyperparameters.seq_len'],
    steps: ['Hyperparameters.num_iterations', 'Hyperparameters.train_steps'],
    warmupSteps: ['Hyperparameters.warmup_iters'],
    // The Python reader gives a schedule function the shape of its branches (trapezoidal for get_lr).
    schedule: ['get_lr'],
  },
  optimizers: [
    {
      at: '',
      callees: ['torch.optim.AdamW', 'torch.optim.Adam', 'DistAdam'],
      nameKeys: [],
      hyperparameters: {
        lr: ['lr', '0.0.lr'],
        beta1: [{ key: 'betas', index: 0 }],
        beta2: [{ key: 'betas', index: 1 }],
        eps: ['eps'],
        weightDecay: ['weight_decay'],
      },
      names: { 'torch.optim.AdamW': TORCH_ADAMW, 'torch.optim.Adam': TORCH_ADAM, DistAdam: DIST_ADAM },
      appliesTo: OTHERS,
    },
    {
      at: '',
      callees: ['Muon', 'NorMuon'],
      nameKeys: [],
      hyperparameters: { lr: ['lr'], momentum: ['momentum'], weightDecay: ['weight_decay'] },
      names: { Muon: MUON, NorMuon: { ...MUON, implementation: 'modded-nanogpt NorMuon (Muon with per-neuron second-moment normalisation)' } },
      appliesTo: HIDDEN,
    },
    {
      at: '**.adam_defaults',
      nameKeys: [],
      defaultName: 'NorMuonAndAdam (Adam)',
      hyperparameters: { lr: ['lr'], eps: ['eps'], weightDecay: ['weight_decay'] },
      names: { '*': { kind: 'adamw', implementation: 'modded-nanogpt NorMuonAndAdam, Adam part (decay p·(1 − lr²·λ))', weightDecaySemantics: 'lr-squared' } },
      appliesTo: OTHERS,
    },
    {
      at: '**.normuon_defaults',
      nameKeys: [],
      defaultName: 'NorMuonAndAdam (NorMuon)',
      hyperparameters: { lr: ['lr'], momentum: ['momentum'], weightDecay: ['weight_decay'] },
      names: { '*': { ...MUON, implementation: 'modded-nanogpt NorMuonAndAdam, NorMuon part (decay p·(1 − lr·λ·wd_mul))', defaults: {} } },
      appliesTo: HIDDEN,
    },
  ],
  defaults: {
    // The speedrun is defined on 8 GPUs: batch_size = 8 × device_batch_size, so train_accumulation_steps
    // = batch_size // (device_batch_size × world size) is 1 there; a world-size setting derives it instead.
    gradAccum: { value: 1, from: 'modded-nanogpt train_gpt2.py @2b78ab3b l.375 on its 8×H100 setup: 8*64 // (64 × 8)' },
    schedule: {
      value: 'trapezoidal',
      from: 'modded-nanogpt train_gpt2.py @2b78ab3b get_lr: linear warmup, constant, then linear warmdown over warmdown_iters',
    },
  },
  batch: {},
  schedules: { trapezoidal: 'wsd' },
};
export default moddedNanogpt;
