/** The Megatron-LM table through the whole extraction, on launch scripts written the usual ways. */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('Megatron-LM', () => {
  const script = [
    '#!/bin/bash',
    'MBS=${MBS:-2}',
    'GBS=512',
    'LR=3.0e-4',
    'GPT_ARGS="--num-layers 24 --seq-length 4096 --micro-batch-size $MBS --global-batch-size $GBS"',
    'OPT_ARGS=(',
    '    --lr $LR',
    '    --lr-decay-style cosine',
    '    --adam-beta2 0.95',
    '    --weight-decay 0.1',
    '    --train-iters 10000',
    '    --tensor-model-parallel-size 2',
    '    --pipeline-model-parallel-size 1',
    '    --fp16',
    ')',
    'torchrun --nproc_per_node 8 pretrain_gpt.py $GPT_ARGS "${OPT_ARGS[@]}"',
    '',
  ].join('\n');

  test('flags through variables, strings and arrays; defaults from arguments.py', () => {
    const x = extract(script, 'run.sh');
    expect(x.format).toBe('shell');
    expect(x.ecosystem).toBe('megatron-lm');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'adam', kind: 'adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 3e-4, raw: '3.0e-4', line: 4, key: '--lr', source: 'written' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 2, raw: '2', line: 2 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512, line: 3 });
    expect(value(x, 'seqLen')?.value).toBe(4096);
    expect(value(x, 'beta1')).toMatchObject({ value: 0.9, source: 'default' });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
    expect(x.scheduleKinds[0]).toBe('cosine');
    expect(x.fp16?.value).toBe(true);
    expect(x.tokensPerStep?.value).toBe(512 * 4096);
  });

  test('a world size derives the accumulation from the global batch', () => {
    const x = extract(script, 'run.sh', { worldSize: 4 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 64, source: 'derived' });
  });

  test('--optimizer sgd runs SGD with coupled L2 and Megatron\'s momentum default', () => {
    const x = extract('python pretrain_gpt.py --optimizer sgd --lr 0.1 --micro-batch-size 4 --tensor-model-parallel-size 1 --lr-decay-style linear\n', 'run.sh');
    expect(x.ecosystem).toBe('megatron-lm');
    expect(x.optimizers[0]).toMatchObject({ name: 'sgd', kind: 'sgd', weightDecaySemantics: 'coupled-l2', line: 1 });
    expect(value(x, 'momentum')).toMatchObject({ value: 0.9, source: 'default' });
  });
});

describe('MaxText warmup', () => {
  test('warmup_steps_fraction is a share of learning_rate_schedule_steps, of steps when that is -1', () => {
    const run = 'python -m maxtext.train base.yml per_device_batch_size=4 learning_rate=3e-4 base_emb_dim=2048 ' +
      'ici_fsdp_parallelism=8 steps=20000 learning_rate_schedule_steps=';
    const longer = extract(`${run}50000 warmup_steps_fraction=0.02\n`, 'run.sh');
    expect(longer.ecosystem).toBe('maxtext');
    expect(value(longer, 'warmupSteps')).toMatchObject({ value: 1000, source: 'derived' });
    expect(value(extract(`${run}-1 warmup_steps_fraction=0.02\n`, 'run.sh'), 'warmupSteps')?.value).toBe(400);
    expect(value(extract(`${run}-1\n`, 'run.sh'), 'warmupSteps')).toMatchObject({ value: 2000, source: 'derived' });
  });
});

describe('Megatron-LM multimodal and encoder-decoder lengths', () => {
  test('beside --seq-length (the image embeddings), --decoder-seq-length is the language model\'s length', () => {
    const llava = [
      'SEQ_LEN=576',
      'DECODER_SEQ_LEN=4096',
      'torchrun examples/multimodal/train.py --micro-batch-size 1 --global-batch-size 256 --lr 2e-5 \\',
      '  --tensor-model-parallel-size 4 --seq-length ${SEQ_LEN} --decoder-seq-length ${DECODER_SEQ_LEN}',
    ].join('\n');
    expect(value(extract(llava, 'sft.sh'), 'seqLen')).toMatchObject({ value: 4096, line: 2 });
    const t5 = 'torchrun pretrain_t5.py --encoder-seq-length 512 --decoder-seq-length 128 --micro-batch-size 4 ' +
      '--global-batch-size 64 --lr 1e-4 --tensor-model-parallel-size 1\n';
    expect(value(extract(t5, 'train_t5.sh'), 'seqLen')?.value).not.toBe(128);
  });
});

