/**
 * VITS-family training configs (JSON: `train`, `data`, `model`), as jaywalnut310/vits wrote them and its descendants
 * keep them (RVC, MeloTTS, Bert-VITS2, So-VITS-SVC): the training script builds two `torch.optim.AdamW` (generator and
 * discriminator) from `train.learning_rate`, `train.betas` and `train.eps`, without a weight decay, and an
 * `ExponentialLR(gamma=train.lr_decay)` stepped once per epoch; `train.batch_size` is one rank's batch (a
 * DistributedBucketSampler per rank); `train.epochs` bounds the run in epochs. `train.warmup_epochs` and
 * `train.init_lr_ratio` are read by nothing. Sources: myshell-ai/MeloTTS@2091453 melo/train.py:70-77 (the sampler),
 * :145-160 (the AdamWs), :241-254 (ExponentialLR, the epoch loop); RVC-Project/Retrieval-based-Voice-Conversion-WebUI
 * @4338f12 train/train.py:158-166, 203-214, 273-278 (the same; the WebUI passes -bs and -te, which replace
 * train.batch_size and the epochs: train/utils.py:383).
 */
import type { EcosystemTable, SiblingCondition } from './types';
import { TORCH_ADAMW } from './optimizer-names';

const TRAIN = 'myshell-ai/MeloTTS@2091453 melo/train.py';
const BOTH = `${TRAIN}; RVC-Project/Retrieval-based-Voice-Conversion-WebUI@4338f12 train/train.py`;
const UNREAD = 'read by nothing in the training script';
const RVC_ABSENT: SiblingCondition = { sibling: 'model.spk_embed_dim', root: true, values: [], ifAbsent: true };

export const vits: EcosystemTable = {
  id: 'vits',
  displayName: 'VITS family (VITS, RVC, MeloTTS)',
  formats: ['json'],
  detect: {
    keys: [
      { pattern: 'train.c_mel', weight: 3 },
      { pattern: 'train.c_kl', weight: 3 },
      { pattern: 'train.segment_size', weight: 2 },
      { pattern: 'train.lr_decay', weight: 2 },
      { pattern: 'model.upsample_rates', weight: 2 },
      { pattern: 'model.resblock_kernel_sizes', weight: 2 },
      { pattern: 'data.filter_length', weight: 1 },
    ],
  },
  // RVC's batch is the WebUI's -bs (notRoles below): the written one counts only where no model.spk_embed_dim is.
  run: { microBatchSize: [{ key: 'train.batch_size', when: [RVC_ABSENT] }] },
  optimizers: [
    {
      at: 'train', nameKeys: [], defaultName: 'AdamW',
      hyperparameters: {
        lr: ['learning_rate'], beta1: [{ key: 'betas', index: 0 }], beta2: [{ key: 'betas', index: 1 }], eps: ['eps'],
      },
      names: { '*': TORCH_ADAMW },
    },
  ],
  notRoles: [
    { key: 'train.warmup_epochs', reason: UNREAD, source: BOTH },
    { key: 'train.init_lr_ratio', reason: UNREAD, source: BOTH },
    { key: 'train.lr_decay', reason: "the ExponentialLR's factor per epoch (the schedule is fixed in code)",
      source: `${TRAIN}:241` },
    { key: 'train.segment_size', reason: 'audio samples per training slice, not a sequence of tokens', source: TRAIN },
    // RVC's configs (their synthesizer takes model.spk_embed_dim): the WebUI's required -bs replaces the batch.
    { key: 'train.batch_size', reason: "replaced by the RVC WebUI's required -bs option (hparams.train.batch_size)",
      source: 'RVC-Project/Retrieval-based-Voice-Conversion-WebUI@4338f12 train/utils.py:327, 383',
      whenWritten: ['model.spk_embed_dim'] },
  ],
  defaults: {},
  batch: {},
};
export default vits;
