/**
 * Sequence-length words read by where they sit and what is written beside them (roles/block-words.ts): an answer's
 * length beside a prompt's is one half of each example, and a model block's `length` is its training sequence length.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const seqLen = (text: string, file: string): unknown[] =>
  extract(text, file).optimizers.map((o) => o.hyperparameters.seqLen?.value);

test("a target length beside a source length is the answer's, not the sequence length", () => {
  const text = ['deepspeed --num_gpus 2 run_seq2seq.py \\', '  --learning_rate 3e-5 \\', '  --max_source_length 512 \\',
    '  --max_target_length 128 \\', '  --per_device_train_batch_size 8'].join('\n');
  expect(seqLen(text, 'summarize.sh')).toEqual([undefined]);
  const yaml = ['optim:', '  lr: 1.0e-4', 'data:', '  max_input_length: 1024', '  max_target_length: 256'].join('\n');
  expect(seqLen(yaml, 'qa.yaml')).toEqual([undefined]);
});

test('a target length alone is the length of the sequence the model trains on', () => {
  const text = ['learning_rate: 3.0e-4', 'per_device_batch_size: 4', 'max_target_length: 4096'].join('\n');
  expect(seqLen(text, 'pretrain.yml')).toEqual([4096]);
});

test("a model block's length is its training sequence length; another block's is not", () => {
  const text = ['python -u -m main \\', '  loader.batch_size=32 \\', '  model=tiny \\', '  model.length=512 \\',
    '  optim.lr=3e-4'].join('\n');
  expect(seqLen(text, 'train_dlm.sh')).toEqual([512]);
  const other = ['python -u -m main optim.lr=3e-4 loader.batch_size=32 dataset.length=50000 episode.length=200'];
  expect(seqLen(other.join('\n'), 'train.sh')).toEqual([undefined]);
});
