/**
 * Post-training frameworks whose batch key is global and whose sequence length is the packed length: prime-rl TOML
 * (prime-rl.ts), AReaL OmegaConf YAML (areal.ts), XTuner v1 Python config objects (xtuner.ts). Made-up files in
 * each framework's style.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const primeSft = [
  'max_steps = 250',
  '',
  '[data]',
  'seq_len = 2048',
  'batch_size = 64',
  'micro_batch_size = 4',
  '',
  '[optim]',
  'lr = 3e-5',
  '',
  '[eval.sampling]',
  'max_completion_tokens = 512',
  '',
  '[deployment]',
  'num_train_gpus = 2',
].join('\n');

test('prime-rl SFT: data.batch_size is the global batch, data.micro_batch_size the micro batch', () => {
  const x = extract(primeSft, 'sft.toml');
  expect(x.ecosystem).toBe('prime-rl');
  const hp = x.optimizers[0]?.hyperparameters;
  expect([hp?.globalBatchSize?.value, hp?.globalBatchSize?.line]).toEqual([64, 5]);
  expect([hp?.microBatchSize?.value, hp?.microBatchSize?.line]).toEqual([4, 6]);
  expect([hp?.seqLen?.value, hp?.seqLen?.line]).toEqual([2048, 4]);
  expect([hp?.steps?.value, hp?.lr?.value, hp?.lr?.line]).toEqual([250, 3e-5, 9]);
  // No [optim] type: prime-rl's AdamWConfig, β2 0.999.
  expect([hp?.beta2?.value, hp?.beta2?.line]).toEqual([0.999, null]);
});

const primeRl = [
  'seq_len = 16384',
  '',
  '[trainer.optim]',
  'type = "muon"',
  'lr = 2e-6',
  '',
  '[orchestrator]',
  'batch_size = 1024',
  '',
  '[[orchestrator.train.source]]',
  'name = "math"',
  '[orchestrator.train.source.env.agent.harness]',
  'id = "null"',
].join('\n');

test('prime-rl RL: the orchestrator\'s rollouts per step are the global batch, the top-level seq_len the length', () => {
  const x = extract(primeRl, 'rl.toml');
  expect(x.ecosystem).toBe('prime-rl');
  const [opt] = x.optimizers;
  const hp = opt?.hyperparameters;
  expect([opt?.name, opt?.line]).toEqual(['muon', 4]);
  expect([hp?.globalBatchSize?.value, hp?.globalBatchSize?.line]).toEqual([1024, 8]);
  expect([hp?.seqLen?.value, hp?.seqLen?.line]).toEqual([16384, 1]);
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([2e-6, 5]);
  expect([hp?.momentum?.value, hp?.momentum?.line]).toEqual([0.95, null]);
});

const arealDpo = [
  'cluster:',
  '  name_resolve:',
  '    type: nfs',
  'actor:',
  '  beta: 0.05',
  '  mb_spec:',
  '    max_tokens_per_mb: 8192',
  '  optimizer:',
  '    type: adam',
  '    lr: 1e-6',
  '    eps: 1e-8',
  '    warmup_steps_proportion: 0.05',
  'train_dataset:',
  '  batch_size: 32',
  '  max_length: 1024',
  'valid_dataset:',
  '  batch_size: 16',
  '  max_length: 4096',
].join('\n');

test('AReaL: the train dataloader\'s batch is global, its max_length the sequence length, not the valid set\'s', () => {
  const x = extract(arealDpo, 'dpo.yaml');
  expect(x.ecosystem).toBe('areal');
  const hp = x.optimizers[0]?.hyperparameters;
  expect([hp?.globalBatchSize?.value, hp?.globalBatchSize?.line]).toEqual([32, 14]);
  expect(hp?.microBatchSize?.line ?? null).toBeNull();
  expect([hp?.seqLen?.value, hp?.seqLen?.line]).toEqual([1024, 15]);
  expect([hp?.lr?.value, hp?.lr?.line, hp?.eps?.value]).toEqual([1e-6, 10, 1e-8]);
  expect([hp?.warmupSteps?.value, hp?.warmupSteps?.unit]).toEqual([0.05, 'fraction']);
  expect(hp?.beta2?.value).toBe(0.999);
});

const xtunerPy = [
  'from xtuner.v1.config import AdamWConfig, LRConfig',
  'from xtuner.v1.train import TrainerConfig',
  'from xtuner.v1.datasets.config import DataloaderConfig',
  '',
  'sample_max_length = 8192',
  'pack_max_length = 16384',
  'dataloader_config = DataloaderConfig(pack_max_length=pack_max_length, num_workers=8)',
  'optim_cfg = AdamWConfig(lr=6e-5)',
  'lr_cfg = LRConfig(lr_type="cosine", warmup_ratio=0.05)',
  'trainer = TrainerConfig(optim_cfg=optim_cfg, lr_cfg=lr_cfg, global_batch_size=64, total_step=3000)',
].join('\n');

test('XTuner v1: packed length, global batch, schedule type and XTuner\'s own AdamW betas', () => {
  const x = extract(xtunerPy, 'sft_config.py');
  expect(x.ecosystem).toBe('xtuner');
  const hp = x.optimizers[0]?.hyperparameters;
  expect([hp?.seqLen?.value, hp?.seqLen?.line]).toEqual([16384, 6]);
  const batch = hp?.globalBatchSize;
  expect([batch?.value, batch?.line, batch?.unit]).toEqual([64, 10, undefined]);
  expect([hp?.schedule?.value, hp?.schedule?.line]).toEqual(['cosine', 9]);
  expect([hp?.steps?.value, hp?.steps?.line]).toEqual([3000, 10]);
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([6e-5, 8]);
  // AdamWConfig's default betas are (0.9, 0.95), not torch's (0.9, 0.999).
  expect([hp?.beta2?.value, hp?.beta2?.line]).toEqual([0.95, null]);
});
