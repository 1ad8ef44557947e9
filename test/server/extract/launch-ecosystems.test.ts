/** PaddleNLP, ms-swift, ColossalAI, unsloth, open-instruct and TRL tables: detection, spellings and defaults. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('PaddleNLP argument files', () => {
  const text = [
    '{',
    '    "model_name_or_path": "meta-llama/Meta-Llama-3-8B",',
    '    "output_dir": "./checkpoints",',
    '    "per_device_train_batch_size": 1,',
    '    "gradient_accumulation_steps": 16,',
    '    "tensor_parallel_degree": 2,',
    '    "pipeline_parallel_degree": 1,',
    '    "max_seq_length": 4096,',
    '    "learning_rate": 3e-05,',
    '    "min_learning_rate": 3e-06,',
    '    "warmup_steps": 30,',
    '    "max_steps": 10000,',
    '    "weight_decay": 0.01,',
    '    "unified_checkpoint": true',
    '}',
    '',
  ].join('\n');
  const x = extract(text, 'pretrain_argument.json');
  test("Paddle's AdamW, its keys, and PaddleNLP's TrainingArguments defaults", () => {
    expect(x.ecosystem).toBe('paddlenlp');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw', kind: 'adamw', implementation: 'paddle.optimizer.AdamW',
      weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-5, line: 9 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 4096, line: 8 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.999, source: 'default' });
    expect(value(x, 'beta2')?.defaultFrom).toContain('PaddlePaddle/PaddleNLP@');
  });
});

describe('ms-swift', () => {
  const sft = [
    'CUDA_VISIBLE_DEVICES=0 \\',
    'swift sft \\',
    '    --model Qwen/Qwen2.5-7B-Instruct \\',
    '    --tuner_type lora \\',
    "    --dataset 'AI-ModelScope/alpaca-gpt4-data-zh#500' \\",
    '    --split_dataset_ratio 0.01 \\',
    '    --per_device_train_batch_size 1 \\',
    '    --learning_rate 1e-4 \\',
    '    --gradient_accumulation_steps 16 \\',
    '    --max_length 2048 \\',
    '    --warmup_ratio 0.05',
    '',
  ].join('\n');
  test("swift's own defaults differ from TrainingArguments': β2 0.95, weight decay 0.1, cosine", () => {
    const x = extract(sft, 'train.sh');
    expect(x.ecosystem).toBe('ms-swift');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 8 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 10 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
    expect(value(x, 'schedule')).toMatchObject({ value: 'cosine', source: 'default' });
    expect(value(x, 'weightDecay')?.defaultFrom).toContain('modelscope/ms-swift@');
  });
  test("GRPO's num_iterations is not the run length", () => {
    const grpo = sft.replace('swift sft', 'swift rlhf').replace('    --warmup_ratio 0.05',
      '    --rlhf_type grpo \\\n    --num_iterations 1 \\\n    --warmup_ratio 0.05');
    const x = extract(grpo, 'train.sh');
    expect(value(x, 'steps')).toBeUndefined();
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 0.05, unit: 'fraction' });
  });
  test('megatron sft: the micro and global batch flags', () => {
    const megatron = sft.replace('swift sft', 'megatron sft')
      .replace('--per_device_train_batch_size 1', '--micro_batch_size 1 \\\n    --global_batch_size 16');
    const x = extract(megatron, 'train.sh');
    expect(x.ecosystem).toBe('ms-swift');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 16, line: 8 });
  });
});

describe('ColossalAI (ColossalChat)', () => {
  const text = [
    'colossalai run --nproc_per_node 4 --master_port 31312 --hostfile ./hostfile train_dpo.py \\',
    '    --pretrain $PRETRAINED_MODEL_PATH \\',
    '    --plugin zero2 \\',
    '    --accumulation_steps 2 \\',
    '    --batch_size 16 \\',
    '    --lr 1e-6 \\',
    '    --mixed_precision bf16 \\',
    '    --grad_clip 1.0 \\',
    '    --max_length 4096 \\',
    '    --weight_decay 0.01 \\',
    '    --warmup_steps 60 \\',
    '    --grad_checkpoint \\',
    '    --use_flash_attn',
    '',
  ].join('\n');
  test('read as ColossalAI, not by the file name as OpenRLHF; HybridAdam with the scripts\' betas', () => {
    const x = extract(text, 'train_dpo.sh');
    expect(x.ecosystem).toBe('colossalai');
    expect(x.optimizers[0]).toMatchObject({ name: 'HybridAdam', kind: 'adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 5 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 2, line: 4 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'beta2')?.defaultFrom).toContain('hpcaitech/ColossalAI@');
  });
  test('--train_batch_size of the PPO and GRPO scripts is the batch per device', () => {
    const x = extract(text.replace('--batch_size 16', '--train_batch_size 4'), 'train_grpo.sh');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 4, line: 5 });
    expect(value(x, 'globalBatchSize')).toBeUndefined();
  });
});

describe('ColossalAI in Python', () => {
  const text = (kwargs: string): string => [
    'from colossalai.booster import Booster',
    'from colossalai.nn.optimizer import HybridAdam',
    'def main():',
    `    optimizer = HybridAdam(model.parameters(), lr=3e-4${kwargs})`,
    '',
  ].join('\n');
  test("HybridAdam decays like AdamW, with torch Adam's defaults", () => {
    const x = extract(text(', weight_decay=0.1'), 'train.py');
    expect(x.ecosystem).toBe('colossalai');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', line: 4, weightDecaySemantics: 'lr' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.999, source: 'default' });
  });
  test('adamw_mode=False puts the decay in the gradient (coupled L2)', () => {
    const x = extract(text(', weight_decay=0.1, adamw_mode=False'), 'train.py');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adam', weightDecaySemantics: 'coupled-l2' });
  });
});

describe('unsloth', () => {
  const text = (extra: string): string => [
    'from unsloth import FastLanguageModel',
    'from trl import SFTTrainer, SFTConfig',
    'model, tokenizer = FastLanguageModel.from_pretrained(model_name = "unsloth/Llama-3.2-3B-Instruct")',
    'trainer = SFTTrainer(',
    '    model = model,',
    '    args = SFTConfig(',
    '        learning_rate = 2e-4,',
    extra,
    '        output_dir = "outputs",',
    '    ),',
    ')',
    '',
  ].join('\n');
  test("the optimizer a patched TRL config runs when the script names none, and unsloth's weight decay", () => {
    const x = extract(text('        max_steps = 60,'), 'train.py');
    expect(x.ecosystem).toBe('unsloth');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_8bit', kind: 'adamw' });
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, line: 7 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.001, source: 'default' });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 2, source: 'default' });
  });
  test('a written optim wins', () => {
    const x = extract(text('        optim = "adamw_torch",'), 'train.py');
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw_torch', line: 8 });
  });
});

describe('a run sized in episodes is a table fact, not a generic word', () => {
  test('open-instruct GRPO and TRL PPO count episodes (samples); a DQN config\'s episodes are no run length', () => {
    const grpo = ['uv run open_instruct/grpo_fast.py \\', '    --num_samples_per_prompt_rollout 16 \\',
      '    --num_unique_prompts_rollout 8 \\', '    --learning_rate 1e-6 \\', '    --total_episodes 256000', ''].join('\n');
    const x = extract(grpo, 'grpo.sh');
    expect(x.ecosystem).toBe('open-instruct');
    expect(value(x, 'steps')).toMatchObject({ value: 256000, line: 5, unit: 'samples' });
    const ppo = ['model_name_or_path: EleutherAI/pythia-1b', 'learning_rate: 3.0e-6', 'total_episodes: 10000',
      'per_device_train_batch_size: 64', 'dataset_text_field: prompt', 'num_generations: 4', ''].join('\n');
    const y = extract(ppo, 'ppo.yaml');
    expect(y.ecosystem).toBe('trl');
    expect(value(y, 'steps')).toMatchObject({ value: 10000, line: 3, unit: 'samples' });
    const dqn = ['env: CartPole-v1', 'total_episodes: 500', 'learning_rate: 0.001', 'batch_size: 64', 'gamma: 0.99',
      'optimizer: adam', ''].join('\n');
    expect(value(extract(dqn, 'dqn.yaml'), 'steps')).toBeUndefined();
  });
});
