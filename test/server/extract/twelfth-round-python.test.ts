/**
 * Rules written from the twelfth round's Python dev configs (C16), each on made-up text: Hydra overrides a launcher
 * writes as strings, and a training pipeline's `progress()` as the optimizer's step.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const launcher = [
  'def launch(workspace):',
  '    overrides = [',
  '        "++trainer.max_seq_len=4096",',
  '        "++trainer.global_batch_size=64",',
  '        "++trainer.optim.lr=3e-6",',
  '    ]',
  '    run_job(cmd=" ".join(overrides), output=f"{workspace}/out")',
  '    run_job(cmd=f"++eval.batch_size=512 ++out={workspace}/res")',
  '',
  'launch("/tmp")',
  '',
].join('\n');

test('`++key=value` overrides in Python strings set the trainer keys, each at its literal', () => {
  const x = extract(launcher, 'pipeline.py');
  expect(value(x, 'lr')).toMatchObject({ value: 3e-6, line: 5, source: 'written' });
  expect(value(x, 'globalBatchSize')).toMatchObject({ value: 64, line: 4 });
  expect(value(x, 'seqLen')).toMatchObject({ value: 4096, line: 3 });
  // An evaluation block's batch stays out, and a value with a replacement field is not a written one.
  expect(value(x, 'microBatchSize')?.line).not.toBe(8);
});

test('a docstring or a bare `key=value` string is not a command line', () => {
  const text = [
    '"""Run as: python train.py ++optim.lr=1e-3"""',
    'query = "lr=0.5"',
    'import torch',
    'opt = torch.optim.SGD(params, lr=0.1)',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 4 });
});

test("a loop over a training pipeline's `progress()` counts optimizer steps", () => {
  const text = [
    'import torch',
    'def train(lr: float = 0.05, num_batches: int = 250):',
    '    opt = torch.optim.Adam(params, lr=lr)',
    '    pipe = TrainPipeline(model, opt, device)',
    '    batches = iter(loader)',
    '    for _ in range(num_batches):',
    '        pipe.progress(batches)',
    '',
    'train()',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(value(x, 'lr')).toMatchObject({ value: 0.05, line: 2 });
  expect(value(x, 'steps')).toMatchObject({ value: 250, line: 2, source: 'written' });
  // A loop whose body only logs steps nothing.
  const logged = extract(text.replace('pipe.progress(batches)', 'print(next(batches))'), 'train.py');
  expect(value(logged, 'steps')?.source).not.toBe('written');
});

test("a call from a measuring module (`torch.profiler.schedule(warmup=…)`) is not the optimizer's schedule", () => {
  const text = [
    'import torch',
    'opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)',
    'prof = torch.profiler.profile(schedule=torch.profiler.schedule(wait=1, warmup=2, active=5))',
    'sched = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=300)',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 2 });
  expect(value(x, 'warmupSteps')?.line).not.toBe(3);
  expect(value(x, 'schedule')?.line).not.toBe(3);
});

test("an RL runner's iteration count beside each environment's rollout length is not the run's optimizer steps", () => {
  const text = [
    'class WalkerPPOCfg:',
    '    class algorithm:',
    '        learning_rate = 3.e-4',
    '        num_learning_epochs = 4',
    '        num_mini_batches = 8',
    '    class runner:',
    '        num_steps_per_env = 32',
    '        max_iterations = 2000',
    '',
  ].join('\n');
  const x = extract(text, 'walker_config.py');
  expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 3 });
  expect(value(x, 'steps')?.source).not.toBe('written');
  const plain = extract(text.replace('        num_steps_per_env = 32\n', ''), 'walker_config.py');
  expect(value(plain, 'steps')).toMatchObject({ value: 2000, line: 7 });
});
