/**
 * uni2ts (Salesforce Moirai) model configs (Hydra YAML: `_target_` a MoiraiPretrain or MoiraiFinetune, its
 * `module_kwargs` the transformer's arguments, the optimization settings at the top level). The Lightning module builds
 * `torch.optim.AdamW(lr=lr, betas=(beta1, beta2), eps=1e-6)` with `weight_decay` on the decayed parameters, and a
 * schedule fixed in code (cosine with restarts for pre-training, constant for fine-tuning) with `num_warmup_steps` and
 * `num_training_steps`; `module_kwargs.max_seq_len` is the module's longest input in patches, not the run's sequence
 * length. Sources: SalesforceAIResearch/uni2ts@8d2a08d src/uni2ts/model/moirai/finetune.py:358-368,
 * src/uni2ts/model/moirai/pretrain.py:337-347, src/uni2ts/model/moirai/module.py:98-141, cli/train.py:122 (hydra.main).
 */
import type { EcosystemTable } from './types';
import { TORCH_ADAMW, TORCH_ADAMW_DEFAULTS } from './optimizer-names';

const FINETUNE = 'SalesforceAIResearch/uni2ts@8d2a08d src/uni2ts/model/moirai/finetune.py:358-368';

export const uni2ts: EcosystemTable = {
  id: 'uni2ts',
  displayName: 'uni2ts (Moirai)',
  formats: ['yaml'],
  detect: {
    keys: [
      { pattern: 'module_kwargs.patch_sizes', weight: 3 },
      { pattern: 'module_kwargs.distr_output', weight: 2 },
      { pattern: 'min_mask_ratio', weight: 2 },
      { pattern: 'max_mask_ratio', weight: 2 },
      { pattern: 'max_dim', weight: 1 },
    ],
  },
  yamlLoader: { library: 'OmegaConf (Hydra)', dotlessExponent: 'float',
    source: 'SalesforceAIResearch/uni2ts@8d2a08d cli/train.py:122' },
  run: { warmupSteps: ['num_warmup_steps'], steps: ['num_training_steps'] },
  optimizers: [
    {
      at: '', nameKeys: [], defaultName: 'AdamW',
      hyperparameters: { lr: ['lr'], beta1: ['beta1'], beta2: ['beta2'], weightDecay: ['weight_decay'] },
      names: { '*': { ...TORCH_ADAMW, defaults: { ...TORCH_ADAMW_DEFAULTS, eps: { value: 1e-6, from: `${FINETUNE} eps=1e-6` } } } },
    },
  ],
  notRoles: [
    { key: 'module_kwargs.max_seq_len', reason: "the module's longest input in patches, not the run's sequence length",
      source: 'SalesforceAIResearch/uni2ts@8d2a08d src/uni2ts/model/moirai/module.py:98-141' },
  ],
  defaults: {},
  batch: {},
};
export default uni2ts;
