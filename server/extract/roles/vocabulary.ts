/**
 * The shared vocabulary of roles: the names any framework uses for the learning rate, β1, β2, ε, λ, momentum,
 * batch sizes, accumulation, sequence length, steps, warmup, schedule and the optimizer's name. Extraction
 * matches every key path, flag, keyword argument and attribute of any file against it (roles/infer.ts), so a
 * value is found even where no ecosystem table spells it. Ecosystem tables still come first: they know a
 * framework's own spellings, defaults and units; this vocabulary only knows what the words mean.
 *
 * Words are matched on the normalised last key segment: lower case, `-` read as `_`, leading dashes dropped
 * (`--adam-beta1` → `adam_beta1`). `specific` words name one role wherever they appear (`learning_rate`,
 * `per_device_train_batch_size`); the others (`lr`, `eps`, `steps`, `batch_size`) need a context that says
 * "training" or "optimizer" around them.
 */
import type { HyperparameterName } from '../../../core/hyperparams';
import type { ValueUnit } from '../ecosystems/types';
import { MORE_ACCUMULATION_WORDS, MORE_BETA1_WORDS, MORE_BETA2_WORDS, MORE_GENERIC_MICRO_BATCH_WORDS,
  MORE_GENERIC_STEPS_WORDS, MORE_GLOBAL_BATCH_WORDS, MORE_MICRO_BATCH_WORDS, MORE_SEQ_LEN_WORDS, MORE_STEPS_WORDS,
  MORE_SCHEDULE_WORDS, MORE_WARMUP_WORDS } from './vocabulary-spellings';

/** A role: a hyperparameter, or the optimizer's name. */
export type Role = HyperparameterName | 'optimizer';

export interface RoleWord {
  role: Role;
  /** The element of a list-valued key (`betas[0]` is β1); absent: a scalar, or a one-element list. */
  index?: number;
  specific: boolean;
  /** The unit when not the role's default (`warmup_epochs` counts epochs). */
  unit?: ValueUnit;
}

function words(role: Role, specific: boolean, names: string[], unit?: ValueUnit): [string, RoleWord][] {
  return names.map((n) => [n, unit === undefined ? { role, specific } : { role, specific, unit }]);
}