describe('OpenRLHF', () => {
  test('flags in a here-document, betas given as two values', () => {
    const text = [
      "read -r -d '' training_commands <<EOF",
      'openrlhf.cli.train_dpo \\',
      '   --micro_train_batch_size 1 \\',
      '   --train_batch_size 256 \\',
      '   --learning_rate 5e-7 \\',
      '   --adam_betas 0.9 0.99 \\',
      '   --max_len 8192 \\',
      '   --zero_stage 3 \\',
      '   --bf16',
      'EOF',
      'deepspeed --module $training_commands',
      '',
    ].join('\n');
    const x = extract(text, 'train_dpo_llama.sh');
    expect(x.ecosystem).toBe('openrlhf');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 5e-7, line: 5, key: '--learning_rate' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.99, source: 'written', line: 6 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0, source: 'default' });
    expect(value(x, 'globalBatchSize')?.value).toBe(256);
    expect(x.scheduleKinds[0]).toBe('cosine');
  });
});

describe('diffusers training scripts', () => {
  const script = [
    'export MODEL_NAME="stabilityai/stable-diffusion-2-1"',
    'accelerate launch --mixed_precision="fp16" train_text_to_image.py \\',
    '  --pretrained_model_name_or_path=$MODEL_NAME \\',
    '  --resolution=768 --center_crop --random_flip \\',
    '  --train_batch_size=4 \\',
    '  --gradient_accumulation_steps=2 \\',
    '  --max_train_steps=15000 \\',
    '  --learning_rate=1e-05 \\',
    '  --adam_weight_decay=0.05 \\',
    '  --lr_scheduler="constant" --lr_warmup_steps=0',
    '',
  ].join('\n');

  test('--train_batch_size is the batch per device; the optimizer is AdamW with the script flags', () => {
    const x = extract(script, 'train.sh');
    expect(x.ecosystem).toBe('diffusers');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', kind: 'adamw' });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 4, line: 5, source: 'written' });
    expect(value(x, 'globalBatchSize')?.source).not.toBe('written');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-5, line: 8 });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.05, line: 9 });
    expect(value(x, 'gradAccum')).toMatchObject({ value: 2, line: 6 });
    expect(value(x, 'steps')).toMatchObject({ value: 15000, line: 7 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.999, source: 'default' });
  });

  test('--optimizer prodigy is not modelled, never AdamW', () => {
    const x = extract(`${script.trimEnd()} --optimizer="prodigy"\n`, 'train.sh');
    expect(x.optimizers[0]?.name).toBe('prodigy');
    expect(x.optimizers[0]?.kind).toBeNull();
  });
});

describe('EasyLM', () => {
  const script = [
    'python -m EasyLM.models.llama.llama_train \\',
    "    --mesh_dim='-1,32,1' \\",
    '    --total_steps=90000 \\',
    "    --load_llama_config='3b' \\",
    '    --optimizer.adamw_optimizer.lr=1e-4 \\',
    '    --optimizer.adamw_optimizer.end_lr=1e-5 \\',
    '    --optimizer.adamw_optimizer.lr_warmup_steps=500 \\',
    '    --optimizer.adamw_optimizer.lr_decay_steps=80000 \\',
    "    --train_dataset.json_dataset.path='/data/train.jsonl' \\",
    '    --train_dataset.json_dataset.seq_length=4096 \\',
    '    --train_dataset.json_dataset.batch_size=256 \\',
    '    --eval_dataset.json_dataset.batch_size=16',
    '',
  ].join('\n');

  test('the dataset batch is the whole pod\'s; AdamW defaults from its factory; end_lr is no learning rate', () => {
    const x = extract(script, 'train.sh');
    expect(x.ecosystem).toBe('easylm');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'adamw', kind: 'adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 5, source: 'written' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 7 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, line: 11, source: 'written' });
    expect(value(x, 'microBatchSize')?.source).not.toBe('written');
    expect(value(x, 'seqLen')).toMatchObject({ value: 4096, line: 10 });
    expect(value(x, 'steps')).toMatchObject({ value: 90000, line: 3 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 1e-4, source: 'default' });
    expect(value(x, 'schedule')).toMatchObject({ value: 'cosine', source: 'default' });
    expect(x.decayHorizon?.value).toMatchObject({ value: 80000, line: 8 });
  });

  test('--optimizer.type=palm is no AdamW, and the AdamW block\'s values are not its', () => {
    const palm = script.replace('--total_steps=90000', '--optimizer.type=palm');
    const x = extract(palm, 'train.sh');
    expect(x.optimizers[0]).toMatchObject({ name: 'palm', kind: null });
    expect(value(x, 'beta2')?.source).not.toBe('default');
  });
});

