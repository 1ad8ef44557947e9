/**
 * `DEFAULT_<NAME>=<number>` in a launcher that sources the script reading it (shell/default-settings.ts): the setting
 * NAME's value, read by its name's role, even where the launcher passes it nowhere itself.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

test('a default the sourced script reads is the setting it names', () => {
  const text = ['#!/bin/bash', 'DEFAULT_GLOBAL_BATCH_SIZE=512', 'DEFAULT_GRADIENT_ACCUMULATION_STEPS=4',
    'source scripts/env.sh', 'torchrun train.py --learning_rate 1e-5 \\',
    '  --gradient_accumulation_steps $GRADIENT_ACCUMULATION_STEPS'].join('\n');
  const h = extract(text, 'sft.sh').optimizers[0]?.hyperparameters;
  expect([h?.globalBatchSize?.value, h?.globalBatchSize?.line]).toEqual([512, 2]);
  expect([h?.gradAccum?.value, h?.gradAccum?.line]).toEqual([4, 3]);
});

test('other variables, and defaults that are no number, are not settings', () => {
  const text = ['GLOBAL_BATCH_SIZE_UNUSED=512', 'DEFAULT_RUN_NAME="sft-7b"', 'DEFAULT_BATCH_SIZE=$((8 * N))',
    'python train.py --learning_rate 1e-5'].join('\n');
  const h = extract(text, 'run.sh').optimizers[0]?.hyperparameters;
  expect([h?.globalBatchSize, h?.microBatchSize]).toEqual([undefined, undefined]);
});