/** Exact words → role. */
export const ROLE_WORDS: ReadonlyMap<string, RoleWord> = new Map<string, RoleWord>([
  ...words('lr', true, [
    'learning_rate',
    'base_lr',
    'peak_lr',
    'max_learning_rate',
    'optimizer_lr',
    'adam_lr',
    'lr_rate',
    'learningrate',
    'base_learning_rate',
    'peak_learning_rate',
    'initial_learning_rate',
    // Marian's `--learn-rate` / `learn-rate:` (marian-nmt/marian-dev@0084a3a src/common/config_parser.cpp: "Learning
    // rate"); dashes read as underscores, so every format's spelling of "learn rate" is one word here.
    'learn_rate',
  ]),
  // `blr`: MAE's base lr, `absolute_lr = blr * total_batch_size / 256` (facebookresearch/mae main_pretrain.py --blr).
  ...words('lr', false, ['lr', 'max_lr', 'lr_max', 'blr']),
  ...words('beta1', true, ['adam_beta1', 'beta1', 'beta_1', 'adam_b1', 'b1', 'optimizer_beta1', ...MORE_BETA1_WORDS]),
  ...words('beta2', true, ['adam_beta2', 'beta2', 'beta_2', 'adam_b2', 'b2', 'optimizer_beta2', ...MORE_BETA2_WORDS]),
  // `opt_eps`/`opt_betas`: timm's `--opt-eps`/`--opt-betas` (huggingface/pytorch-image-models@aa4b5850 train.py:193,
  // 195), also read by VideoMAE-style trainers (OpenGVLab/InternVideo@3965eef1 single_modality/optim_factory.py:124).
  ...words('eps', true, ['adam_epsilon', 'adam_eps', 'optimizer_eps', 'optimizer_epsilon', 'adam_epsilon_value',
    'adamw_eps', 'adamw_epsilon', 'opt_eps']),
  ...words('eps', false, ['eps', 'epsilon']),
  ...words('weightDecay', true, [
    'weight_decay',
    'adam_weight_decay',
    'weight_decay_rate',
    'optimizer_weight_decay',
    'weightdecay',
  ]),
  ...words('weightDecay', false, ['wd', 'decay_weight']),
  ...words('momentum', true, ['sgd_momentum', 'muon_momentum', 'momentum_beta']),
  ...words('momentum', false, ['momentum', 'mom']),
  ...words('microBatchSize', true, [
    'micro_batch_size',
    'per_device_train_batch_size',
    // DeepSpeed-Chat step 3 (deepspeedai/DeepSpeedExamples applications/DeepSpeed-Chat/training/
    // step3_rlhf_finetuning/main.py): the per-GPU batch the actor and the critic train on.
    'per_device_training_batch_size',
    'train_micro_batch_size_per_gpu',
    'batch_size_per_device',
    'per_gpu_train_batch_size',
    'device_batch_size',
    'local_batch_size',
    'train_batch_size_per_device',
    'per_device_batch_size',
    'micro_batch',
    'microbatch_size',
    'batch_size_per_gpu',
    'micro_train_batch_size',
    'train_micro_batch_size',
    'device_train_microbatch_size',
    'per_device_train_microbatch_size',
    'samples_per_gpu',
    'imgs_per_gpu',
    'batch_size_per_replica',
    'ppo_micro_batch_size_per_gpu',
    'micro_batch_size_per_gpu',
    // PaddleOCR's `Train.loader.batch_size_per_card` (PaddlePaddle/PaddleOCR ppocr/data/__init__.py build_dataloader:
    // batch_size = loader_config["batch_size_per_card"], then a DistributedBatchSampler; public-code index copy).
    'batch_size_per_card',
    // `bsz`, the common short form of batch size, after a word that says per device (BlinkDL/RWKV-LM train.py
    // `--micro_bsz`, "micro batch size (batch size per GPU)", public-code index copies).
    'micro_bsz',
    'per_device_bsz',
    'device_bsz',
    'local_bsz',
    // The per-process batch under other word orders: llama-recipes' train_config.batch_size_training
    // (meta-llama/llama-recipes src/llama_recipes/configs/training.py, the DataLoader batch of each rank; kept by
    // X-LANCE/SLAM-LLM@a68e78f examples/asr_librispeech/asr_config.py), 1d-tokenizer's training.per_gpu_batch_size
    // (bytedance/1d-tokenizer@942a96f configs/training/generator/rar.yaml, "32 GPU, total batch size 2048").
    'batch_size_training',
    'per_gpu_batch_size',
    // One word, as latent-diffusion descendants spell it: AudioLDM's model.params.batchsize is the DataLoader batch of
    // each process (haoheliu/AudioLDM-training-finetuning@702a638 audioldm_train/train/latent_diffusion.py:53).
    'batchsize',
    ...MORE_MICRO_BATCH_WORDS,
  ]),
  ...words('microBatchSize', false, ['batch_size', 'bs', 'mbs', 'train_batch_size_per_gpu', 'max_sentences', 'batch',
    'bsz']),
  // The loader batch of recommendation and RL scripts (facebookresearch/dlrm@090956e dlrm_s_pytorch.py:966
  // `--mini-batch-size`, the DataLoader batch_size of dlrm_data_pytorch.py): a batch, not a count of mini-batches.
  ...words('microBatchSize', false, ['mini_batch_size', 'minibatch_size', ...MORE_GENERIC_MICRO_BATCH_WORDS]),
  // Marian's `--mini-batch`, "Size of mini-batch used during update" (marian-nmt/marian-dev@0084a3a
  // src/common/config_parser.cpp addSuboptionsBatching), in sentences; `maxi-batch` and `valid-mini-batch` are other
  // words (the batches preloaded for sorting, the validation batch).
  ...words('microBatchSize', false, ['mini_batch', 'minibatch']),
  // A rank's batch cut by its token count (facebookresearch/fairseq2@027bdeb recipes/lm/sft/config.py: max_num_tokens,
  // "the maximum number of tokens per batch").
  ...words('microBatchSize', false, ['max_num_tokens'], 'tokens'),
  // torchtitan's TrainingConfig: "input-token slots processed per data-parallel rank in one model forward"
  // (pytorch/torchtitan@b5bcd76 torchtitan/config/configs.py:37), the micro-batch of one rank in tokens.
  ...words('microBatchSize', true, ['num_tokens_per_microbatch_per_dp_rank'], 'tokens'),
  ...words('gradAccum', true, [
    'gradient_accumulation_steps',
    'grad_accum',
    'grad_accum_steps',
    'accumulate_grad_batches',
    'gradient_accumulation',
    'accumulation_steps',
    'grad_acc_steps',
    'gradient_accumulation_iters',
    'accum_steps',
    'grad_accumulation_steps',
    'accum_grad',
    'update_freq',
    'gas',
    'accum_iter',
    'batch_accumulation_per_replica',
    // H2O LLM Studio (h2oai/h2o-llmstudio@a4971c1 documentation/docs/tooltips/experiments/_grad-accumulation.mdx).
    'grad_accumulation',
    // lucidrains' training scripts and Trainers (lucidrains/x-transformers@9252ed7 train_enwik8.py
    // `gradient_accumulate_every`, denoising-diffusion-pytorch Trainer) and tinygrad's examples
    // (tinygrad/tinygrad@a9069c1 examples/gradaccum_mnist.py `ACC_STEPS`): micro-batches per optimizer step.
    'gradient_accumulate_every',
    'grad_accum_every',
    'accumulate_every',
    'acc_steps',
    'accum_grad_batches', // anemoi-training, Lightning's accumulate_grad_batches (ecmwf/anemoi-core train.py:736)
    // Protenix (bytedance/Protenix@3248f8e runner/train.py: loss / iters_to_accumulate, a step every N iterations),
    // the name of the PyTorch AMP gradient-accumulation example.
    'iters_to_accumulate',
    // OpenCLIP's --accum-freq, "Update the model every --accum-freq steps" (mlfoundations/open_clip@89fb801
    // src/open_clip_train/params.py:535; train.py accumulates that many batches' features before a step).
    'accum_freq',
    // InternEvo/InternLM's data.micro_num, "the number of micro_batch contained in one gradient update"
    // (InternLM/InternEvo@c628a8c internlm/initialize/launch.py:134: gradient_accumulation = micro_num).
    'micro_num',
    ...MORE_ACCUMULATION_WORDS,
  ]),
  ...words('globalBatchSize', true, [
    'global_batch_size',
    'total_batch_size',
    'global_train_batch_size',
    'effective_batch_size',
    'gbs',
    'train_batch_size_total',
    'global_train_batch',
    'train_global_batch_size',
    'ppo_mini_batch_size',
    // TorchRL's GRPO `train.optim_batch_size`: the samples of one optimizer step, cut into gradient_accumulation_steps
    // micro-batches (pytorch/rl@ae9719f sota-implementations/grpo/grpo-sync.py: the replay buffer samples
    // optim_batch_size // gradient_accumulation_steps per backward pass, optimizer.step() every accumulation).
    'optim_batch_size',
    'optimizer_batch_size',
    // The short form after a word that says every device (`--global-bsz`, `total_bsz`).
    'global_bsz',
    'total_bsz',
    // DCLM's hyperparameter JSON `global_bs`, passed as open_lm's --global-batch-size (mlfoundations/dclm@361714b
    // training/params.py get_open_lm_args).
    'global_bs',
    ...MORE_GLOBAL_BATCH_WORDS,
  ]),
  ...words('seqLen', true, [
    'seq_len',
    'seq_length',
    'max_seq_len',
    'max_seq_length',
    'sequence_length',
    'sequence_len',
    'context_length',
    'max_sequence_length',
    'max_target_length',
    'cutoff_len',
    'tokens_per_sample',
    'train_seq_len',
    'block_size',
    'ctx_len',
    'max_len',
    'model_max_length',
    'encoder_seq_length',
    'seqlen',
    'context_len',
    'sample_max_length',
    'max_total_sequence_length',
    ...MORE_SEQ_LEN_WORDS,
  ]),
  // torchtitan's TrainingConfig.max_context_length, "maximum logical context length used for training"
  // (pytorch/torchtitan@b5bcd76 torchtitan/config/configs.py:51); generic, since an inference block writes it too.
  ...words('seqLen', false, ['max_context_length']),
  // nanoVLM's TrainConfig.max_sample_length, the packing length of a training sample in tokens
  // (huggingface/nanoVLM@4e0c096 models/config.py); generic, since a speech sample's length counts audio samples.
  ...words('seqLen', false, ['max_length', 'max_sample_length']),
  // The length training sequences are packed to (open-instruct's --pack_length, allenai/open-instruct@e6c3044
  // open_instruct/data_loader.py); generic, since a data-preparation script packs to it too.
  ...words('seqLen', false, ['pack_length']),
  // The longest training input kept, in tokens (google/flax examples/sst2/train.py: get_bucketed_batches(batch_size,
  // bucket_size, max_input_length=config.max_input_length) cuts longer training sentences); generic, since an
  // evaluation or inference block writes it too.
  ...words('seqLen', false, ['max_input_length']),
  ...words('steps', true, [
    'max_steps',
    'train_steps',
    'total_steps',
    'train_iters',
    'max_iters',
    'num_iterations',
    'training_steps',
    'max_update',
    'num_train_steps',
    'max_iter',
    'total_training_steps',
    'max_num_steps',
    'num_training_steps',
    'max_train_steps',
    'total_train_steps',
    'train_num_steps',
    'max_iterations',
    'n_steps',
    'num_train_iterations',
    'total_num_steps',
    'stop_at',
    'max_num_steps',
    'max_step',
    'max_training_steps',
    // "SGD steps" are optimizer updates (determined-ai/determined@c1e9c6d7 detsd/trainer.py num_sgd_steps).
    'num_sgd_steps', 'sgd_steps',
    // Iteration counts of image-restoration and detection trainers: BasicSR's `train.total_iter` (XPixelGroup/BasicSR
    // basicsr/train.py: `total_iters = int(opt['train']['total_iter'])`, the loop stops past it) and the train_ forms
    // of `max_iters`. Plain `total_iters` stays a schedule's (torch LinearLR's ramp, roles/vocabulary-patterns.ts).
    'total_iter', 'total_iterations', 'num_train_iters', 'max_train_iters', 'total_train_iters', 'max_train_iterations',
    ...MORE_STEPS_WORDS,
  ]),
  // `num_iters`: the generic count of training iterations (ml-explore/mlx-examples transformer_lm/main.py --num_iters,
  // descriptinc/descript-audio-codec conf/base.yml num_iters); generic, since an inner loop counts iterations too.
  ...words('steps', false, ['steps', 'iterations', 'iters', 'num_steps', 'num_iters', 'n_iters', 'n_iterations',
    ...MORE_GENERIC_STEPS_WORDS]),
  // A run that stops after a number of training tokens: RWKV-LM's `--my_exit_tokens` (BlinkDL/RWKV-LM train.py: the
  // cosine decay runs over `abs(args.my_exit_tokens)` tokens of `ctx_len × real_bsz` per step, and the run exits
  // there; public-code index copies), and the plain spellings of a token budget for training.
  ...words('steps', true, ['my_exit_tokens', 'exit_tokens', 'train_tokens', 'max_train_tokens', 'total_train_tokens',
    'num_train_tokens'], 'tokens'),
  ...words('warmupSteps', true, [
    'warmup_steps',
    'warmup_iters',
    'num_warmup_steps',
    'lr_warmup_steps',
    'warmup_updates',
    'lr_warmup_iters',
    'warmup_num_steps',
    'warmup_iter',
    'n_warmup_steps',
    'num_warmup_iters',
    'warmup_step',
    'lr_warmup_iter',
    'lr_rampup_steps', 'rampup_steps', // a ramp-up is a warmup (NVIDIA/physicsnemo stormcast utils/trainer.py:221)
    // Optimizer updates of a linear warmup (SWivid/F5-TTS@2ae2c9b src/f5_tts/model/trainer.py: LinearLR over
    // num_warmup_updates, counted in updates so that accumulation does not stretch it).
    'num_warmup_updates',
    // Marian's `--lr-warmup`, "Increase learning rate linearly for arg first batches (append 't' for arg first target
    // labels)" (marian-nmt/marian-dev@0084a3a src/common/config_parser.cpp): updates unless a unit is appended.
    'lr_warmup',
    // RT-DETR's LinearWarmup(warmup_duration), stepped once per iteration (lyuwenyu/RT-DETR@068dfde
    // rtdetrv2_pytorch/src/optim/warmup.py; configs/rtdetr/include/optimizer.yml lr_warmup_scheduler).
    'warmup_duration',
    ...MORE_WARMUP_WORDS,
  ]),
  ...words('warmupSteps', false, ['warmup']),
  // A scheduler's `t_warmup`: OLMo's counts steps unless `units` says tokens (allenai/OLMo olmo/config.py
  // SchedulerConfig, the olmo table), Composer's takes a time string (`100ba`; mosaicml/composer
  // composer/optim/scheduler.py LinearWithWarmupScheduler(t_warmup: Union[str, Time]), read with its unit).
  ...words('warmupSteps', false, ['t_warmup']),
  // The latent-diffusion / generative-models LambdaLinearScheduler (Stability-AI/generative-models@0ad7de9
  // sgm/lr_scheduler.py: warm_up_steps, one per cycle).
  ...words('warmupSteps', true, ['warm_up_steps']),
  // GraphGPS's optim.num_warmup_epochs (rampasek/GraphGPS@2801570 graphgps/optimizer/extra_optimizers.py:94: passed as
  // num_warmup_steps to a scheduler stepped once per epoch).
  ...words('warmupSteps', true, ['warmup_epochs', 'warmup_epoch', 'lr_warmup_epochs', 'num_warmup_epochs',
    'n_warmup_epochs', 'lr_warmup_epoch'], 'epochs'),
  // A share of the run (HF warmup_ratio, OLMo-core warmup_fraction, Megatron lr_warmup_fraction).
  ...words('warmupSteps', true, [
    'warmup_ratio',
    'warmup_fraction',
    'warmup_steps_fraction',
    'lr_warmup_fraction',
    'lr_warmup_ratio',
    'warmup_proportion',
    // veRL's optim block: used when lr_warmup_steps is negative (volcengine/verl@1acd108
    // verl/trainer/config/ppo_trainer.yaml: actor.optim.lr_warmup_steps_ratio).
    'lr_warmup_steps_ratio',
  ], 'fraction'),
  ...words('schedule', true, [
    'lr_scheduler_type',
    'lr_scheduler',
    'lr_schedule',
    'lr_decay_style',
    'lr_schedule_type',
    'decay_style',
    'lr_scheduler_name',
    'scheduler_type',
    'lr_policy',
    'lr_decay',
    'decay_type',
    'lr_decay_type',
    'sched_type',
    // The schedule's name under the `lr_sched` abbreviation: LAVIS-style runners (MiniGPT-4, BLIP-2) build it from
    // `run_cfg.lr_sched` (lavis/runners/runner_base.py `registry.get_lr_scheduler_class(self.config.run_cfg.lr_sched)`,
    // public-code index copies).
    'lr_sched',
    // Scenic's lr_configs.learning_rate_schedule names the schedule function (google-research/scenic@4181ac1
    // scenic/train_lib/lr_schedules.py get_learning_rate_fn: lr_fn_dict[config.lr_configs['learning_rate_schedule']]).
    'learning_rate_schedule',
    // EfficientViT's run_config.lr_schedule_name (mit-han-lab/efficientvit@de7d773 efficientvit/apps/trainer/
    // run_config.py: build_lr_scheduler reads self.lr_schedule_name, `cosine` or `cosine_w_restart`).
    'lr_schedule_name',
    // veRL's optim block: the deprecated name of lr_scheduler_type, copied into it (volcengine/verl@b178a3c
    // verl/workers/config/optimizer.py FSDPOptimizerConfig.__post_init__:
    // `self.lr_scheduler_type = self.warmup_style`).
    'warmup_style',
    // The scheduler's class beside its arguments, as `optimizer_cls` names the optimizer: SchNetPack's
    // AtomisticTask(scheduler_cls=..., scheduler_args=...) (atomistic-machine-learning/schnetpack@4c967da
    // src/schnetpack/task.py).
    'scheduler_cls',
    'scheduler_class',
    'lr_scheduler_cls',
    'lr_scheduler_class', ...MORE_SCHEDULE_WORDS,
  ]),
  ...words('schedule', false, ['scheduler', 'schedule', 'sched']),
  ...words('optimizer', true, [
    'optimizer',
    'optim',
    'optimizer_name',
    'optimizer_type',
    'optimizer_class',
    'optimiser',
    'opt_type',
    'optim_type',
    'optax_name',
    'optimizer_cls',
    // nanotron's OptimizerArgs.optimizer_factory: an AdamWOptimizerArgs or SGDOptimizerArgs whose class picks the torch
    // optimizer (huggingface/nanotron@2411b02 src/nanotron/config/config.py, helpers.py basic_optimizer_builder).
    'optimizer_factory',
  ]),
  ...words('optimizer', false, [
    'opt',
    'name',
    'type',
    '_target_',
    'class_path',
    '_component_',
    'cls',
    'class_name',
    '_name',
    // instantiate_from_config's `target:` (Stability-AI/generative-models@0ad7de9 sgm/util.py; latent-diffusion).
    'target',
    // RecBole's optimizer name (RUCAIBox/RecBole@7b02be5 recbole/properties/overall.yaml `learner: adam`).
    'learner',
    // speakerlab's `obj:` beside `args:` names the class its builder instantiates (modelscope/3D-Speaker@09e7806
    // speakerlab/utils/builder.py deep_build: dynamic_import(ins['obj'])(**ins['args'])).
    'obj',
    // The class a YAML tag builds the block from (yaml-tags.ts: HyperPyYAML's `!new:torch.optim.AdamW`, `!name:`, and
    // PaddleDetection's `- !CosineDecay {...}`): in an optimizer's block it names the optimizer, in a schedule's the
    // schedule, as `_target_` does.
    '!new',
    '!name',
  ]),
]);

// The words read beside a sibling, the optimizer and factory names, the help-text, label, list and parameter-group
// patterns: roles/vocabulary-patterns.ts, re-exported here so every reader imports one vocabulary.
export * from './vocabulary-patterns';
