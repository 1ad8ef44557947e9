/**
 * A diffusers-style text-to-image/video launch (`accelerate launch train_t2v.py --train_batch_size=4
 * --lr_warmup_steps=0 ...`) trains a denoiser on latents; its `--model_max_length` is the token limit of the prompt
 * given to the text encoder, not a trained sequence length (ecosystems/diffusers.ts notRoles). An LLM fine-tuning
 * launch keeps `--model_max_length` as its sequence length.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

test("a diffusers-style video launch's --model_max_length is the text encoder's, not a sequence length", () => {
  const x = extract(lines(
    'accelerate launch --config_file zero2.yaml train/train_t2v.py \\',
    '    --text_encoder_name google/t5-v1_1-xl \\',
    '    --train_batch_size=2 \\',
    '    --gradient_accumulation_steps=4 \\',
    '    --max_train_steps=20000 \\',
    '    --learning_rate=2e-5 \\',
    '    --lr_scheduler="constant_with_warmup" \\',
    '    --lr_warmup_steps=500 \\',
    '    --model_max_length 300 \\',
    '    --output_dir=out',
  ), 'train_video.sh');
  const hp = x.optimizers[0]?.hyperparameters;
  expect(hp?.seqLen?.source === 'written' ? hp.seqLen.line : null).toBeNull();
  expect([hp?.lr?.value, hp?.microBatchSize?.value, hp?.warmupSteps?.value]).toEqual([2e-5, 2, 500]);
});

test('an LLM fine-tuning launch keeps --model_max_length as its sequence length', () => {
  const x = extract(lines(
    'deepspeed train_mem.py \\',
    '    --per_device_train_batch_size 16 \\',
    '    --learning_rate 2e-5 \\',
    '    --model_max_length 2048 \\',
    '    --output_dir out',
  ), 'finetune.sh');
  const hp = x.optimizers[0]?.hyperparameters;
  expect([hp?.seqLen?.value, hp?.seqLen?.line]).toEqual([2048, 4]);
});
