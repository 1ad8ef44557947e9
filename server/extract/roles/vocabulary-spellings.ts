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
  // The singular and the `acc` abbreviation: FastSpeech2's optimizer.grad_acc_step (ming024/FastSpeech2@d4e79ea
  // train.py: `loss.backward()`, then a step when `step % grad_acc_step == 0`).
  'grad_acc_step', 'grad_accum_step', 'gradient_accumulation_step', 'gradient_acc_steps', 'gradient_acc_step',
  'accumulation_step', 'grad_accumulation_step',
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
  // "warm up" in two words and the singular (ming024/FastSpeech2@d4e79ea model/optimizer.py ScheduledOptim:
  // n_warmup_steps = train_config["optimizer"]["warm_up_step"]), and a count written `no` (number): Boltz's
  // training_args.lr_warmup_no_steps (jwohlwend/boltz src/boltz/model/models/boltz1.py configure_optimizers: the af3
  // schedule warms up linearly from base_lr to max_lr over lr_warmup_no_steps).
  'warm_up_step', 'num_warm_up_steps', 'lr_warm_up_steps', 'warmup_no_steps', 'lr_warmup_no_steps', 'no_warmup_steps',
];

/**
 * β1 and β2 with the index after an underscore, after the optimizer's name: Boltz's training_args.adam_beta_1 and
 * adam_beta_2 (jwohlwend/boltz src/boltz/model/models/boltz1.py configure_optimizers: torch Adam with
 * betas=(adam_beta_1, adam_beta_2)).
 */
export const MORE_BETA1_WORDS: readonly string[] = ['adam_beta_1', 'adamw_beta_1', 'optimizer_beta_1'];
export const MORE_BETA2_WORDS: readonly string[] = ['adam_beta_2', 'adamw_beta_2', 'optimizer_beta_2'];

/**
 * Words that need a training context around them. `train_batch_size` alone is, in most trainers that write it as a
 * setting, the batch of one device: diffusers' and kohya's sd-scripts `--train_batch_size`, "Batch size (per device)
 * for the training dataloader" (huggingface/diffusers examples/text_to_image/train_text_to_image.py; kohya-ss/
 * sd-scripts library/train_util.py), Determined's diffusion example (determined-ai/determined@c1e9c6d7 examples/
 * diffusion/textual_inversion_stable_diffusion detsd/trainer.py: the DataLoader's batch_size). Beside a per-device
 * micro-batch it is the global batch (vocabulary-patterns.ts SIBLING_WORDS, DeepSpeed's triple).
 */
export const MORE_GENERIC_MICRO_BATCH_WORDS: readonly string[] = ['train_batch_size'];
/**
 * Names that make a file's `train_batch_size` an RL trainer's prompts per rollout, which its PPO mini-batches then
 * split (volcengine/verl@b178a3c verl/trainer/config/ppo_trainer.yaml: data.train_batch_size prompts per step, each
 * actor update on actor.ppo_mini_batch_size of them): where the file writes one, the word is no device's batch.
 */
export const ROLLOUT_BATCH_MARKERS: readonly string[] = ['ppo_mini_batch_size', 'ppo_micro_batch_size_per_gpu',
  'ppo_micro_batch_size', 'rollout_batch_size'];

/**
 * A run's length in optimizer updates under the plain plural (Stable Cascade's `updates:` beside `warmup_updates:`,
 * Stability-AI/StableCascade train/base.py: the loop runs `while self.info.total_steps < self.config.updates`).
 */
export const MORE_GENERIC_STEPS_WORDS: readonly string[] = ['updates', 'total_updates'];

/**
 * The schedule as the function a trainer calls for each step's learning rate: T5X's `Trainer.learning_rate_fn`
 * (google-research/t5x t5x/trainer.py Trainer(learning_rate_fn=...), bound in gin to a schedule function:
 * google-research/pix2struct configs/optimizers/adafactor.gin `learning_rate_fn =
 * @transfer_utils.transfer_warmup_cosine_decay_schedule()`), and its other spellings.
 */
export const MORE_SCHEDULE_WORDS: readonly string[] = ['learning_rate_fn', 'lr_fn', 'learning_rate_schedule_fn',
  'lr_schedule_fn'];
