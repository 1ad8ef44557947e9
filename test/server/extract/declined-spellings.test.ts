/** A table's spelling declined where the file says the value is another role (declined-spellings.ts). */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

describe('a variable passed on to a keyword that names another role', () => {
  test('takes the role of the keyword the trainer receives, not the one its own name suggests', () => {
    const text = [
      'from ranker import RankerArguments',
      '',
      'def main():',
      '    train_batch_size = 16',
      '    args = RankerArguments(output_dir="out", per_device_train_batch_size=train_batch_size, learning_rate=3e-5)',
      '',
      'if __name__ == "__main__":',
      '    main()',
      '',
    ].join('\n');
    const [first] = extract(text, 'train.py').optimizers;
    expect(first?.hyperparameters.microBatchSize).toMatchObject({ value: 16, line: 4 });
    expect(first?.hyperparameters.globalBatchSize).toBeUndefined();
  });

  test('a variable nothing passes on keeps the reading its name gives', () => {
    const text = 'train_batch_size: 256\noptimizer:\n  lr: 1.0e-4\n';
    const [first] = extract(text, 'run.yaml').optimizers;
    expect(first?.hyperparameters.globalBatchSize).toMatchObject({ value: 256, line: 1 });
  });
});
