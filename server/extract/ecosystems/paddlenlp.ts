/**
 * PaddleNLP argument files (`llm/config/<model>/*_argument.json` or YAML, read by PdArgumentParser into its own
 * `TrainingArguments`, a port of transformers' with the same key names) and its Paddle optimizer: `optim: adamw`
 * builds `paddle.optimizer.AdamW`, whose decay is decoupled and multiplied by the learning rate
 * (param ← param − lr·(m̂/(√v̂+ε) + λ·param)), with bias and norm weights excluded through apply_decay_param_fun.
 * The parallel degrees (`tensor_parallel_degree`, `pipeline_parallel_degree`, `sharding_parallel_degree`) are
 * PaddleNLP's own keys, and its identifying ones. A written warmup_steps above 0 overrides warmup_ratio.
 * Sources: PaddlePaddle/PaddleNLP@536f3c34c1eb paddlenlp/trainer/training_args.py (TrainingArguments field defaults;
 * get_warmup_steps), paddlepaddle.org.cn documentation api/paddle/optimizer/AdamW (the update rule).
 */
import type { DefaultValue, EcosystemTable, OptimizerInfo } from './types';
import { unmodelled } from './optimizer-names';

const ARGS = 'PaddleNLP paddlenlp/trainer/training_args.py TrainingArguments (PaddlePaddle/PaddleNLP@536f3c34c1eb)';
const of = (value: number | string, field: string, unlessKeys?: string[]): DefaultValue =>
  ({ value, from: `${ARGS}: ${field}`, ...(unlessKeys ? { unlessKeys } : {}) });

const PADDLE_ADAMW: OptimizerInfo = {
  kind: 'adamw',
  implementation: 'paddle.optimizer.AdamW',
  weightDecaySemantics: 'lr',
};

export const paddlenlp: EcosystemTable = {
  id: 'paddlenlp',
  displayName: 'PaddleNLP',
  formats: ['json', 'yaml'],
  detect: {
    keys: [
      { pattern: 'tensor_parallel_degree', weight: 4 },
      { pattern: 'pipeline_parallel_degree', weight: 4 },
      { pattern: 'sharding_parallel_degree', weight: 4 },
      { pattern: 'virtual_pp_degree', weight: 3 },
      { pattern: 'pipeline_parallel_config', weight: 3 },
      { pattern: 'unified_checkpoint', weight: 3 },
      { pattern: 'fp16_opt_level', weight: 2 },
      { pattern: 'zero_padding', weight: 2 },
      { pattern: 'src_length', weight: 2 },
      { pattern: 'continue_training', weight: 2 },
      { pattern: 'recompute_granularity', weight: 2 },
      { pattern: 'min_learning_rate', weight: 1 },
    ],
  },
  run: {
    microBatchSize: ['per_device_train_batch_size'],
    gradAccum: ['gradient_accumulation_steps'],
    steps: ['max_steps'],
    seqLen: ['max_seq_length', 'max_length'],
    warmupSteps: ['warmup_steps', { key: 'warmup_ratio', unit: 'fraction' }],
    schedule: ['lr_scheduler_type'],
  },
  optimizers: [
    {
      at: '',
      nameKeys: ['optim'],
      defaultName: 'adamw',
      hyperparameters: {
        lr: ['learning_rate'],
        beta1: ['adam_beta1'],
        beta2: ['adam_beta2'],
        eps: ['adam_epsilon'],
        weightDecay: ['weight_decay'],
      },
      names: {
        adamw: PADDLE_ADAMW,
        adafactor: unmodelled('PaddleNLP Adafactor'),
        '*': unmodelled('PaddleNLP optimizer (by name)'),
      },
    },
  ],
  defaults: {
    lr: of(5e-5, 'learning_rate=5e-5'),
    beta1: of(0.9, 'adam_beta1=0.9'),
    beta2: of(0.999, 'adam_beta2=0.999'),
    eps: of(1e-8, 'adam_epsilon=1e-8'),
    weightDecay: of(0, 'weight_decay=0.0'),
    microBatchSize: of(8, 'per_device_train_batch_size=8'),
    gradAccum: of(1, 'gradient_accumulation_steps=1'),
    warmupSteps: of(0, 'warmup_steps=0', ['warmup_ratio']),
    schedule: of('linear', 'lr_scheduler_type="linear"'),
  },
  batch: {},
  fp16Keys: ['fp16'],
  schedules: { linear: 'linear', cosine: 'cosine', constant: 'constant', constant_with_warmup: 'constant' },
};
export default paddlenlp;
