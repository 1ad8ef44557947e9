/**
 * What a Python script's code does with a value, read as what the value is (python/code-use.ts): a function handed
 * to a command-line runner has options for parameters, the loop that steps the optimizer bounds the run, a
 * hand-written optimizer's defaults are its hyperparameters, a batch divided by the process count is global; and the
 * conventions read around them: a config function's object is the run's config, an ml_collections batch is global.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { readPython } from '../../../server/extract/python';
import { lines, written } from './python-read';

describe('a function a command-line runner runs', () => {
  const fire = lines(
    'import fire',
    'import torch',
    'def train(num_batches = 1000, batch_size = 8, gradient_accumulate_every = 2, learning_rate = 3e-4):',
    '    model = make_model()',
    '    opt = torch.optim.Adam(model.parameters(), lr = learning_rate)',
    'if __name__ == "__main__":',
    '    fire.Fire(train)',
  );

  test('each parameter with a default is an option holding it, at the literal', () => {
    const options = readPython(fire).entries.filter((e) => e.path[0]?.startsWith('--'));
    expect(options.map((e) => [e.path[0], e.raw])).toEqual([
      ['--num_batches', '1000'], ['--batch_size', '8'], ['--gradient_accumulate_every', '2'], ['--learning_rate', '3e-4'],
    ]);
    expect(written(fire, 'microBatchSize')).toEqual(['3: 8']);
    expect(written(fire, 'gradAccum')).toEqual(['3: 2']);
    expect(written(fire, 'lr')).toEqual(['3: 3e-4']);
  });

  test('without the runner, or with its library not imported, the parameters are no options', () => {
    const plain = fire.replace('import fire\n', '');
    expect(readPython(plain).entries.filter((e) => e.path[0]?.startsWith('--'))).toEqual([]);
    expect(written(plain, 'microBatchSize')).toEqual([]);
    const typer = lines('import typer', 'def main(batch_size: int = 16):', '    opt = SGD(params, lr=0.1)',
      'typer.run(main)');
    expect(written(typer, 'microBatchSize')).toEqual(['2: 16']);
  });

  test('a dict of commands runs each function it maps a name to', () => {
    const commands = lines('import fire', 'def run(seed: int = 1, learning_rate: float = 0.4, momentum: float = 0.9):',
      '    config = locals()', '    opt = SGD(params, lr=config["learning_rate"], momentum=config["momentum"])',
      'if __name__ == "__main__":', '    fire.Fire({"run": run, "version": "1.0"})');
    expect(written(commands, 'lr')).toEqual(['2: 0.4']);
    expect(written(commands, 'momentum')).toEqual(['2: 0.9']);
    // Not run: the parameter is no option, and the learning rate stays the expression the code passes.
    expect(written(commands.replace('{"run": run, "version": "1.0"}', '{"version": "1.0"}'), 'lr'))
      .toEqual(['4: config["learning_rate"]']);
  });
});

describe('the loop that steps the optimizer', () => {
  const script = (loop: string[]): string => lines(
    'import torch, tqdm',
    'NUM_BATCHES = int(1e5)',
    'EPOCHS = 3',
    'ACCUM = 4',
    'optim = torch.optim.Adam(params, lr=1e-4)',
    ...loop,
  );

  test('its bound is the run length in steps, whatever the name holding it', () => {
    const text = script([
      'for i in tqdm.tqdm(range(NUM_BATCHES), mininterval=10.):',
      '    for _ in range(ACCUM):',
      '        loss = model(next(loader))',
      '        loss.backward()',
      '    optim.step()',
      '    optim.zero_grad()',
    ]);
    // The literal inside `int(...)` is where the value is written (3560758).
    expect(written(text, 'steps')).toEqual(['2: 1e5']);
  });

  test('an epoch loop around a loop over batches counts epochs; a micro-batch loop steps nothing', () => {
    const text = script([
      'for epoch in range(EPOCHS):',
      '    for batch in loader:',
      '        for _ in range(ACCUM):',
      '            loss.backward()',
      '        optim.step()',
    ]);
    expect(written(text, 'steps')).toEqual([]);
  });

  test('a literal bound is read where it is written; arithmetic on a bound is not', () => {
    expect(written(script(['for step in range(500):', '    optim.step()']), 'steps')).toEqual(['6: 500']);
    expect(written(script(['for step in range(1, EPOCHS + 1):', '    optim.step()']), 'steps')).toEqual([]);
  });

  test('a generator that yields a batch per pass bounds the loop; a step function of the module steps it', () => {
    const jax = (call: string, step: string): string => lines(
      'import jax, optax',
      'from flax import nnx',
      'optimizer = nnx.Optimizer(model, optax.adamw(3e-3))',
      '@nnx.jit',
      'def train_step(model, optimizer, x, y):',
      '    grads = nnx.grad(loss_fn)(model, x, y)',
      `    ${step}`,
      'def dataset(steps, batch_size):',
      '    for _ in range(steps):',
      '        yield sample(batch_size)',
      `for x, y in ${call}:`,
      '    loss = train_step(model, optimizer, x, y)',
    );
    const text = jax('dataset(2000, 32)', 'optimizer.update(model, grads)');
    expect(written(text, 'steps')).toEqual(['11: 2000']);
    expect(written(text, 'microBatchSize')).toEqual(['11: 32']);
    expect(written(jax('dataset(batch_size=8, steps=40)', 'optimizer.update(model, grads)'), 'steps'))
      .toEqual(['11: 40']);
    // A helper that does not step the optimizer makes no training loop.
    expect(written(jax('dataset(2000, 32)', 'return grads'), 'steps')).toEqual([]);
  });

  test('each loop calling a step function is read by what that function does, however many loops call it', () => {
    const text = lines(
      'import torch',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)',
      'def train_step(x):',
      '    optimizer.step()',
      'def eval_step(x):',
      '    return model(x)',
      'for i in range(100):',
      '    eval_step(i)',
      'for i in range(200):',
      '    train_step(i)',
      'for i in range(300):',
      '    eval_step(i)',
      'for i in range(400):',
      '    train_step(i)',
    );
    expect(written(text, 'steps')).toEqual(['13: 400']);
  });

  test('each loop over a generator is bounded by its own call, however many loops draw from it', () => {
    const text = lines(
      'import torch',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)',
      'def dataset(steps):',
      '    for _ in range(steps):',
      '        yield sample()',
      'for x in dataset(100):',
      '    evaluate(x)',
      'for x in dataset(200):',
      '    optimizer.step()',
      'for x in dataset(300):',
      '    evaluate(x)',
    );
    expect(written(text, 'steps')).toEqual(['8: 200']);
  });

  test('a generator stepping through its data by the batch size gives no bound: range\'s third argument is a step', () => {
    const text = lines(
      'import torch',
      'def get_batches(data, batch_size):',
      '    for i in range(0, len(data), batch_size):',
      '        yield data[i:i + batch_size]',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)',
      'for epoch in range(10):',
      '    for batch in get_batches(train_data, 64):',
      '        loss = model(batch).mean()',
      '        optimizer.step()',
    );
    expect(written(text, 'steps')).toEqual([]);
  });
});

describe('a hand-written optimizer update', () => {
  const update = lines(
    'def sgd_update(p, g, buf, lr=0.05, momentum=0.9, eps=1e-8):',
    '    buf.mul_(momentum).add_(g)',
    '    p.sub_(lr * buf)',
  );

  test('the defaults a call of it leaves are the optimizer\'s hyperparameters; what the call passes wins', () => {
    const called = `${update}for p, g, b in zip(params, grads, bufs):\n    sgd_update(p, g, b, lr=0.1)\n`;
    expect(written(called, 'lr')).toEqual(['5: 0.1']);
    expect(written(called, 'momentum')).toEqual(['1: 0.9']);
    expect(written(called, 'eps')).toEqual(['1: 1e-8']);
  });

  test('a module that only defines it is a library: its defaults are no run\'s', () => {
    expect(written(update, 'momentum')).toEqual([]);
  });
});

describe('a sequence length the call of a function in the file leaves to its signature', () => {
  const script = (call: string): string => lines(
    'import torch',
    'def token_batches(pattern, batch_size, seq_len=2048):',
    '    while True:',
    '        yield next_batch(pattern, batch_size * seq_len)',
    `train_loader = ${call}`,
    'optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)',
  );

  test('is the run\'s, at the default written in the signature', () => {
    expect(written(script('token_batches("train_*.bin", 64)'), 'seqLen')).toEqual(['2: 2048']);
  });

  test('a length the call passes is not the default\'s; nothing else the signature writes is read', () => {
    expect(written(script('token_batches("train_*.bin", 64, seq_len=512)'), 'seqLen')).not.toContain('2: 2048');
    expect(written(script('token_batches("train_*.bin", 64)'), 'microBatchSize')).toEqual([]);
  });
});

describe('a batch the code divides by the number of processes', () => {
  test('is the global batch (a Lightning module, an argparse option)', () => {
    const module = lines(
      'class Model(LightningModule):',
      '    def __init__(self, lr: float = 0.1, batch_size: int = 256):',
      '        super().__init__()',
      '        self.lr = lr',
      '        self.batch_size = batch_size',
      '    def setup(self, stage):',
      '        self.batch_size = int(self.batch_size / self.trainer.num_processes)',
      '    def configure_optimizers(self):',
      '        return torch.optim.SGD(self.parameters(), lr=self.lr)',
      '    def train_dataloader(self):',
      '        return DataLoader(self.dataset, batch_size=self.batch_size)',
    );
    expect(written(module, 'globalBatchSize')).toEqual(['2: 256']);
    const options = lines(
      'import argparse, torch',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--batch-size", type=int, default=64)',
      'args = parser.parse_args()',
      'args.batch_size //= world_size',
      'optimizer = torch.optim.SGD(params, lr=0.1)',
    );
    expect(written(options, 'globalBatchSize')).toEqual(['3: 64']);
    expect(written(options.replace('//= world_size', '//= 2'), 'microBatchSize')).toEqual(['3: 64']);
  });

  test('divided into a per-process name, or shared by a loader that divides it (ignite auto_dataloader)', () => {
    const local = lines(
      'import argparse, torch',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--batch-size", type=int, default=256)',
      'args = parser.parse_args()',
      'local_batch_size = int(args.batch_size // accelerator.num_processes)',
      'optimizer = torch.optim.AdamW(params, lr=1e-4)',
    );
    expect(written(local, 'globalBatchSize')).toEqual(['3: 256']);
    expect(written(local.replace('local_batch_size =', 'steps ='), 'microBatchSize')).toEqual(['3: 256']);
    const loader = lines(
      'import fire',
      'def run(batch_size: int = 512, learning_rate: float = 0.4):',
      '    loader = idist.auto_dataloader(ds, batch_size=batch_size, shuffle=True)',
      '    test_loader = idist.auto_dataloader(ds, batch_size=2 * batch_size)',
      '    opt = SGD(params, lr=learning_rate)',
      'fire.Fire(run)',
    );
    expect(written(loader, 'globalBatchSize')).toEqual(['2: 512']);
    expect(written(loader.replace(/idist\.auto_dataloader/g, 'DataLoader'), 'microBatchSize')).toEqual(['2: 512']);
  });
});

describe('conventions around a config', () => {
  test('what a config function writes is the run\'s config, whatever it calls the object', () => {
    const text = lines(
      'def get_default_config():',
      '    C = CN()',
      '    C.batch_size = 64',
      '    C.betas = (0.9, 0.95)',
      '    return C',
    );
    expect(written(text, 'microBatchSize')).toEqual(['3: 64']);
    expect(written(text, 'beta1')).toEqual(['4: 0.9']);
    expect(written(text, 'beta2')).toEqual(['4: 0.95']);
  });

  test('an ml_collections batch is the global batch; a per-device one stays per device', () => {
    const text = lines(
      'import ml_collections',
      'def get_config():',
      '    cfg = ml_collections.ConfigDict()',
      '    cfg.batch_size = 256',
      '    cfg.opt = ml_collections.config_dict.create(peak_learning_rate=0.0016, warmup_steps=1000)',
      '    return cfg',
    );
    expect(written(text, 'globalBatchSize')).toEqual(['4: 256']);
    expect(written(text.replace('cfg.batch_size', 'cfg.per_device_batch_size'), 'microBatchSize')).toEqual(['4: 256']);
    expect(written(text.replace('import ml_collections\n', ''), 'globalBatchSize')).toEqual([]);
  });

  test("a Kauldron data pipeline's batch is the global batch (kauldron/data/pipelines.py Pipeline.batch_size)", () => {
    const text = lines(
      'from kauldron import kd',
      'def get_config():',
      '    cfg = kd.train.Trainer()',
      '    cfg.train_ds = kd.data.py.Tfds(name="mnist", split="train", shuffle=True, batch_size=128)',
      '    cfg.optimizer = kd.optim.adam(learning_rate=1e-3)',
      '    return cfg',
    );
    expect(written(text, 'globalBatchSize')).toEqual(['4: 128']);
    expect(written(text.replace('from kauldron import kd', 'from mylib import kd'), 'globalBatchSize')).toEqual([]);
  });

  test('a batch a JAX program lays over a device mesh is the global batch; without the mesh it stays per device', () => {
    const text = lines(
      'import jax',
      'import optax',
      'from jax.sharding import Mesh, NamedSharding, PartitionSpec as P',
      'BATCH_SIZE = 96',
      'mesh = Mesh(jax.devices(), ("data",))',
      'data_sharding = NamedSharding(mesh, P("data"))',
      'tx = optax.adam(1e-3)',
    );
    expect(written(text, 'globalBatchSize')).toEqual(['4: 96']);
    const single = lines('import jax', 'import optax', 'BATCH_SIZE = 96', 'tx = optax.adam(1e-3)');
    expect(written(single, 'microBatchSize')).toEqual(['3: 96']);
  });

  test('a comment saying per device wins over the device-mesh convention', () => {
    const text = lines(
      'import jax',
      'import optax',
      'from jax.sharding import Mesh, NamedSharding, PartitionSpec as P',
      'batch_size = 32  # per device',
      'learning_rate = 1e-3',
      'optimizer = optax.adamw(learning_rate, weight_decay=0.01)',
    );
    expect(written(text, 'globalBatchSize')).toEqual([]);
    expect(written(text, 'microBatchSize')).toEqual(['4: 32']);
  });

  test('a Lightning data module\'s batch is the per-process training batch, the value given where it is built', () => {
    const text = lines(
      'import lightning as L, torch',
      'class MNISTDataModule(L.LightningDataModule):',
      '    def __init__(self, batch_size: int = 32):',
      '        super().__init__()',
      '        self.batch_size = batch_size',
      'dm = MNISTDataModule(batch_size=64)',
      'opt = torch.optim.AdamW(model.parameters(), lr=1e-3)',
    );
    expect(written(text, 'microBatchSize')).toEqual(['6: 64']);
  });

  test('accumulation spelled by its micro-batches per step', () => {
    expect(written('GRADIENT_ACCUMULATE_EVERY = 4\nopt = Adam(p, lr=1e-3)\n', 'gradAccum')).toEqual(['1: 4']);
    expect(written('ACC_STEPS = 8\nopt = Adam(p, lr=1e-3)\n', 'gradAccum')).toEqual(['1: 8']);
  });
});

describe('a schedule built by a call no name holds', () => {
  test('returned by the method that builds it, by its class or factory name; a noise scheduler is none', () => {
    const text = lines(
      'from dataclasses import dataclass',
      'from mylib.optim import AdamWConfig, WarmupCosineDecaySchedulerConfig',
      'from diffusers import DDPMScheduler',
      '@dataclass',
      'class PolicyConfig:',
      '    optimizer_lr: float = 3e-5',
      '    def get_optimizer_preset(self):',
      '        return AdamWConfig(lr=self.optimizer_lr)',
      '    def get_scheduler_preset(self):',
      '        return WarmupCosineDecaySchedulerConfig(peak_lr=self.optimizer_lr, num_warmup_steps=500)',
      '    def noise(self):',
      '        return DDPMScheduler(num_train_timesteps=1000)',
    );
    const x = extract(text, 'policy.py');
    expect(x.optimizers[0]?.hyperparameters.schedule).toMatchObject({ raw: 'WarmupCosineDecaySchedulerConfig', line: 10 });
    expect(x.optimizers.map((o) => o.hyperparameters.schedule?.raw)).not.toContain('DDPMScheduler');
  });
});

describe('a name bound again to a new optimizer', () => {
  test('after a function of the module ran with the first, both are the script\'s optimizers', () => {
    const text = (between: string): string => lines(
      'import torch.optim as optim',
      'def train(model, optimizer):',
      '    for x in loader:',
      '        optimizer.step()',
      'optimizer = optim.Adam(model.parameters(), lr=1e-2)',
      between,
      'optimizer = optim.Adam(head.parameters(), lr=3e-4)',
      'train(head, optimizer)',
    );
    const lrs = (t: string): (string | null | undefined)[] =>
      extract(t, 'demo.py').optimizers.map((o) => o.hyperparameters.lr?.raw);
    expect(lrs(text('train(model, optimizer)'))).toEqual(['1e-2', '3e-4']);
    // Never used before it is replaced: Python keeps the last.
    expect(lrs(text('print("built")'))).toEqual(['3e-4']);
  });
});
