/**
 * Python styles of real training code: lazy configs, recipe functions, scheduler objects, module constants that
 * define a run, argparse defaults. Each test is a class of code, written small, that extraction must read.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings, value } from './helpers';

function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

describe('a list keyword is betas only where an optimizer is configured', () => {
  test('a list argument of any other call is not betas', () => {
    const x = extract(lines('x = foo(1, "a", b=[1, 2, 3])', 'y = plot(betas=[0.5, 0.6])'), 'train.py');
    expect(value(x, 'beta1')).toBeUndefined();
    expect(value(x, 'beta2')).toBeUndefined();
    expect(findings(x, 'beta-out-of-range')).toEqual([]);
  });
  test("an optimizer's betas (call or config block) still are", () => {
    const call = extract(lines('import torch', 'opt = torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.95))'), 'a.py');
    expect(value(call, 'beta2')).toMatchObject({ value: 0.95, line: 2 });
    const block = extract(lines('optimizer:', '  lr: 1e-3', '  betas: [0.9, 0.98]'), 'a.yaml');
    expect(value(block, 'beta2')).toMatchObject({ value: 0.98, line: 3 });
    const flat = extract(lines('lr = 1e-3', 'betas = (0.9, 0.97)'), 'config.py');
    expect(value(flat, 'beta2')).toMatchObject({ value: 0.97, line: 2 });
  });
});

describe('recipe functions', () => {
  const recipe = lines(
    'import nemo_run as run',
    'from nemo.collections.llm.api import finetune, pretrain',
    'from nemo.collections.llm.recipes.optim.adam import distributed_fused_adam_with_cosine_annealing',
    'def trainer(max_steps: int = 1000):',
    '    return run.Config(nl.Trainer, accumulate_grad_batches=1, max_steps=max_steps)',
    'def pretrain_recipe():',
    '    return run.Partial(pretrain, trainer=trainer(),',
    '        data=run.Config(MockDataModule, seq_length=8192, global_batch_size=512, micro_batch_size=1),',
    '        optim=distributed_fused_adam_with_cosine_annealing(max_lr=3e-4))',
    'def finetune_recipe(peft_scheme="lora", debug=False):',
    '    recipe = default_finetune_recipe(model())',
    '    if peft_scheme is None:',
    '        recipe.optim.config.lr = 5e-6',
    '    elif peft_scheme == "lora":',
    '        recipe.optim.config.lr = 1e-4',
    '    else:',
    '        raise ValueError(peft_scheme)',
    '    if debug:',
    '        recipe.optim.config.lr = 1.0',
    '    return recipe',
  );

  test('each branch of an if/elif chain, and a lone `if`, in a recipe function is a configuration of its own', () => {
    const x = extract(recipe, 'llama3_8b.py');
    const lrs = x.optimizers.map((o) => [o.hyperparameters.lr?.value, o.hyperparameters.lr?.line]);
    // The main configuration's lr stays first; the lone `if debug:` is an alternative, never the main one's.
    expect(lrs).toEqual([[3e-4, 9], [5e-6, 13], [1e-4, 15], [1.0, 19]]);
  });

  test("NeMo 2's optimizer factory is the optimizer, with the factory's settings as sourced defaults", () => {
    const x = extract(recipe, 'llama3_8b.py');
    expect(x.ecosystem).toBe('nemo2');
    const [optimizer] = x.optimizers;
    expect(optimizer).toMatchObject({ kind: 'adamw', weightDecaySemantics: 'lr', line: 9 });
    expect(optimizer?.name).toContain('distributed_fused_adam_with_cosine_annealing');
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-5, source: 'default' });
    expect(value(x, 'schedule')?.value).toBe('CosineAnnealingScheduler');
    expect(value(x, 'weightDecay')?.defaultFrom).toContain('recipes/optim/adam.py');
    // Megatron models derive accumulation from the batch sizes: Lightning's accumulate_grad_batches is not it.
    expect(value(x, 'gradAccum')?.source).not.toBe('written');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 512, line: 8 });
  });
});

describe('detectron2 LazyConfig and detrex', () => {
  test('a lazy call `L(cls)(...)` is that class with those keywords, named where the class is written', () => {
    const text = lines(
      'import torch',
      'from detectron2.config import LazyCall as L',
      'optimizer = L(torch.optim.SGD)(params=L(get_default_optimizer_params)(), lr=0.1, momentum=0.9)',
    );
    const x = extract(text, 'optim.py');
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.SGD', kind: 'sgd', line: 3 });
    const span = x.optimizers[0]?.span;
    expect(span && text.slice(span.start, span.end)).toBe('torch.optim.SGD');
    expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 3 });
  });

  test('a default object loaded by path or imported from the shared config file brings its sourced defaults', () => {
    const detrex = extract(
      lines(
        'from detrex.config import get_config',
        'optimizer = get_config("common/optim.py").AdamW',
        'train = get_config("common/train.py").train',
        'train.max_iter = 90000',
        'optimizer.lr = 2e-4',
        'dataloader.train.total_batch_size = 16',
      ),
      'detr.py',
    );
    expect(detrex.ecosystem).toBe('detectron2-lazy');
    expect(detrex.optimizers[0]).toMatchObject({ kind: 'adamw', line: 2 });
    expect(value(detrex, 'lr')).toMatchObject({ value: 2e-4, line: 5, source: 'written' });
    expect(value(detrex, 'weightDecay')).toMatchObject({ value: 0.1, source: 'default' });
    expect(value(detrex, 'weightDecay')?.defaultFrom).toContain('configs/common/optim.py');
    expect(value(detrex, 'steps')).toMatchObject({ value: 90000, line: 4 });
    expect(value(detrex, 'globalBatchSize')).toMatchObject({ value: 16, line: 6 });

    const imported = extract(
      lines(
        'from detectron2.config import LazyCall as L',
        'from detectron2.solver import WarmupParamScheduler',
        'from fvcore.common.param_scheduler import CosineParamScheduler',
        'from ..common.optim import SGD as optimizer',
        'from ..common.train import train',
        'train.max_iter = 184375',
        'lr_multiplier = L(WarmupParamScheduler)(',
        '    scheduler=L(CosineParamScheduler)(start_value=1.0, end_value=0.0),',
        '    warmup_length=500 / train.max_iter,',
        '    warmup_factor=0.067,',
        ')',
      ),
      'mask_rcnn.py',
    );
    expect(imported.optimizers[0]).toMatchObject({ kind: 'sgd', line: 4 });
    expect(value(imported, 'momentum')).toMatchObject({ value: 0.9, source: 'default' });
    expect(value(imported, 'lr')).toMatchObject({ value: 0.02, source: 'default' });
    expect(value(imported, 'schedule')).toMatchObject({ raw: 'CosineParamScheduler', line: 8 });
    // warmup_length = 500 / max_iter is a warmup of 500 steps written as a share of the run: read as written, at the
    // literal 500 (not 501 from the fraction's rounding, and no longer derived without a line).
    expect(value(imported, 'warmupSteps')).toMatchObject({ value: 500, raw: '500', line: 9, source: 'written' });
  });

  test('patching an imported module attribute keeps the module name for everything else', () => {
    const x = extract(
      lines('import torch as th', 'th.backends.cudnn.benchmark = True', 'opt = th.optim.AdamW(params, lr=1e-3)'),
      'train.py',
    );
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.AdamW', kind: 'adamw' });
  });
});

describe('module constants that define a run, and quantities derived from them', () => {
  const script = lines(
    'import torch',
    'num_of_devices = 8',
    'global_batch_size = 512',
    'learning_rate = 4e-4',
    'micro_batch_size = 8',
    'max_step = 715256 * 2',
    'warmup_steps = 2000',
    'decay_lr = True',
    'batch_size = global_batch_size // num_of_devices',
    'gradient_accumulation_steps = batch_size // micro_batch_size',
    'warmup_iters = warmup_steps * gradient_accumulation_steps',
    'max_iters = max_step * gradient_accumulation_steps',
    'def get_lr(it):',
    '    if it < warmup_iters:',
    '        return learning_rate * it / warmup_iters',
    '    return learning_rate',
    'def main():',
    '    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, betas=(0.9, 0.95))',
    '    optimizer = fabric.setup_optimizers(optimizer)',
  );

  test('the written constants are the values; expressions computed from them do not replace them', () => {
    const x = extract(script, 'pretrain.py');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, line: 5 });
    expect(value(x, 'steps')).toMatchObject({ value: 1430512, line: 6, raw: '715256 * 2' });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 2000, line: 7 });
    // Nothing else says the accumulation: the computed value is still read, and says it is computed.
    expect(value(x, 'gradAccum')).toMatchObject({ value: 8, line: 10, via: { computed: true } });
  });

  test('the optimizer is the call that builds it, named at its line, not a schedule function', () => {
    const x = extract(script, 'pretrain.py');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ name: 'torch.optim.AdamW', line: 18 });
  });
});

describe('OLMo-core style: config objects built in functions, chained, with scheduler objects', () => {
  const script = lines(
    'from olmo_core.optim import InvSqrtWithWarmup, SkipStepAdamWConfig',
    'from olmo_core.train.train_module import TransformerTrainModuleConfig',
    'DEFAULT_SEQUENCE_LENGTH = 8192',
    'def build_train_module_config(opts):',
    '    sequence_length = opts.sequence_length or DEFAULT_SEQUENCE_LENGTH',
    '    return TransformerTrainModuleConfig(',
    '        max_sequence_length=sequence_length,',
    '        optim=SkipStepAdamWConfig(lr=8e-05, weight_decay=0.0, betas=(0.9, 0.95)),',
    '        scheduler=InvSqrtWithWarmup(warmup_steps=2000),',
    '    ).merge(opts.overrides)',
    'def main(opts):',
    '    config = build_train_module_config(opts)',
  );

  test('a method chained on a config call keeps the config; `opt or DEFAULT` is the default written', () => {
    const x = extract(script, 'pretrain.py');
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', line: 8 });
    expect(value(x, 'lr')).toMatchObject({ value: 8e-5, line: 8 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, line: 8 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 8192, line: 3 });
  });

  test("the scheduler object is the schedule, its qualified class mapped by the table's short name", () => {
    const x = extract(script, 'pretrain.py');
    expect(value(x, 'schedule')).toMatchObject({ raw: 'InvSqrtWithWarmup', line: 9 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 2000, line: 9 });
    expect(x.scheduleKinds[0]).toBe('inverse-sqrt');
  });
});

describe('an optimizer built by a model method', () => {
  test("nanochat's model.setup_optimizer(...) is its MuonAdamW: Muon for the matrices, AdamW groups apart", () => {
    const x = extract(
      lines(
        'import argparse',
        'from nanochat.gpt import GPT, GPTConfig',
        'from nanochat.common import compute_init',
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--embedding-lr", type=float, default=0.3)',
        'parser.add_argument("--matrix-lr", type=float, default=0.02)',
        'args = parser.parse_args()',
        'model = GPT(GPTConfig())',
        'batch_lr_scale = compute_scale()',
        'optimizer = model.setup_optimizer(embedding_lr=args.embedding_lr * batch_lr_scale,',
        '    matrix_lr=args.matrix_lr * batch_lr_scale, weight_decay=0.0)',
      ),
      'base_train.py',
    );
    const muon = x.optimizers.find((o) => o.name === 'MuonAdamW');
    expect(muon).toMatchObject({ kind: 'muon', line: 10, weightDecaySemantics: 'lr' });
    expect(muon?.hyperparameters.lr).toMatchObject({ value: 0.02, line: 6 });
    expect(muon?.hyperparameters.momentum).toMatchObject({ value: 0.95, source: 'default' });
    expect(muon?.hyperparameters.weightDecay).toMatchObject({ value: 0, line: 11 });
    // The AdamW groups' learning rate is an optimizer of its own parameters, never Muon's.
    const embedding = x.optimizers.find((o) => o.hyperparameters.lr?.value === 0.3);
    expect(embedding).toBeDefined();
    expect(embedding?.name).not.toBe('MuonAdamW');
  });
});

describe('an optimizer assigned from a call the tables do not know', () => {
  const nanogpt = (build: string): string => lines(
    'decay_lr = True',
    'always_save_checkpoint = True',
    'lr_decay_iters = 600000',
    'learning_rate = 6e-4',
    'weight_decay = 1e-1',
    'beta1 = 0.9',
    'model = GPT(gptconf)',
    build,
  );

  test("a function or method call is the factory of the optimizer the table implies (nanoGPT's AdamW)", () => {
    for (const build of [
      'optimizer = model.configure_optimizers(weight_decay, learning_rate, (beta1, 0.95), device_type)',
      'optimizer = model.configure_optimizers(weight_decay=weight_decay, learning_rate=learning_rate)',
    ]) {
      const x = extract(nanogpt(build), 'train.py');
      expect(x.ecosystem).toBe('nanogpt');
      expect(x.optimizers).toHaveLength(1);
      expect(x.optimizers[0]).toMatchObject({ name: 'AdamW', kind: 'adamw' });
      expect(value(x, 'lr')).toMatchObject({ value: 6e-4, line: 4 });
      expect(x.scheduleKinds[0]).toBe('cosine');
      expect(findings(x, 'optimizer-not-modelled')).toEqual([]);
    }
  });

  test('a class the tables do not know is an optimizer of its own, never the implied AdamW', () => {
    const x = extract(nanogpt('optimizer = SophiaG(model.parameters(), lr=learning_rate, rho=0.05)'), 'train.py');
    expect(x.optimizers.map((o) => o.name)).toEqual(['SophiaG']);
    expect(x.optimizers[0]?.kind).toBeNull();
  });
});

test("a part's own learning rate beside the run's (`--decoupled-lr` after `--lr`) is an optimizer of its own", () => {
  const x = extract(
    lines(
      'TRAINING_ARGS=(',
      '    --micro-batch-size 1',
      '    --global-batch-size 128',
      '    --lr 0.00015',
      '    --decoupled-lr 5.0e-4',
      '    --lr-decay-style cosine',
      '    --adam-beta1 0.9',
      ')',
      'torchrun pretrain_gpt.py --tensor-model-parallel-size 1 ${TRAINING_ARGS[@]}',
    ),
    'train.sh',
  );
  const lrs = x.optimizers.map((o) => [o.hyperparameters.lr?.value, o.hyperparameters.lr?.line]);
  expect(lrs).toEqual([[0.00015, 4], [5e-4, 5]]);
  expect(x.optimizers[1]?.appliesTo).toContain('decoupled');
});

test('the decoupled-lr group shares what the file writes for the whole optimizer, never a default in its place', () => {
  const x = extract(
    lines(
      'torchrun pretrain_gpt.py \\',
      '  --lr 3e-4 \\',
      '  --decoupled-lr 1e-3 \\',
      '  --weight-decay 0.1 \\',
      '  --adam-beta2 0.95 \\',
      '  --train-iters 1000',
    ),
    'train.sh',
  );
  const group = x.optimizers[1]?.hyperparameters;
  expect(group?.lr).toMatchObject({ value: 1e-3, line: 3 });
  expect(group?.weightDecay).toMatchObject({ value: 0.1, line: 4, source: 'written' });
  expect(group?.beta2).toMatchObject({ value: 0.95, line: 5, source: 'written' });
});

describe('argparse batch sizes', () => {
  const script = (help: string): string =>
    lines(
      'import argparse',
      'import torch',
      'parser = argparse.ArgumentParser()',
      `parser.add_argument('-b', '--batch-size', default=256, type=int, help='${help}')`,
      "parser.add_argument('--lr', default=0.1, type=float)",
      'args = parser.parse_args()',
      'def main():',
      "    train_kwargs = {'batch_size': args.batch_size}",
      '    optimizer = torch.optim.SGD(model.parameters(), args.lr, momentum=0.9)',
      'def validate(val_loader, model):',
      '    for images, target in val_loader:',
      '        batch_size = target.size(0)',
    );

  test('the help text says whether --batch-size is the total over the GPUs or per device', () => {
    const total = extract(script('mini-batch size, this is the total batch size of all GPUs on the node'), 'main.py');
    expect(value(total, 'globalBatchSize')).toMatchObject({ value: 256, line: 4 });
    expect(value(total, 'microBatchSize')?.source).not.toBe('written');
    const local = extract(script('input batch size for training (default: 256)'), 'main.py');
    expect(value(local, 'microBatchSize')).toMatchObject({ value: 256, line: 4 });
    expect(value(local, 'globalBatchSize')).toBeUndefined();
  });
});

test('a functional setter from elsewhere (`_with_global_batch_size(cfg, 1024)`) sets what it names, in its recipe', () => {
  const x = extract(
    lines(
      'from recipes.llama3 import _with_global_batch_size, llama3_8b_pretrain_config',
      'def pretrain_8gpu_config():',
      '    cfg = llama3_8b_pretrain_config()',
      '    cfg.train.global_batch_size = 128',
      '    return cfg',
      'def pretrain_64gpu_config():',
      '    cfg = _with_global_batch_size(pretrain_8gpu_config(), 1024)',
      '    return cfg',
    ),
    'b200_llama3.py',
  );
  const batches = x.optimizers.map((o) => [o.hyperparameters.globalBatchSize?.value,
    o.hyperparameters.globalBatchSize?.line]);
  expect(batches).toEqual([[128, 4], [1024, 7]]);
});

describe('the new evaluation paths stay bounded', () => {
  const bound = { timeout: 60_000 };
  const tail = 'import torch\nopt = torch.optim.AdamW(params, lr=3e-4, weight_decay=0.1)\n';
  test('a long method chain on a config call, a long `or` chain and nested setters still read the optimizer', bound,
    () => {
      const chain = `cfg = Config(lr=1)${'.with_callback(cb)'.repeat(3000)}\n`;
      const ors = `x = ${Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' or ')} or 1\n`;
      const setters = `c = ${'_with_lr('.repeat(2000)}base${', 0.1)'.repeat(2000)}\n`;
      const bombs = `def f():\n    return Config(a=1)\n${Array.from({ length: 200 }, () => 'y = f().merge(1)').join('\n')}\n`;
      for (const bomb of [chain, ors, setters, bombs]) {
        const x = extract(bomb + tail, 'train.py');
        const opt = x.optimizers.find((o) => o.name === 'torch.optim.AdamW');
        expect(opt?.hyperparameters.lr?.value).toBe(3e-4);
      }
    });
});
