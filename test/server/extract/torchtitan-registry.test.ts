/** torchtitan's Python config registries: default_adamw's own defaults, each registry function its own run. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('torchtitan config registry', () => {
  const registry = [
    'from torchtitan.components.optimizer import default_adamw, LRSchedulersContainer',
    'from torchtitan.config import TrainingConfig',
    'from torchtitan.trainer import Trainer',
    '',
    'def small() -> Trainer.Config:',
    '    return Trainer.Config(',
    '        optimizer=default_adamw(lr=3e-4),',
    '        lr_scheduler=LRSchedulersContainer.Config(warmup_steps=100, decay_type="cosine"),',
    '        training=TrainingConfig(max_context_length=4096, steps=2000),',
    '    )',
    '',
    'def tuned() -> Trainer.Config:',
    '    return Trainer.Config(',
    '        optimizer=default_adamw(lr=1e-4, weight_decay=0.05),',
    '        training=TrainingConfig(max_context_length=8192, steps=500),',
    '    )',
    '',
  ].join('\n');

  test("default_adamw is torch AdamW with torchtitan's betas (0.9, 0.95), eps 1e-8 and weight decay 0.1", () => {
    const x = extract(registry, 'config_registry.py');
    expect(x.ecosystem).toBe('torchtitan-registry');
    expect(x.optimizers).toHaveLength(2);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', line: 7 });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 7, source: 'written' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
    expect(value(x, 'weightDecay', 1)).toMatchObject({ value: 0.05, line: 14, source: 'written' });
    expect(value(x, 'seqLen', 1)).toMatchObject({ value: 8192, line: 15 });
  });
});
