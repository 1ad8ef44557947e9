/**
 * More spellings of the run-level roles (roles/vocabulary.ts reads them as specific words of their role), for
 * frameworks no table knows: the other word orders and units of "per device", of accumulation, of a global batch, of
 * a sequence length, of a run length and of a warmup.
 */

/**
 * The per-device batch in the other orders and units of "per device" (TPU programs' per-core and per-replica batches;
 * one process's or rank's batch), and the images of one GPU (matterport/Mask_RCNN mrcnn/config.py: BATCH_SIZE =
 * IMAGES_PER_GPU * GPU_COUNT).
 */
export const MORE_MICRO_BATCH_WORDS: readonly string[] = [
  'per_card_batch_size', 'batch_per_gpu', 'per_replica_batch_size', 'per_core_batch_size', 'batch_size_per_core',
  'per_device_micro_batch_size', 'micro_batch_size_per_device', 'batch_size_per_process', 'per_process_batch_size',
  'per_rank_batch_size', 'batch_size_per_rank', 'images_per_gpu', 'ims_per_gpu', 'img_per_gpu',
];

/**
 * Micro-batches per optimizer step: LAVIS-style runners' run_cfg.accum_grad_iters (salesforce/LAVIS
 * lavis/runners/runner_base.py `accum_grad_iters = self.config.run_cfg.get("accum_grad_iters", 1)`), Horovod's
 * DistributedOptimizer(backward_passes_per_step=...) (backward passes summed before one allreduce and step).
 */
export const MORE_ACCUMULATION_WORDS: readonly string[] = [
  'accum_grad_iters', 'accum_iters', 'accumulate_steps', 'accumulate_grad_steps', 'gradient_accumulate_steps',
  'num_accumulation_steps', 'gradient_accumulation_iterations', 'num_grad_accum', 'backward_passes_per_step',
];

/**
 * The summed batch a script logs and passes on (total_train_batch_size), the other orders of the words, and
 * detectron2's SOLVER.IMS_PER_BATCH, "number of images per batch across all machines" (facebookresearch/detectron2
 * detectron2/config/defaults.py).
 */
export const MORE_GLOBAL_BATCH_WORDS: readonly string[] = [
  'total_bs', 'batch_size_global', 'batch_size_total', 'total_train_batch_size', 'ims_per_batch',
];

export const MORE_SEQ_LEN_WORDS: readonly string[] = [
  'max_sequence_len', 'max_seqlen', 'train_seq_length', 'max_train_seq_len', 'max_train_seq_length',
];

/** Optimizer steps or training iterations of the whole run. */
export const MORE_STEPS_WORDS: readonly string[] = [
  'total_step', 'max_train_step', 'num_train_step', 'train_iterations', 'training_iterations',
  'num_training_iterations', 'total_training_iterations', 'max_training_iterations', 'max_num_iterations',
  'total_training_iters', 'max_updates', 'max_train_updates', 'num_optimizer_steps', 'total_optimizer_steps',
  'max_optimizer_steps',
];

export const MORE_WARMUP_WORDS: readonly string[] = [
  'warmup_iterations', 'num_warmup_iterations', 'lr_warmup_iterations', 'warm_up_iters', 'warmup_num_iters',
  'n_warmup_iters', 'linear_warmup_steps', 'warmup_n_steps',
];
