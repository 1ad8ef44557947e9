/**
 * Batch sizes of several data streams trained on together (`--batch_size_<stream>`): the first stream's is the run's
 * per-device batch, each other's predicted beside it (roles/stream-batches.ts); a lone suffixed batch is no stream's.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const batches = (text: string, file: string): unknown[][] => extract(text, file).optimizers.map((o) =>
  [o.hyperparameters.microBatchSize?.value, o.hyperparameters.microBatchSize?.line]);

test("each stream's batch is a per-device batch, the first the run's", () => {
  const text = ['torchrun --nproc_per_node 8 train_vlm.py \\', '  --learning_rate 1e-4 \\',
    '  --batch_size_webvid 16 \\', '  --batch_size_cc3m 128 \\', '  --batch_size_cc3m 96'].join('\n');
  expect(batches(text, 'pretrain.sh')).toEqual([[16, 3], [96, 5]]);
  const yaml = ['optimizer:', '  lr: 3.0e-4', 'data:', '  batch_size_audio: 24', '  batch_size_text: 48'].join('\n');
  expect(batches(yaml, 'mix.yaml')).toEqual([[24, 4], [48, 5]]);
});

test('a qualified batch or a lone stream is not read as streams', () => {
  const text = ['python train.py --lr 1e-4 --batch_size_eval 64 --batch_size_per_gpu 8'].join('\n');
  expect(batches(text, 'run.sh')).toEqual([[8, 1]]);
  expect(batches('python train.py --lr 1e-4 --batch_size_coco 32', 'one.sh')).toEqual([[undefined, undefined]]);
});

test('a batch the run already reads stays the run\'s', () => {
  const text = 'python train.py --lr 1e-4 --per_device_train_batch_size 4 --batch_size_a 8 --batch_size_b 16';
  expect(batches(text, 'run.sh')).toEqual([[4, 1]]);
});
