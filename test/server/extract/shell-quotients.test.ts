/**
 * Accumulation computed in the script (`GRADIENT_ACC=$((BATCH_SIZE / PER_DEVICE_BATCH_SIZE / GPUS))`): accumulation =
 * global batch ÷ (micro batch × devices), so the variable divided is the global batch (roles/quotients.ts).
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const hp = (text: string) => extract(text, 'finetune.sh').optimizers[0]?.hyperparameters;

test('the dividend of the accumulation quotient is the global batch, at its default literal', () => {
  const text = [
    'GPUS=${GPUS:-8}',
    'BATCH_SIZE=${BATCH_SIZE:-128}',
    'PER_DEVICE_BATCH_SIZE=${PER_DEVICE_BATCH_SIZE:-4}',
    'GRADIENT_ACC=$((BATCH_SIZE / PER_DEVICE_BATCH_SIZE / GPUS))',
    'torchrun --nproc_per_node=${GPUS} train.py \\',
    '  --per_device_train_batch_size ${PER_DEVICE_BATCH_SIZE} \\',
    '  --gradient_accumulation_steps ${GRADIENT_ACC} \\',
    '  --learning_rate 1e-5',
  ].join('\n');
  const v = hp(text);
  expect([v?.globalBatchSize?.value, v?.globalBatchSize?.line]).toEqual([128, 2]);
  expect(v?.globalBatchSize?.via?.reason).toContain('divided to give the accumulation');
  expect([v?.microBatchSize?.value, v?.microBatchSize?.line]).toEqual([4, 3]);
  expect([v?.gradAccum?.value, v?.gradAccum?.line]).toEqual([4, 4]);
});

test('a divisor only the run knows (GPUs from nvidia-smi) still leaves the dividend written', () => {
  const text = [
    'batch_size=16',
    'gpu_count=$(nvidia-smi -L | wc -l)',
    'grad_acc=$((batch_size/(gpu_count * nnodes)))',
    'torchrun train.py --per_device_train_batch_size=1 --gradient_accumulation_steps=$grad_acc --learning_rate=1e-5',
  ].join('\n');
  const v = hp(text);
  expect([v?.globalBatchSize?.value, v?.globalBatchSize?.line]).toEqual([16, 1]);
  expect(v?.microBatchSize?.value).toBe(1);
});

test('a dividend in tokens, or a quotient for another setting, is no global batch', () => {
  const tokens = ['TOKENS_PER_STEP=524288', 'SEQ=1024', 'MICRO=8',
    'python train.py --micro_batch_size $MICRO --gradient_accumulation_steps $((TOKENS_PER_STEP / (SEQ * MICRO)))',
  ].join('\n');
  expect(hp(tokens)?.globalBatchSize).toBeUndefined();
  const warmup = ['TOTAL=10000', 'python train.py --lr 3e-4 --warmup_steps $((TOTAL / 10)) --max_steps $TOTAL']
    .join('\n');
  expect(hp(warmup)?.globalBatchSize).toBeUndefined();
  expect(hp(warmup)?.warmupSteps?.value).toBe(1000);
});
