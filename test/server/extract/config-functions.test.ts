/**
 * ml_collections `get_config()` files (big_vision): the spellings of the global batch, and what branches of the
 * function write.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test('big_vision: `config.batch_size` (the configs written before `config.input`) is the global batch', () => {
  const text = [
    'import ml_collections as mlc',
    'def get_config():',
    '  config = mlc.ConfigDict()',
    '  config.batch_size = 4096*4',
    "  config.optax_name = 'big_vision.scale_by_adafactor'",
    '  config.lr = 8e-4',
    '  config.total_steps = 1_000_000',
    '  return config',
    '',
  ].join('\n');
  const x = extract(text, 'train_vit_g.py');
  expect(x.ecosystem).toBe('big-vision');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 16384, line: 4, raw: '4096*4' });
  expect(value(x, 'microBatchSize')?.source).not.toBe('written');
});

test("NeMo 2: a recipe's accumulate_grad_batches, a default or a literal, is not the accumulation, and says so", () => {
  const text = [
    'import nemo_run as run',
    'from nemo import lightning as nl',
    'from nemo.collections.llm.recipes.optim.adam import distributed_fused_adam_with_cosine_annealing',
    'def pretrain_recipe(',
    '    max_steps: int = 300000,',
    '    accumulate_grad_batches: int = 1,',
    '    global_batch_size=32,',
    '    micro_batch_size=2,',
    '    max_lr=3e-4,',
    ') -> run.Partial:',
    '    return run.Partial(',
    '        pretrain,',
    '        trainer=run.Config(nl.Trainer, max_steps=max_steps, accumulate_grad_batches=accumulate_grad_batches),',
    '        data=run.Config(MockDataModule, global_batch_size=global_batch_size, micro_batch_size=micro_batch_size),',
    '        optim=distributed_fused_adam_with_cosine_annealing(max_lr=max_lr),',
    '    )',
    '',
  ].join('\n');
  const x = extract(text, 'qwen25_7b.py');
  expect(x.ecosystem).toBe('nemo2');
  expect(value(x, 'gradAccum')?.source).not.toBe('written');
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 32, line: 7 });
  const hint = x.findings.filter((f) => f.code === 'not-a-hyperparameter' && f.line === 6);
  expect(hint).toHaveLength(1);
  expect(hint[0]?.message).toMatch(/= 1 is not read as the gradient accumulation: Megatron models derive accumulation/);
});
