/**
 * A count whose own comment or help text says it is another part's (a text encoder's prompt length, an evaluation's
 * batch) is not the run's, whether role inference or a table spelling would read it (roles/code-readings.ts
 * saysOtherOwner, declined-spellings.ts); the run's own values beside it are still read.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

function written(text: string, file: string, role: 'seqLen' | 'microBatchSize'): [unknown, number | null] | null {
  const v = extract(text, file).optimizers[0]?.hyperparameters[role];
  return v?.source === 'written' ? [v.value, v.line] : null;
}

describe("a count whose comment says it is another part's", () => {
  test("a diffusion config's text-encoder length is not the training sequence length", () => {
    const text = lines(
      'learning_rate: 1.0e-5',
      '# Maximum sequence length for the text encoder',
      'max_sequence_length: 226',
      'per_device_batch_size: 2',
    );
    expect(written(text, 'dit.yml', 'seqLen')).toBeNull();
    expect(written(text, 'dit.yml', 'microBatchSize')).toEqual([2, 4]);
  });

  test('a trailing comment naming the evaluation pass refuses the batch; a training comment keeps it', () => {
    expect(written(lines('lr: 0.001', 'batch_size: 64  # used for evaluation only'), 'a.yaml', 'microBatchSize'))
      .toBeNull();
    const kept = lines('lr: 0.001', '# Maximum sequence length for training', 'max_sequence_length: 2048');
    expect(written(kept, 'a.yaml', 'seqLen')).toEqual([2048, 3]);
  });
});
