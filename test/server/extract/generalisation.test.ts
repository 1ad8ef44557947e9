/**
 * The general rules added after checking extraction against a second sample of real configs
 * (test/fixtures/heldout-like): each is checked here on a minimal file, so a regression names the rule.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('a key written twice counts once, at its last occurrence', () => {
  test('argparse keeps the last flag of a launch script', () => {
    const x = extract('torchrun pretrain_gpt.py \\\n  --weight-decay 0.01 \\\n  --lr 1e-4 \\\n  --weight-decay 0.1\n', 'train.sh');
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 4, raw: '0.1' });
  });
  test('Python keeps the last assignment', () => {
    const x = extract('learning_rate = 6e-4\nbatch_size = 12\nblock_size = 1024\ngradient_accumulation_steps = 40\nlearning_rate = 1e-3\n', 'config/train_x.py');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 5 });
  });
});

test('flags in a quoted multi-line string keep their own line and literal', () => {
  const text = 'GPT_ARGS="\n    --micro-batch-size 1 \\\n    --lr 1.25e-5 \\\n    --adam-beta2 0.95 \\\n"\ntorchrun pretrain_gpt.py $GPT_ARGS --use-mcore-models\n';
  const x = extract(text, 'run.sh');
  expect(value(x, 'lr')).toMatchObject({ value: 1.25e-5, line: 3, raw: '1.25e-5' });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 4, raw: '0.95' });
});

describe('mmengine schedulers count epochs unless by_epoch=False', () => {
  const config = (byEpoch: string): string =>
    `optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.02, momentum=0.9))\nparam_scheduler = [\n    dict(type='LinearLR', start_factor=0.001, ${byEpoch}begin=0, end=500),\n    dict(type='MultiStepLR', milestones=[8, 11])\n]\n`;
  test('by_epoch=False: the warmup end is in iterations', () => {
    expect(value(extract(config('by_epoch=False, '), 'configs/x.py'), 'warmupSteps')).toMatchObject({ value: 500, line: 3 });
    expect(value(extract(config('by_epoch=False, '), 'configs/x.py'), 'warmupSteps')?.unit).toBeUndefined();
  });
  test('by_epoch left to its default: epochs', () => {
    expect(value(extract(config(''), 'configs/x.py'), 'warmupSteps')?.unit).toBe('epochs');
  });
});

test("OLMo's t_warmup counts tokens when the scheduler says units: tokens, and stop_at ends an epoch-long run", () => {
  const text = 'run_name: OLMo-20M\nmodel:\n  d_model: 256\n  max_sequence_length: 4096\noptimizer:\n  name: adamw\n  learning_rate: 1.0e-3\nscheduler:\n  name: cosine_with_warmup\n  units: tokens\n  t_warmup: 4194304000\nmax_duration: 2ep\nstop_at: 400_000\nglobal_train_batch_size: 1024\n';
  const x = extract(text, 'OLMo-20M.yaml');
  expect(x.ecosystem).toBe('olmo');
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 4194304000, unit: 'tokens' });
  expect(value(x, 'steps')).toMatchObject({ value: 400000, line: 13, key: 'stop_at' });
  expect(value(extract(text.replace('  units: tokens\n', ''), 'OLMo-20M.yaml'), 'warmupSteps')?.unit).toBeUndefined();
});

test('an mmengine config that inherits its optimizer still gives the lr it overrides', () => {
  const x = extract("_base_ = './faster-rcnn_r50_fpn_1x_coco.py'\noptim_wrapper = dict(optimizer=dict(lr=0.01))\n", 'configs/x.py');
  expect(x.ecosystem).toBe('mmlab');
  expect(x.optimizers[0]?.name).toBe('inherited from _base_');
  expect(value(x, 'lr')).toMatchObject({ value: 0.01, line: 2, source: 'written' });
});

test('an mmcv 1.x override (`optimizer = dict(lr=...)`) is read too', () => {
  const x = extract("_base_ = './faster_rcnn_r50_fpn_1x_coco.py'\ndata = dict(samples_per_gpu=4)\noptimizer = dict(lr=0.04)\n", 'configs/x.py');
  expect(x.optimizers).toHaveLength(1);
  expect(value(x, 'lr')).toMatchObject({ value: 0.04, line: 3 });
});

test('one optimizer reached by two paths (`optim_wrapper = dict(optimizer=optimizer)`) is reported once', () => {
  const x = extract("optimizer = dict(type='AdamW', lr=0.00006, betas=(0.9, 0.999), weight_decay=0.01)\noptim_wrapper = dict(type='OptimWrapper', optimizer=optimizer)\nparam_scheduler = [dict(type='PolyLR', power=1.0)]\n", 'configs/x.py');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', line: 1 });
});

describe("DeepSpeed's accumulation default applies only when the batch triple leaves it free", () => {
  test('train_batch_size and the micro batch both written: derived by DeepSpeed, no default', () => {
    const x = extract('{"train_batch_size": 4096, "train_micro_batch_size_per_gpu": 64, "optimizer": {"type": "Adam", "params": {"lr": 2e-4}}}', 'ds_config.json');
    expect(value(x, 'gradAccum')).toBeUndefined();
    expect(value(extract(JSON.stringify({ train_batch_size: 4096, train_micro_batch_size_per_gpu: 64, optimizer: { type: 'Adam', params: { lr: 2e-4 } } }), 'ds_config.json', { worldSize: 8 }), 'gradAccum')).toMatchObject({ value: 8, source: 'derived' });
  });
  test('only train_batch_size written: gradient_accumulation_steps defaults to 1', () => {
    const x = extract('{"train_batch_size": 32, "steps_per_print": 10, "optimizer": {"type": "Adam", "params": {"lr": 1e-3}}}', 'ds_config.json');
    expect(value(x, 'gradAccum')).toMatchObject({ value: 1, source: 'default' });
  });
});

describe('key spellings of other versions of a framework', () => {
  test("litgpt's TrainArgs optimizer settings under train:", () => {
    const x = extract('train:\n  micro_batch_size: 2\n  lr_warmup_steps: 10\n  learning_rate: 0.0002\n  weight_decay: 0.0\n  beta1: 0.9\n  beta2: 0.95\neval:\n  interval: 100\nout_dir: out\n', 'lora.yaml');
    expect(x.ecosystem).toBe('litgpt');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-4, key: 'train.learning_rate' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, key: 'train.beta2' });
  });
  test("gpt-neox's `gas`", () => {
    const x = extract('{\n  "train_micro_batch_size_per_gpu": 32,\n  "gas": 1,\n  "lr-decay-style": "cosine",\n  "train-iters": 143000,\n  "seq-length": 2048\n}\n', 'pythia.yml');
    expect(x.ecosystem).toBe('gpt-neox');
    expect(value(x, 'gradAccum')).toMatchObject({ value: 1, line: 3, source: 'written' });
  });
  test("torchtitan's warmup in [training] before [lr_scheduler] existed", () => {
    const x = extract('[job]\ndump_folder = "./outputs"\n[model]\nflavor = "8B"\n[optimizer]\nname = "AdamW"\nlr = 3e-4\n[training]\nbatch_size = 1\nwarmup_steps = 200\nsteps = 1000\n', 'llama3_8b.toml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 200, line: 10, source: 'written' });
  });
});

test('a NeMo model that is not Megatron batches per device in model.train_ds', () => {
  const text = 'name: Conformer-CTC-BPE\nmodel:\n  train_ds:\n    manifest_filepath: ???\n    batch_size: 16\n  validation_ds:\n    batch_size: 16\n  optim:\n    name: adamw\n    lr: 2.0\n    betas: [0.9, 0.98]\n    sched:\n      name: NoamAnnealing\n      warmup_steps: 10000\ntrainer:\n  devices: -1\n  max_epochs: 1000\n';
  const x = extract(text, 'conformer_ctc_bpe.yaml');
  expect(x.ecosystem).toBe('nemo');
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 5, key: 'model.train_ds.batch_size' });
});

test('a MaxText launch script: key=value overrides to train.py are MaxText keys', () => {
  const x = extract('python3 MaxText/train.py MaxText/configs/base.yml\\\n    steps=15 per_device_batch_size=6 remat_policy=full\\\n    max_target_length=2048 base_output_directory=$OUTPUT_PATH\n', '16b.sh');
  expect(x.ecosystem).toBe('maxtext');
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 6, line: 2 });
  expect(value(x, 'lr')).toMatchObject({ value: 3e-5, source: 'default' });
});

test('a DeepSpeed config without an optimizer block leaves the optimizer to the training script', () => {
  const x = extract('{"zero_optimization": {"stage": 3}, "train_micro_batch_size_per_gpu": "auto", "gradient_accumulation_steps": "auto"}', 'zero3.json');
  expect(x.optimizers[0]).toMatchObject({ name: 'client optimizer', kind: null });
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 'auto', source: 'written' });
});

test("Hugging Face's warmup_steps=0 default gives way to a written warmup_ratio", () => {
  const base = 'base_model: x\nsequence_len: 2048\nmicro_batch_size: 1\nlearning_rate: 0.0002\n';
  // No run length in steps: the fraction is kept as written, in its unit (warmup-fraction.test.ts).
  expect(value(extract(`${base}warmup_ratio: 0.1\n`, 'qlora.yml'), 'warmupSteps'))
    .toMatchObject({ value: 0.1, unit: 'fraction', source: 'written' });
  expect(value(extract(base, 'qlora.yml'), 'warmupSteps')).toMatchObject({ value: 0, source: 'default' });
});

test('an alignment-handbook SFT recipe is TRL, whose max_length is the sequence length', () => {
  const text = 'model_name_or_path: HuggingFaceTB/SmolLM-360M\nmodel_revision: main\ntorch_dtype: bfloat16\nattn_implementation: flash_attention_2\nchat_template: "{{ x }}"\ndataset_num_proc: 24\nbf16: true\ndataset_kwargs:\n  add_special_tokens: false\ngradient_accumulation_steps: 4\nlearning_rate: 1.0e-03\nlogging_steps: 5\nlr_scheduler_type: cosine\nmax_length: 2048\nnum_train_epochs: 1\noutput_dir: data/out\nper_device_train_batch_size: 4\nsave_strategy: "no"\n';
  const x = extract(text, 'config.yaml');
  expect(x.ecosystem).toBe('trl');
  expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 14 });
});
