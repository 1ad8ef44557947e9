/**
 * Words whose role depends on a sibling (roles/vocabulary-patterns.ts SIBLING_WORDS), and the schedule word of an
 * optimizer block that names the scheduler type under another name (`warmup_style`).
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

function hyperparameters(text: string, file: string): Record<string, { value: unknown; line: number | null;
  unit?: string } | undefined> {
  const [first] = extract(text, file).optimizers;
  return { ...first?.hyperparameters };
}

describe('a per-GPU token budget beside the global batch it splits', () => {
  const data = (dynamic: string): string => [
    'data:',
    '  train_batch_size: 64',
    `  use_dynamic_bsz: ${dynamic}`,
    '  max_token_len_per_gpu: 8192',
    'optim:',
    '  lr: 1.0e-5',
    '  warmup_style: cosine',
    '',
  ].join('\n');

  test('with dynamic batches on it is each GPU\'s batch in tokens, and the batch beside it is global', () => {
    const h = hyperparameters(data('true'), 'sft.yaml');
    expect(h.microBatchSize).toMatchObject({ value: 8192, line: 4, unit: 'tokens' });
    expect(h.globalBatchSize).toMatchObject({ value: 64, line: 2 });
    expect(h.schedule).toMatchObject({ value: 'cosine', line: 7 });
  });

  test('with dynamic batches off it is no batch', () => {
    expect(hyperparameters(data('false'), 'sft.yaml').microBatchSize).toBeUndefined();
  });

  test('without the global batch beside it (a block of memory settings) it is left alone', () => {
    const text = 'trainer:\n  use_dynamic_bsz: true\n  max_token_len_per_gpu: 16384\noptim:\n  lr: 1.0e-6\n';
    expect(hyperparameters(text, 'rl.yaml').microBatchSize).toBeUndefined();
  });

  test('on a command line of overrides, as in a file', () => {
    const text = 'torchrun -m trainer data.train_batch_size=32 data.use_dynamic_bsz=True data.max_token_len_per_gpu=4096 ' +
      'optim.lr=2e-5\n';
    const h = hyperparameters(text, 'run.sh');
    expect(h.microBatchSize).toMatchObject({ value: 4096, unit: 'tokens' });
    expect(h.globalBatchSize?.value).toBe(32);
  });
});