describe('SmolVLM2 trainer', () => {
  const script = [
    'torchrun --nproc_per_node=8 smolvlm/train/train_mem.py \\',
    '    --model_max_length 4096 \\',
    '    --vision_tower_lr 1e-6 \\',
    '    --tune_vision_tower True \\',
    '    --connector_lr 5e-5 \\',
    '    --language_model_lr 3e-5 \\',
    '    --per_device_train_batch_size 4 \\',
    '    --learning_rate 1e-4 \\',
    '    --lr_scheduler_type cosine \\',
    '    --add_media_intro_outro True',
    '',
  ].join('\n');

  test('the language model\'s lr is the run\'s; --learning_rate is only the fallback of no group', () => {
    const x = extract(script, 'train.sh');
    expect(x.ecosystem).toBe('smolvlm');
    expect(value(x, 'lr')).toMatchObject({ value: 3e-5, line: 6, source: 'written' });
    expect(x.optimizers.flatMap((o) => (o.hyperparameters.lr ? [o.hyperparameters.lr.value] : [])).sort())
      .toEqual([1e-6, 3e-5, 5e-5]);
    expect(x.findings.find((f) => f.code === 'not-a-hyperparameter')?.line).toBe(8);
    expect(value(x, 'seqLen')).toMatchObject({ value: 4096, line: 2 });
  });

  test('a vision and a connector lr alone (other VLM trainers\' flags) leave --learning_rate the language model\'s', () => {
    const other = ['deepspeed train_sft.py --learning_rate 1e-5 --vision_tower_lr 2e-6 --connector_lr 1e-5 \\',
      '  --per_device_train_batch_size 2 --lr_scheduler_type cosine', ''].join('\n');
    const x = extract(other, 'finetune.sh');
    expect(x.ecosystem).not.toBe('smolvlm');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-5, line: 1, key: '--learning_rate' });
  });
});

describe("slime's Megatron launch with dynamic batching", () => {
  const launch = (dynamic: boolean): string => [
    '#!/bin/bash',
    'TRAIN_ARGS=(',
    '   --tensor-model-parallel-size 2',
    '   --pipeline-model-parallel-size 1',
    '   --global-batch-size 128',
    '   --micro-batch-size 4',
    ...(dynamic ? ['   --use-dynamic-batch-size', '   --max-tokens-per-gpu 9216'] : []),
    '   --optimizer adam',
    '   --lr 1e-6',
    '   --lr-decay-style constant',
    ')',
    'ray job submit -- python3 train.py "${TRAIN_ARGS[@]}"',
    '',
  ].join('\n');

  test('--micro-batch-size is no batch once --use-dynamic-batch-size packs micro-batches by tokens', () => {
    const dynamic = extract(launch(true), 'run-rl.sh');
    expect(value(dynamic, 'microBatchSize')).toBeUndefined();
    expect(value(dynamic, 'globalBatchSize')).toMatchObject({ value: 128, line: 5 });
    expect(value(extract(launch(false), 'run-rl.sh'), 'microBatchSize')).toMatchObject({ value: 4, line: 6 });
  });
});
