/**
 * Megatron-LM launch scripts (`pretrain_gpt.py` and friends, started by torchrun from a shell script):
 * hyperparameters are argparse flags, often gathered in bash arrays (`TRAINING_ARGS=( ... )`).
 * `--optimizer adam` (the default) runs Apex/Transformer Engine FusedAdam with `adam_w_mode=True`:
 * decoupled decay p·(1 − lr·λ). The global batch is `--global-batch-size`; the accumulation is derived
 * as global / (micro × data-parallel size), the data-parallel size being world size / (TP × PP × CP).
 * No warmup default is given: scripts usually set it as `--lr-warmup-fraction` of the decay iterations.
 * Defaults: NVIDIA/Megatron-LM megatron/training/arguments.py (core_r0.x): _add_regularization_args,
 * _add_learning_rate_args, _add_training_args.
 *
 * The same arguments written as a `--yaml-cfg` YAML file (megatron/training/yaml_arguments.py; "argparse arguments
 * will be ignored"): each flag is a top-level key with `_` for `-` (`--adam-beta1` → `adam_beta1`), the parallel
 * sizes under `model_parallel:`. `load_yaml` reads it with plain `yaml.safe_load` into a SimpleNamespace, with no
 * typed conversion: `lr: 2.5e-4` is a float there, `lr: 1e-4` stays a string.
 * Sources: NVIDIA/Megatron-LM@d98e8a64ddf3 megatron/training/yaml_arguments.py load_yaml, and the example it was
 * written for, NVIDIA/Megatron-LM@110716ae94 examples/gpt3/gpt_config.yaml.
 */
import type { EcosystemTable, KeySpelling, OptimizerInfo, Spellings } from './types';
import { unmodelled } from './optimizer-names';

const ARGS = 'Megatron-LM megatron/training/arguments.py';

/** A flag's `--yaml-cfg` key: `--adam-beta1` → `adam_beta1`. */
const yamlKey = (flag: string): string => flag.replace(/^--/, '').replace(/-/g, '_');
const withYaml = (spelling: KeySpelling): KeySpelling[] => typeof spelling === 'string'
  ? [spelling, yamlKey(spelling)]
  : [spelling, { ...spelling, key: yamlKey(spelling.key) }];
/** Each flag spelling followed by its YAML key, so the launch script and the YAML file share one set of names. */
function flagsAndYaml(spellings: Spellings): Spellings {
  const out: Spellings = {};
  for (const [name, list] of Object.entries(spellings) as [keyof Spellings, KeySpelling[]][]) {
    out[name] = list.flatMap(withYaml);
  }
  return out;
}

/** What `--optimizer` (YAML `optimizer`) runs; Megatron-Core's OptimizerConfig has the same names and defaults. */
export const MEGATRON_OPTIMIZERS: Record<string, OptimizerInfo> = {
  adam: {
    kind: 'adamw',
    implementation: 'FusedAdam (Transformer Engine or Apex), adam_w_mode=True',
    weightDecaySemantics: 'lr',
    note: 'Megatron-LM\'s "adam" decays weights decoupled, as AdamW does.',
    defaults: {
      beta1: { value: 0.9, from: `${ARGS}: --adam-beta1 default 0.9` },
      beta2: { value: 0.999, from: `${ARGS}: --adam-beta2 default 0.999` },
      eps: { value: 1e-8, from: `${ARGS}: --adam-eps default 1e-08` },
    },
  },
  sgd: {
    kind: 'sgd',
    implementation: 'FusedSGD (Apex)',
    weightDecaySemantics: 'coupled-l2',
    defaults: { momentum: { value: 0.9, from: `${ARGS}: --sgd-momentum default 0.9` } },
  },
  '*': unmodelled('Megatron-LM optimizer (by --optimizer)'),
};

/**
 * Megatron-Core's OptimizerConfig fields, relative to the block that holds them (megatron/core/optimizer/
 * optimizer_config.py: lr, adam_beta1, adam_beta2, adam_eps, weight_decay, sgd_momentum): the optimizer block of
 * Megatron-Bridge's ConfigContainer and of NeMo-RL's megatron_cfg.
 */
export const MCORE_OPTIMIZER_KEYS: Spellings = {
  lr: ['lr'],
  beta1: ['adam_beta1'],
  beta2: ['adam_beta2'],
  eps: ['adam_eps'],
  weightDecay: ['weight_decay'],
  momentum: ['sgd_momentum'],
};

