/**
 * A model's architecture config (roles/context.ts MODEL_CONFIG: `LlamaConfig(...)`, `GPTConfig(...)`) holds what the
 * model can take, not the run's settings; a class named for the training side as well (`RewardModelConfig`) is the
 * run's, so its lengths and batches are read as the run's. A dataset class's constructor (`TokenDataset(...)`) sizes
 * the samples the run trains on.
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

const dataset = (target: string): string => [
  'import torch',
  'from torch.utils.data import Dataset',
  'class TokenDataset(Dataset):',
  '    def __init__(self, texts, tokenizer, max_length=384):',
  '        self.max_length = max_length',
  `${target} = TokenDataset(texts, tokenizer)`,
  'optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)',
].join('\n') + '\n';

test("a dataset class's max_length that its call leaves is the run's sequence length, at the signature", () => {
  const x = extract(dataset('train_set'), 'train.py');
  expect(value(x, 'seqLen')).toMatchObject({ value: 384, line: 4, source: 'written', via: { confidence: 'medium' } });
});
