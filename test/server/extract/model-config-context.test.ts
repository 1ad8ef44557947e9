/**
 * A model's architecture config (roles/context.ts MODEL_CONFIG: `LlamaConfig(...)`, `GPTConfig(...)`) holds what the
 * model can take, not the run's settings; a class named for the training side as well (`RewardModelConfig`) is the
 * run's, so its lengths and batches are read as the run's.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const script = (cls: string): string => [
  'from trl import RewardTrainer',
  `config = ${cls}(`,
  '    learning_rate=1e-5,',
  '    per_device_train_batch_size=8,',
  '    max_length=512,',
  ')',
  'trainer = RewardTrainer(model=model, args=config)',
].join('\n') + '\n';

test("a RewardModelConfig(...) call keeps its training kwargs: max_length is the run's sequence length", () => {
  const x = extract(script('RewardModelConfig'), 'train_rm.py');
  expect(value(x, 'lr')).toMatchObject({ value: 1e-5, line: 3, source: 'written' });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 4, source: 'written' });
  expect(value(x, 'seqLen')).toMatchObject({ value: 512, line: 5, source: 'written' });
});

test("an architecture's LlamaConfig(max_length=...) is what the model holds, not the run's sequence length", () => {
  const x = extract(script('LlamaConfig'), 'train_rm.py');
  expect(value(x, 'seqLen')?.source).not.toBe('written');
});