export const megatronLm: EcosystemTable = {
  id: 'megatron-lm',
  displayName: 'Megatron-LM',
  formats: ['shell', 'yaml'],
  detect: {
    keys: [
      { pattern: '--tensor-model-parallel-size', weight: 2 },
      { pattern: '--pipeline-model-parallel-size', weight: 2 },
      { pattern: '--micro-batch-size', weight: 2 },
      { pattern: '--lr-decay-style', weight: 2 },
      { pattern: '--adam-beta1', weight: 2 },
      { pattern: '--lr-warmup-fraction', weight: 2 },
      { pattern: '--use-mcore-models', weight: 3 },
      { pattern: '--num-attention-heads', weight: 1 },
      { pattern: '--global-batch-size', weight: 1 },
      { pattern: '--seq-length', weight: 1 },
      { pattern: '--train-iters', weight: 1 },
      { pattern: '--tokenizer-type', weight: 1 },
      // --yaml-cfg files: the parallel sizes nest under model_parallel, the rest is flat.
      { pattern: 'model_parallel.tensor_model_parallel_size', weight: 3 },
      { pattern: 'model_parallel.pipeline_model_parallel_size', weight: 1 },
      { pattern: 'lr_decay_style', weight: 2 },
      { pattern: 'lr_warmup_fraction', weight: 1 },
      { pattern: 'adam_beta1', weight: 1 },
      { pattern: 'language_model.num_attention_heads', weight: 1 },
    ],
    fileNames: ['*pretrain*.sh', 'train_gpt*.sh', 'train_llama*.sh'],
  },
  yamlLoader: {
    library: 'PyYAML yaml.safe_load (megatron/training/yaml_arguments.py load_yaml), no typed conversion',
    dotlessExponent: 'string',
    source: 'NVIDIA/Megatron-LM@d98e8a64ddf3 megatron/training/yaml_arguments.py: config = yaml.safe_load(f)',
  },
  run: flagsAndYaml({
    // Unless slime's --use-dynamic-batch-size packs the micro-batches by tokens instead (see notRoles).
    microBatchSize: [{ key: '--micro-batch-size', when: [{ sibling: '--use-dynamic-batch-size', values: [false],
      ifAbsent: true, root: true }] }],
    globalBatchSize: ['--global-batch-size'],
    // A multimodal (LLaVA) run's language model trains on --decoder-seq-length: examples/multimodal/model.py replaces
    // args.seq_length with the number of image embeddings and builds LLaVAModel(language_max_sequence_length=
    // args.decoder_seq_length) (NVIDIA/Megatron-LM@00c2c0ad). An encoder-decoder run (T5) writes
    // --encoder-seq-length beside it: its decoder's length is not the run's.
    seqLen: [{ key: '--decoder-seq-length', when: [{ sibling: 'encoder_seq_length', values: [], ifAbsent: true }] },
      '--seq-length'],
    // A run sized in samples (NVIDIA/Megatron-LM@d98e8a64ddf3 examples/llama/train_llama3_8b_h100_fp8.sh) counts
    // samples, not steps: the unit goes with the value, so it is never read as a step count.
    steps: ['--train-iters', { key: '--train-samples', unit: 'samples' }],
    // --lr-warmup-fraction: "fraction of lr-warmup-(iters/samples) to use for warmup" of the decay iterations
    // (megatron/training/arguments.py; training.py: lr_warmup_steps = lr_warmup_fraction * lr_decay_steps).
    warmupSteps: ['--lr-warmup-iters', { key: '--lr-warmup-samples', unit: 'samples' },
      { key: '--lr-warmup-fraction', unit: 'fraction' }],
    schedule: ['--lr-decay-style'],
  }),
  warmupFractionOf: ['--lr-decay-iters', 'lr_decay_iters'],
  // validate_args: a run sized in samples asserts lr_warmup_iters == 0 and warms up by lr_warmup_samples.
  zeroIsUnset: ['warmupSteps'],
  optimizers: [
    {
      at: '',
      nameKeys: ['--optimizer', 'optimizer'],
      defaultName: 'adam',
      hyperparameters: flagsAndYaml({
        lr: ['--lr'],
        beta1: ['--adam-beta1'],
        beta2: ['--adam-beta2'],
        eps: ['--adam-eps'],
        weightDecay: ['--weight-decay'],
        momentum: ['--sgd-momentum'],
      }),
      names: MEGATRON_OPTIMIZERS,
      // arguments.py: "Momentum factor for sgd"; Adam never reads it.
      onlyFor: { momentum: ['sgd'] },
    },
  ],
  notRoles: [
    ...['--sgd-momentum', 'sgd_momentum'].map((key) => ({ key, reason: 'the momentum of --optimizer sgd only',
      source: `${ARGS}: --sgd-momentum "Momentum factor for sgd"` })),
    // slime launches Megatron with its own flags: --use-dynamic-batch-size packs each micro-batch up to
    // --max-tokens-per-gpu tokens instead ("mbs for the training, will be ignored if `use_dynamic_batch_size` is set").
    { key: '--micro-batch-size', whenWritten: ['--use-dynamic-batch-size'],
      reason: 'ignored: --use-dynamic-batch-size packs micro-batches up to --max-tokens-per-gpu tokens',
      source: 'THUDM/slime@624b824 slime/utils/arguments.py:716-717, 746-755' },
  ],
  defaults: {
    weightDecay: { value: 0.01, from: `${ARGS}: --weight-decay default 0.01` },
    schedule: { value: 'linear', from: `${ARGS}: --lr-decay-style default 'linear'` },
  },
  batch: {},
  fp16Keys: ['--fp16', 'fp16', 'model_parallel.fp16'],
  schedules: {
    constant: 'constant', linear: 'linear', cosine: 'cosine', 'inverse-square-root': 'inverse-sqrt', WSD: 'wsd',
  },
};
export default megatronLm;
