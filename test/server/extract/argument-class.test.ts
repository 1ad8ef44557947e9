/**
 * Argument classes: the defaults are those of the class the file builds (unsloth's patched TRL configs and
 * UnslothTrainingArguments vs transformers' TrainingArguments; ms-swift's Trainer side vs its Megatron backend).
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { sameCall } from '../../../server/extract/argument-class';
import { value } from './helpers';

const unslothScript = (imports: string, config: string, extra = ''): string => [
  'from unsloth import FastLanguageModel',
  imports,
  'from trl import SFTTrainer',
  'model, tokenizer = FastLanguageModel.from_pretrained(model_name = "unsloth/Llama-3.2-3B-Instruct")',
  'trainer = SFTTrainer(',
  '    model = model,',
  `    args = ${config}(`,
  '        learning_rate = 2e-4,',
  '        max_steps = 60,',
  extra,
  '        output_dir = "outputs",',
  '    ),',
  ')',
  '',
].join('\n');

describe('unsloth: the class the script builds decides the defaults', () => {
  test("transformers' own TrainingArguments keeps transformers' defaults (unsloth does not patch it)", () => {
    const x = extract(unslothScript('from transformers import TrainingArguments', 'TrainingArguments'), 'train.py');
    expect(x.ecosystem).toBe('unsloth');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_torch', kind: 'adamw' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0, source: 'default' });
    expect(value(x, 'weightDecay')?.defaultFrom).toMatch(/transformers TrainingArguments/);
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, source: 'default' });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 1, source: 'default' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 0, source: 'default' });
  });
  test('UnslothTrainingArguments subclasses the patched SFTConfig: adamw_8bit, λ 0.001, 4 × 2, 10% warmup', () => {
    const x = extract(unslothScript('from unsloth import UnslothTrainingArguments', 'UnslothTrainingArguments'),
      'train.py');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_8bit', kind: 'adamw' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.001, source: 'default' });
    expect(value(x, 'weightDecay')?.defaultFrom).toMatch(/unsloth\/models\/rl\.py/);
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 4, source: 'default' });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 2, source: 'default' });
    // warmup_ratio 0.1 of 60 steps: ⌈6⌉.
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 6, source: 'derived' });
  });
  test('a patched TRL config written through its submodule is the same class; a written warmup wins', () => {
    const x = extract(unslothScript('from trl.trainer.sft_config import SFTConfig', 'SFTConfig',
      '        warmup_steps = 5,'), 'train.py');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_8bit' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 5, source: 'written' });
  });
  test('with both classes imported, the one holding the run\'s keywords decides', () => {
    const text = unslothScript('from transformers import TrainingArguments\nfrom trl import SFTConfig', 'SFTConfig')
      + 'unused = TrainingArguments(output_dir = "x")\n';
    const x = extract(text, 'train.py');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_8bit' });
  });
  test('a class imported but never called does not decide: the patched defaults of a trainer built without args', () => {
    const text = ['import unsloth', 'from transformers import TrainingArguments', 'from unsloth import UnslothTrainer',
      'learning_rate = 2e-4', 'trainer = UnslothTrainer(model = model, train_dataset = ds)', ''].join('\n');
    const x = extract(text, 'train.py');
    expect(x.ecosystem).toBe('unsloth');
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.001, source: 'default' });
  });
  test('a call matches by module and class, not by a class name that only ends the same', () => {
    expect(sameCall('trl.trainer.sft_config.SFTConfig', 'trl.SFTConfig')).toBe(true);
    expect(sameCall('unsloth.UnslothTrainingArguments', 'transformers.TrainingArguments')).toBe(false);
    expect(sameCall('mylib.SFTConfig', 'trl.SFTConfig')).toBe(false);
  });
});

const swiftScript = (command: string, flags: string[]): string => [
  'NPROC_PER_NODE=8 \\',
  `${command} \\`,
  '    --model Qwen/Qwen2.5-7B-Instruct \\',
  '    --tuner_type full \\',
  ...flags.map((f) => `    ${f} \\`),
  '    --output_dir output',
  '',
].join('\n');

describe('ms-swift: the Trainer side and the Megatron backend have different optimizers and defaults', () => {
  test('megatron sft runs Megatron-Core adam with MegatronArguments\' defaults (β2 0.95, λ 0.1)', () => {
    const x = extract(swiftScript('megatron sft', ['--lr 1e-5', '--min_lr 1e-6']), 'train.sh');
    expect(x.ecosystem).toBe('ms-swift');
    expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-5, line: 5 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'beta2')?.defaultFrom).toMatch(/MegatronArguments/);
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 16, source: 'default' });
    expect(x.scheduleFloor).toBeTruthy();
  });
  test('megatron sft reads Megatron\'s own flags: --optimizer sgd with --sgd_momentum', () => {
    const x = extract(swiftScript('megatron pt', ['--optimizer sgd', '--sgd_momentum 0.8', '--lr 1e-3']), 'train.sh');
    expect(x.optimizers[0]).toMatchObject({ name: 'sgd', kind: 'sgd' });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.8, source: 'written' });
  });
  test("swift sft keeps the Trainer's optimizer and TrainArgumentsMixin's defaults", () => {
    const x = extract(swiftScript('swift sft', ['--learning_rate 1e-4']), 'train.sh');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_torch' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'beta2')?.defaultFrom).toMatch(/TrainArgumentsMixin/);
    expect(value(x, 'globalBatchSize')).toBeUndefined();
  });
  test('a YAML of Megatron arguments (no command) is read as the Megatron backend by its keys', () => {
    const yaml = ['tuner_type: full', 'micro_batch_size: 1', 'global_batch_size: 32', 'train_iters: 100', 'lr: 1.0e-5',
      ''].join('\n');
    const x = extract(yaml, 'megatron.yaml');
    expect(x.ecosystem).toBe('ms-swift');
    expect(x.optimizers[0]).toMatchObject({ name: 'adam' });
    expect(value(x, 'weightDecay')?.defaultFrom).toMatch(/MegatronArguments/);
  });
});
