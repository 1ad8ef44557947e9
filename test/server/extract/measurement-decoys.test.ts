/**
 * Numbers under a role word in blocks that are not the training run's: what measures the run (a throughput tracker's
 * or a timer's warm-up; a warm-up beside a benchmark's step count, roles/block-words.ts benchmarkWarmup) and a
 * sparse-training mask's schedule (roles/decoys.ts DECOY_CONTEXTS). Each is refused; the run's own values beside them
 * are still read.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

function written(text: string, file: string, role: 'warmupSteps' | 'gradAccum' | 'seqLen' | 'steps' |
  'microBatchSize' | 'lr'): [unknown, number | null] | null {
  const v = extract(text, file).optimizers[0]?.hyperparameters[role];
  return v?.source === 'written' ? [v.value, v.line] : null;
}

describe('what measures the run', () => {
  test("a throughput tracker's warm-up in a script is not the learning-rate warm-up", () => {
    const text = lines(
      'import torch',
      'opt = torch.optim.AdamW(model.parameters(), lr=3e-4)',
      'meter = ThroughputTracker(warmup_steps=10, window=50)',
      'for step, batch in enumerate(loader):',
      '    opt.step()',
    );
    expect(written(text, 'train.py', 'warmupSteps')).toBeNull();
    expect(written(text, 'train.py', 'lr')).toEqual([3e-4, 2]);
  });

  test("a timer block's warmup is refused; a schedule's warmup and a hyperparameters block are still read", () => {
    const text = lines(
      'hyperparameters:',
      '  learning_rate: 1.0e-4',
      '  warmup_steps: 500',
      'step_timer:',
      '  warmup_steps: 5',
    );
    expect(written(text, 'run.yaml', 'warmupSteps')).toEqual([500, 3]);
    expect(written(lines('step_timer:', '  warmup_steps: 5', 'lr: 0.1'), 'run.yaml', 'warmupSteps')).toBeNull();
    expect(written(lines('parameter:', '  warmup_steps: 7', 'lr: 0.1'), 'run.yaml', 'warmupSteps')).toEqual([7, 2]);
  });
});

describe("a benchmark's warm-up", () => {
  test('a warm-up flag beside a benchmark step count is the timing warm-up; beside max_steps it is the run\'s', () => {
    const bench = lines(
      'WARMUP_STEPS=3',
      'python bench_train.py \\',
      '  --lr 2e-5 \\',
      '  --bench-steps 40 \\',
      '  --warmup_steps $WARMUP_STEPS',
    );
    expect(written(bench, 'bench.sh', 'warmupSteps')).toBeNull();
    expect(written(bench, 'bench.sh', 'lr')).toEqual([2e-5, 3]);
    const run = lines('python train.py \\', '  --lr 2e-5 \\', '  --max_steps 4000 \\', '  --warmup_steps 100');
    expect(written(run, 'run.sh', 'warmupSteps')).toEqual([100, 4]);
    const yaml = lines('benchmark_steps: 50', 'warmup_steps: 5', 'learning_rate: 0.001');
    expect(written(yaml, 'bench.yaml', 'warmupSteps')).toBeNull();
  });
});

describe("a sparsity mask's schedule", () => {
  test("gin: a mask updater's update_freq is no accumulation; a pruning block's end_step no run length", () => {
    const text = lines(
      'training.total_steps = 20000',
      'optimizer.learning_rate = 0.1',
      'mask_updater.update_freq = 250',
      'pruning_schedule.end_step = 15000',
    );
    expect(written(text, 'sparse.gin', 'gradAccum')).toBeNull();
    expect(written(text, 'sparse.gin', 'steps')).toEqual([20000, 1]);
  });

  test("fairseq's own update_freq at the top level is still the accumulation", () => {
    expect(written(lines('lr: 0.0005', 'update_freq: 8'), 'train.yaml', 'gradAccum')).toEqual([8, 2]);
  });
});
