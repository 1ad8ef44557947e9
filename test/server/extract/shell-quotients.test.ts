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

test('the batch per device divided from a variable named a global batch: that variable is the global batch', () => {
  const text = [
    'GLOBAL_BATCH="${GLOBAL_BATCH:-256}"',
    'ACCUM=2',
    'NDEV=$(python3 -c "import jax; print(jax.device_count())")',
    'PER_DEVICE=$(( GLOBAL_BATCH / (NDEV * ACCUM) ))',
    'python train.py learning_rate=3e-4 per_device_batch_size="${PER_DEVICE}" gradient_accumulation_steps="${ACCUM}"',
  ].join('\n');
  const v = hp(text);
  expect([v?.globalBatchSize?.value, v?.globalBatchSize?.line]).toEqual([256, 1]);
  expect(v?.globalBatchSize?.via?.reason).toContain('divided to give the batch per device');
  // A batch merely split over the devices may leave the accumulation out: its name must say global.
  const plain = text.replaceAll('GLOBAL_BATCH', 'BATCH');
  expect(hp(plain)?.globalBatchSize?.source).not.toBe('written');
});

test('a warmup fraction printed by python from a variable named a warmup in steps: that variable is the warmup', () => {
  const text = [
    'WARMUP_STEPS="${WARMUP_STEPS:-750}"',
    'SCHEDULE_STEPS=50000',
    'WARMUP_FRAC=$(python3 -c "print(${WARMUP_STEPS}/${SCHEDULE_STEPS})")',
    'python train.py learning_rate=3e-4 steps="${SCHEDULE_STEPS}" warmup_steps_fraction="${WARMUP_FRAC}"',
  ].join('\n');
  const v = hp(text);
  expect([v?.warmupSteps?.value, v?.warmupSteps?.line, v?.warmupSteps?.source]).toEqual([750, 1, 'written']);
  const bc = text.replace('$(python3 -c "print(${WARMUP_STEPS}/${SCHEDULE_STEPS})")',
    '$(echo "scale=6; $WARMUP_STEPS / $SCHEDULE_STEPS" | bc -l)');
  expect([hp(bc)?.warmupSteps?.value, hp(bc)?.warmupSteps?.line]).toEqual([750, 1]);
  const awk = text.replace('$(python3 -c "print(${WARMUP_STEPS}/${SCHEDULE_STEPS})")',
    '$(awk "BEGIN {print $WARMUP_STEPS/$SCHEDULE_STEPS}")');
  expect([hp(awk)?.warmupSteps?.value, hp(awk)?.warmupSteps?.line]).toEqual([750, 1]);
  // A dividend whose name is no warmup in steps (a ratio of two lengths of something else) says nothing.
  const other = text.replaceAll('WARMUP_STEPS', 'RAMP');
  expect(hp(other)?.warmupSteps?.value).not.toBe(750);
});
