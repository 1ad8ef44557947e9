/**
 * A near tie of the detection scores (within the closeness the file name breaks) that the file name does not break is
 * a guess (`close`), with the rivals and their scores; a clear lead, or a file name that decides, is not.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

// alignment-handbook-style SFT recipe keys: TRL's and Hugging Face Trainer's tables score them nearly alike.
const recipe = [
  'model_name_or_path: Qwen/Qwen2.5-1.5B-Instruct',
  'model_revision: main',
  'torch_dtype: bfloat16',
  'dataset_num_proc: 48',
  'max_length: 4096',
  'packing: true',
  'bf16: true',
  'do_eval: false',
  'gradient_accumulation_steps: 2',
  'gradient_checkpointing: true',
  'learning_rate: 1.0e-05',
  'logging_steps: 5',
  'lr_scheduler_type: cosine_with_min_lr',
  'max_steps: -1',
  'num_train_epochs: 1',
  'output_dir: data/out',
  'per_device_train_batch_size: 4',
  'report_to: [wandb]',
  'save_strategy: epoch',
  'seed: 42',
  'warmup_ratio: 0.05',
  '',
].join('\n');

describe('near ties', () => {
  test('scores within 15% of each other and no file name to decide: the best is a guess, with its rivals', () => {
    const x = extract(recipe, 'config_v00.yaml');
    const [best, second] = x.ecosystemCandidates;
    expect(best && second && second.score >= best.score * 0.85).toBe(true);
    expect(x.ecosystemEvidence).toBe('close');
    expect(x.ecosystemNearTie?.score).toBe(best?.score);
    expect(x.ecosystemNearTie?.rivals[0]).toMatchObject({ id: second?.id, score: second?.score });
  });
  test('one more key the winner alone reads is a clear lead: recognised from the content', () => {
    const x = extract(`${recipe}max_prompt_length: 512\ndataset_mixer: {}\n`, 'config_v00.yaml');
    expect(x.ecosystem).toBe('trl');
    expect(x.ecosystemEvidence).toBe('content');
    expect(x.ecosystemNearTie).toBeUndefined();
  });
  test('a comment naming the framework is not a guess', () => {
    const x = extract(`# optlens: ecosystem=trl\n${recipe}`, 'config_v00.yaml');
    expect(x.ecosystemEvidence).toBe('content');
  });
});
