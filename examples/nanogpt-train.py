"""
The configuration block of a nanoGPT training script (karpathy/nanoGPT train.py, MIT licence):
module-level globals that configurator.py may override, then the optimizer that model.py's
configure_optimizers builds from them (torch AdamW, decay on 2-D weights only).
An OptLens example: the predictions appear next to the assignments.
"""
# I/O
out_dir = 'out'
eval_interval = 2000
log_interval = 1
eval_iters = 200
always_save_checkpoint = True
init_from = 'scratch'
# data
dataset = 'openwebtext'
gradient_accumulation_steps = 5 * 8  # used to simulate larger batch sizes
batch_size = 12  # micro-batch size
block_size = 1024
# model
n_layer = 12
n_head = 12
n_embd = 768
# adamw optimizer
learning_rate = 6e-4  # max learning rate
max_iters = 600000  # total number of training iterations
weight_decay = 1e-1
beta1 = 0.9
beta2 = 0.95
grad_clip = 1.0
# learning rate decay settings
decay_lr = True  # linear warmup, then cosine decay to min_lr
warmup_iters = 2000
lr_decay_iters = 600000
min_lr = 6e-5


def build_optimizer(model, device_type):
    return model.configure_optimizers(weight_decay, learning_rate, (beta1, beta2), device_type)
