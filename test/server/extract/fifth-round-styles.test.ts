/**
 * Styles of training scripts outside the LLM frameworks (fifth round): shell scripts that run one program several
 * times, a loader batch named `--mini-batch-size`, a warm-up counted in epochs as `num_warmup_epochs`.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('a shell script that launches several runs', () => {
  // Time-Series-Library's scripts run `python -u run.py` once per forecast horizon with the same optimizer flags.
  const text = [
    'model_name=iTransformer',
    '',
    'python -u run.py \\',
    '  --model $model_name \\',
    '  --seq_len 96 \\',
    '  --pred_len 96 \\',
    '  --batch_size 16 \\',
    '  --learning_rate 0.0005',
    '',
    'python -u run.py \\',
    '  --model $model_name \\',
    '  --seq_len 96 \\',
    '  --pred_len 192 \\',
    '  --batch_size 16 \\',
    '  --learning_rate 0.0005',
    '',
  ].join('\n');
  test("a later command's flag is another run, not an override: the first command's values and lines", () => {
    const x = extract(text, 'run_ecl.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 0.0005, line: 8 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 7 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 96, line: 5 });
  });
  test('a flag repeated on one command line is still argparse\'s last', () => {
    const x = extract('python train.py --learning_rate 1e-3 --batch_size 8 \\\n  --learning_rate 2e-3\n', 'run.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-3, line: 2 });
  });
  test('a variable assigned between the commands is still read in script order', () => {
    const x = extract(['LR=1e-3', 'python train.py --lr $LR', 'LR=2e-3', 'python train.py --lr $LR', ''].join('\n'),
      'sweep.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 1 });
  });
});

describe('loader batch and warm-up spellings', () => {
  test('--mini-batch-size is the batch, --test-mini-batch-size is not', () => {
    const x = extract('python dlrm_s_pytorch.py --learning-rate=0.1 --test-mini-batch-size=16384 ' +
      '--mini-batch-size=128 --print-freq=1024\n', 'bench.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 1 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 128, raw: '128' });
  });
  test('num_warmup_epochs is a warm-up counted in epochs', () => {
    const text = ['optim:', '  optimizer: adamW', '  base_lr: 0.001', '  max_epoch: 200', '  num_warmup_epochs: 10', ''];
    const x = extract(text.join('\n'), 'gps.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 10, line: 5, unit: 'epochs' });
  });
});
