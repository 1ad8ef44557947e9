/**
 * Writing a value the file does not write: the key goes beside its block's siblings, in the framework's
 * spelling and the format's syntax, and the re-analysis reads it as written.
 */
import { describe, expect, it } from 'vitest';
import type { HyperparameterName } from '../../core/hyperparams';
import { analyzeText } from '../../server/analyze';
import { applyReplacements, hyperparameterEdit } from '../../server/edits';

const CASES: { name: string; file: string; before: string; hp: HyperparameterName; value: number; after: string }[] = [
  {
    name: 'DeepSpeed JSON: inside optimizer.params, with a comma',
    file: 'ds_config.json',
    before: '{\n  "train_batch_size": 256,\n  "optimizer": {\n    "type": "AdamW",\n    "params": {\n      "lr": 0.001,\n      "weight_decay": 0.1\n    }\n  }\n}\n',
    hp: 'eps', value: 1e-6,
    after: '{\n  "train_batch_size": 256,\n  "optimizer": {\n    "type": "AdamW",\n    "params": {\n      "lr": 0.001,\n      "weight_decay": 0.1,\n      "eps": 1e-6\n    }\n  }\n}\n',
  },
  {
    name: 'torchtitan TOML: in the [optimizer] table',
    file: 'llama3.toml',
    before: '[optimizer]\nname = "AdamW"\nlr = 3e-4\n\n[training]\nlocal_batch_size = 1\nsteps = 1000\n',
    hp: 'eps', value: 1e-6,
    after: '[optimizer]\nname = "AdamW"\nlr = 3e-4\neps = 1e-6\n\n[training]\nlocal_batch_size = 1\nsteps = 1000\n',
  },
  {
    name: 'PyTorch call: a keyword argument, and β1 as the whole betas tuple',
    file: 'train.py',
    before: 'import torch\nopt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)\n',
    hp: 'beta1', value: 0.8,
    after: 'import torch\nopt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1, betas=(0.8, 0.999))\n',
  },
  {
    name: 'Megatron launch script: a flag after the last flag',
    file: 'train.sh',
    before: 'torchrun pretrain_gpt.py \\\n  --lr 6e-5 \\\n  --adam-beta1 0.9 \\\n  --global-batch-size 1536\n',
    hp: 'eps', value: 1e-6,
    after: 'torchrun pretrain_gpt.py \\\n  --lr 6e-5 \\\n  --adam-beta1 0.9 \\\n  --global-batch-size 1536 --adam-eps 1e-6\n',
  },
  {
    name: 'gpt-neox JSON-style YAML: quoted key and comma after the last entry',
    file: 'neox.yml',
    before: '{\n  "optimizer": {\n    "type": "Adam",\n    "params": {\n      "lr": 0.0006\n    }\n  },\n  "train_micro_batch_size_per_gpu": 4,\n  "train_iters": 320000\n}\n',
    hp: 'gradAccum', value: 2,
    after: '{\n  "optimizer": {\n    "type": "Adam",\n    "params": {\n      "lr": 0.0006\n    }\n  },\n  "train_micro_batch_size_per_gpu": 4,\n  "train_iters": 320000,\n  "gradient_accumulation_steps": 2\n}\n',
  },
  {
    name: 'axolotl YAML: a new line after the optimizer\'s last key, with a dot in the exponent',
    file: 'phi2.yml',
    before: 'base_model: microsoft/phi-2\nsequence_len: 2048\noptimizer: adamw_torch_fused\nlearning_rate: 0.0003\nmicro_batch_size: 2\n',
    hp: 'eps', value: 1e-6,
    after: 'base_model: microsoft/phi-2\nsequence_len: 2048\noptimizer: adamw_torch_fused\nlearning_rate: 0.0003\nmicro_batch_size: 2\nadam_epsilon: 1.0e-6\n',
  },
];

describe('inserting a key the file does not write', () => {
  it.each(CASES)('$name', ({ file, before, hp, value, after }) => {
    const analysis = analyzeText(before, `/w/${file}`, {});
    expect(analysis.optimizers[0]?.hyperparameters[hp]?.source).toBe('default');
    const outcome = hyperparameterEdit(analysis, before, 0, hp, value);
    if ('message' in outcome) throw new Error(outcome.message);
    const edited = applyReplacements(before, outcome.replacements);
    expect(edited).toBe(after);
    const again = analyzeText(edited, `/w/${file}`, {});
    expect(again.optimizers[0]?.hyperparameters[hp]).toMatchObject({ value, source: 'written' });
    expect(again.findings.filter((f) => f.code === 'syntax-error')).toEqual([]);
  });

  it('ends the inserted line properly at the end of a file with or without a final newline', () => {
    for (const before of ['optimizer: adamw_torch\nmicro_batch_size: 2\nsequence_len: 512\n', 'optimizer: adamw_torch\nmicro_batch_size: 2\nsequence_len: 512']) {
      const analysis = analyzeText(before, '/w/a.yml', {});
      const outcome = hyperparameterEdit(analysis, before, 0, 'eps', 1e-6);
      if ('message' in outcome) throw new Error(outcome.message);
      expect(applyReplacements(before, outcome.replacements)).toBe(`${before.replace(/\n$/, '')}\nadam_epsilon: 1.0e-6${before.endsWith('\n') ? '\n' : ''}`);
    }
  });

  it('refuses, with a reason, where there is no sibling to sit beside', () => {
    const text = 'import torch\nopt = torch.optim.AdamW(model.parameters())\n';
    const analysis = analyzeText(text, '/w/train.py', {});
    const outcome = hyperparameterEdit(analysis, text, 0, 'eps', 1e-6);
    expect(outcome).toEqual({ message: `The file does not write eps, and OptLens knows no place to add it for ${analysis.ecosystem}.` });
  });
});
