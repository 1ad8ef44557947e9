/** MLX: `mlx.optimizers` calls and MLX-LM's YAML get MLX's optimizers and defaults, not torch's. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

describe('MLX', () => {
  test('an mlx.optimizers call is MLX\'s optimizer with MLX\'s defaults, whatever the folder is called', () => {
    const text = [
      'import mlx.core as mx',
      'import mlx.nn as nn',
      'import mlx.optimizers as optim',
      'def main():',
      '    learning_rate = 3e-4',
      '    optimizer = optim.AdamW(learning_rate=learning_rate, betas=[0.9, 0.95])',
      '',
    ].join('\n');
    const x = extract(text, 'configs/lm/main.py');
    expect(x.ecosystem).toBe('mlx');
    expect(x.optimizers[0]).toMatchObject({ name: 'mlx.optimizers.AdamW', kind: 'adamw', line: 6 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 6 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.01, source: 'default' });
    expect(value(x, 'weightDecay')?.defaultFrom).toMatch(/ml-explore\/mlx/);
    expect(findings(x, 'optimizer-semantics')[0]?.message).toMatch(/no bias correction/);
  });

  test('MLX-LM YAML: the named optimizer, its optimizer_config, iters; 1e-5 is a float to its loader', () => {
    const text = [
      'model: "mlx-community/Llama-3.2-1B-Instruct-bf16"',
      'fine_tune_type: lora',
      'optimizer: adamw',
      'optimizer_config:',
      '  adamw:',
      '    betas: [0.9, 0.98]',
      '    weight_decay: 0.05',
      'batch_size: 4',
      'iters: 600',
      'learning_rate: 1e-5',
      'lora_parameters:',
      '  rank: 8',
      '',
    ].join('\n');
    const x = extract(text, 'lora_config.yaml');
    expect(x.ecosystem).toBe('mlx');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw', kind: 'adamw', line: 3 });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-5, line: 10 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 6 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 7 });
    expect(value(x, 'steps')).toMatchObject({ value: 600, line: 9 });
    expect(findings(x, 'pyyaml-exponent-string').every((f) => f.severity !== 'warning')).toBe(true);
  });
});
