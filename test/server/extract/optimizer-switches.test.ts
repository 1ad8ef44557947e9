/** Keys that make a framework build another optimizer than its name key says (LLaMA-Factory's `use_muon`). */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

const base = [
  'stage: sft',
  'finetuning_type: full',
  'template: qwen',
  'cutoff_len: 2048',
  'per_device_train_batch_size: 1',
  'learning_rate: 1.0e-5',
];

describe('LLaMA-Factory optimizer switches', () => {
  test('use_muon: true runs Muon although optim says adamw_torch', () => {
    const text = [...base, 'optim: adamw_torch', 'use_muon: true', ''].join('\n');
    const x = extract(text, 'qwen2_full_sft.yaml');
    expect(x.ecosystem).toBe('llamafactory');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'muon', kind: 'muon', line: 8, weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-5, line: 6 });
    // Muon's own momentum default; weight_decay is TrainingArguments' (passed as wd), not Muon's 0.1.
    expect(value(x, 'momentum')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0, source: 'default' });
    expect(value(x, 'beta2')).toBeUndefined();
    expect(findings(x, 'optimizer-semantics')[0]?.line).toBe(8);
  });

  test('use_muon: false leaves the optimizer optim names', () => {
    const x = extract([...base, 'use_muon: false', ''].join('\n'), 'sft.yaml');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_torch', kind: 'adamw' });
  });

  test('the first switch in the framework order decides; unmodelled ones are never AdamW', () => {
    const galore = extract([...base, 'use_galore: true', 'use_muon: true', ''].join('\n'), 'sft.yaml');
    expect(galore.optimizers[0]).toMatchObject({ name: 'galore', kind: null, line: 7 });
    for (const key of ['use_apollo', 'use_badam', 'use_adam_mini']) {
      const x = extract([...base, `${key}: true`, ''].join('\n'), 'sft.yaml');
      expect(x.optimizers[0]?.kind, key).toBeNull();
      expect(x.optimizers[0]?.line, key).toBe(7);
    }
    // LoRA+ runs the optimizer optim names, and outranks the switches after it.
    const loraplus = extract([...base, 'loraplus_lr_ratio: 16.0', 'use_muon: true', ''].join('\n'), 'sft.yaml');
    expect(loraplus.optimizers[0]).toMatchObject({ name: 'adamw_torch', kind: 'adamw' });
  });
});
