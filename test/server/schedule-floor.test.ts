/**
 * The schedule's floor (nanoGPT `min_lr`, Megatron `--min-lr`, axolotl `cosine_min_lr_ratio`, Trainer's
 * `lr_scheduler_kwargs`, torch `CosineAnnealingLR(eta_min=…)`) reaches the prediction input as `minLrRatio`, so the
 * schedule every surface reads (hover predictions, playground, recipe curves) decays to it rather than to 0.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PredictionInput } from '../../core/prediction';
import { scheduleOf } from '../../core/theory/optimizer-model';
import { weightDecayOverRun } from '../../core/theory/recipe/decay-over-run';
import { lrAt } from '../../core/theory/schedule';
import { weightRmsSteady } from '../../core/theory/weight-rms';
import { analyzeText } from '../../server/analyze';
import { DEFAULT_PARAMS, predictionInputOf } from '../../webview/params';

const FIXTURES = join(__dirname, '../fixtures');
const inputOf = (text: string, path: string): PredictionInput => {
  const input = analyzeText(text, path, {}).optimizers[0]?.predictionInput;
  if (!input) throw new Error(`${path}: no prediction input`);
  return input;
};
const fixture = (path: string) => inputOf(readFileSync(join(FIXTURES, path), 'utf8'), path);

describe('the schedule floor', () => {
  it('nanoGPT: a written min_lr is the floor of the cosine, and the run ends there', () => {
    const input = fixture('heldout-like/nanogpt/train_shakespeare_char.py');
    // learning_rate = 1e-3, min_lr = 1e-4
    expect(input.minLrRatio).toBeCloseTo(0.1, 12);
    const schedule = scheduleOf(input)!;
    expect(lrAt(schedule, schedule.steps)).toBeCloseTo(1e-4, 15);
  });

  it('nanoGPT: a config that leaves min_lr out gets train.py\'s 6e-5', () => {
    const input = fixture('corpus/nanogpt/train_gpt2.py');
    expect(input.minLrRatio).toBeCloseTo(6e-5 / input.lr, 12);
  });

  it('Megatron-LM: --min-lr 6.0e-6 of --lr 6.0e-5', () => {
    expect(fixture('corpus/megatron-lm/train_gpt3_175b_distributed.sh').minLrRatio).toBeCloseTo(0.1, 12);
  });

  it('reads a floor written as a ratio, in Trainer kwargs, and in torch CosineAnnealingLR', () => {
    const axolotl = 'base_model: m\nlearning_rate: 0.0002\nlr_scheduler: cosine\ncosine_min_lr_ratio: 0.05\n' +
      'micro_batch_size: 2\nmax_steps: 1000\noptimizer: adamw_torch\n';
    expect(inputOf(axolotl, 'axolotl.yml').minLrRatio).toBeCloseTo(0.05, 12);
    const trainer = 'from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", ' +
      'learning_rate=2e-4, lr_scheduler_type="cosine_with_min_lr", lr_scheduler_kwargs={"min_lr": 2e-5}, max_steps=100, optim="adamw_torch")\n';
    expect(inputOf(trainer, 'train.py').minLrRatio).toBeCloseTo(0.1, 12);
    const torch = 'import torch\nopt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.1)\n' +
      'sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=1000, eta_min=1e-5)\n';
    expect(inputOf(torch, 'train.py').minLrRatio).toBeCloseTo(0.01, 12);
  });

  it('leaves the floor at 0 where the file and the framework say nothing, and ignores one above the peak', () => {
    const plain = 'optimizer: adamw_torch\nlearning_rate: 3e-4\nlr_scheduler: cosine\nmax_steps: 1000\n';
    expect(inputOf(plain, 'axolotl.yml').minLrRatio).toBeUndefined();
    const above = plain + 'cosine_min_lr_ratio: 1.5\n';
    expect(inputOf(above, 'axolotl.yml').minLrRatio).toBeUndefined();
  });

  it('one schedule for every surface: the playground and the recipe curves end at the floor too', () => {
    const input = fixture('heldout-like/nanogpt/train_shakespeare_char.py');
    const playground = predictionInputOf({ ...DEFAULT_PARAMS, optimizer: input.optimizer, lr: input.lr,
      steps: input.steps ?? 1000, schedule: input.schedule, weightDecay: input.weightDecay, base: input });
    expect(playground.minLrRatio).toBe(input.minLrRatio);
    const curve = weightDecayOverRun(playground)!;
    // The moving equilibrium ends at √(η_floor/2λ), not at 0.
    expect(curve.equilibrium.at(-1)).toBeCloseTo(weightRmsSteady(1e-4, 1e-4 * input.weightDecay, playground.snr)!, 12);
  });
});
