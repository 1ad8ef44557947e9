/**
 * nanochat: training scripts (`scripts/base_train.py`, `scripts/chat_sft.py`) whose settings are argparse options,
 * and whose optimizer is built by the model: `optimizer = model.setup_optimizer(unembedding_lr=..., embedding_lr=...,
 * matrix_lr=..., weight_decay=..., scalar_lr=...)` returns one `MuonAdamW`: Muon (lr = matrix_lr, momentum 0.95,
 * weight_decay decoupled and lr-scaled) for the transformer's matrices, and AdamW groups (their own lrs, betas
 * (0.8, 0.96)-(0.8, 0.995), eps 1e-10) for embeddings, lm_head and scalars. OptLens models the Muon part here; the
 * AdamW groups' learning rates (`--embedding-lr`, `--unembedding-lr`, `--scalar-lr`) are read as optimizers of their
 * own parameters. Source: karpathy/nanochat@92d63d4e nanochat/gpt.py GPT.setup_optimizer l.419-457, nanochat/optim.py
 * MuonAdamW (muon step: p -= lr·g + lr·wd·p).
 */
import type { EcosystemTable, OptimizerInfo } from './types';

const SOURCE = 'karpathy/nanochat@92d63d4e nanochat/gpt.py GPT.setup_optimizer';

const MUON_ADAMW: OptimizerInfo = {
  kind: 'muon',
  implementation: 'nanochat.optim.MuonAdamW (Muon for matrices; AdamW groups for embeddings, lm_head, scalars)',
  weightDecaySemantics: 'lr',
  builds: 'MuonAdamW',
  defaults: {
    lr: { value: 0.02, from: `${SOURCE}: matrix_lr=0.02` },
    momentum: { value: 0.95, from: `${SOURCE}: Muon groups momentum=0.95` },
    weightDecay: { value: 0, from: `${SOURCE}: weight_decay=0.0` },
  },
};

export const nanochat: EcosystemTable = {
  id: 'nanochat',
  displayName: 'nanochat',
  formats: ['python'],
  detect: {
    keys: [],
    callees: [
      { name: 'setup_optimizer', weight: 2 },
      { name: 'nanochat.gpt.GPT', weight: 3 },
      { name: 'nanochat.common.compute_init', weight: 3 },
    ],
  },
  // The scripts scale the option at run time (`matrix_lr=args.matrix_lr * batch_lr_scale`): the option's default is
  // the learning rate written in the file.
  run: { lr: ['--matrix-lr'] },
  optimizers: [
    {
      at: '',
      callees: ['setup_optimizer'],
      nameKeys: [],
      hyperparameters: { lr: ['matrix_lr'], weightDecay: ['weight_decay'] },
      names: { setup_optimizer: MUON_ADAMW },
      appliesTo: 'the transformer matrices (Muon); the AdamW groups have learning rates of their own',
    },
  ],
  defaults: {},
  batch: {},
};
export default nanochat;
