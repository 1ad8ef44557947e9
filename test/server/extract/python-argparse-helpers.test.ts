/**
 * Option helpers a utility module defines and never calls itself (python/argparse.ts `bindPassedParser`): `def
 * add_optimizer_args(parser): parser.add_argument(...)` declares the defaults a launcher's run gets, so they are read
 * as the options of one parser, and the optimizer the module builds from `args.lr` reads the written default.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { keys, lines, written } from './python-read';

const module = lines(
  'import argparse',
  'import torch',
  '',
  'def register_optim_flags(ap: argparse.ArgumentParser):',
  '    ap.add_argument("--learning-rate", type=float, default=3.0e-5, help="peak learning rate")',
  '    ap.add_argument("--schedule", type=str, default="cosine_decay", help="lr schedule")',
  '',
  'def register_run_flags(ap, with_eval=False):',
  '    grp = ap.add_argument_group("run")',
  '    grp.add_argument("--num_train_steps", type=int, default=25000)',
  '    grp.add_argument("--warmup_steps", type=int, default=700)',
  '    grp.add_argument("--gradient_accumulation_steps", type=int, default=8)',
  '',
  'def make_optimizer(opts, params):',
  '    lr = opts.learning_rate',
  '    opt = torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.98))',
  '    return opt',
);

describe('option helpers the file does not call', () => {
  test('their options are entries holding the defaults, argument groups included', () => {
    expect(keys(module)).toEqual(expect.arrayContaining(['--learning-rate', '--schedule', '--num_train_steps',
      '--warmup_steps', '--gradient_accumulation_steps']));
  });

  test('the run reads the written defaults: one program, not several', () => {
    expect(written(module, 'lr')).toEqual(['5: 3.0e-5']);
    expect(written(module, 'steps')).toEqual(['10: 25000']);
    expect(written(module, 'warmupSteps')).toEqual(['11: 700']);
    expect(written(module, 'gradAccum')).toEqual(['12: 8']);
    expect(written(module, 'schedule')).toEqual(['6: "cosine_decay"']);
  });

  test('a parser the file builds and passes in is read as it is: its own defaults replace the helper\'s', () => {
    const called = `${module}ap = argparse.ArgumentParser()\nregister_optim_flags(ap)\n` +
      'ap.set_defaults(learning_rate=1e-4)\nopts = ap.parse_args()\nopt = make_optimizer(opts, [])\n';
    expect(written(called, 'lr')).toEqual(['20: 1e-4']);
  });

  test('a helper overriding the defaults of a parser it is given sets the run\'s values', () => {
    const overrides = lines(
      'def pong_defaults(env, ap):',
      '    ap.set_defaults(',
      '        rollout_len=64,',
      '        batch_size=512,',
      '        learning_rate=3e-4,',
      '    )',
    );
    expect(written(overrides, 'microBatchSize')).toEqual(['4: 512']);
    expect(written(overrides, 'lr')).toEqual(['5: 3e-4']);
  });

  test('a parameter that adds no option stays unknown', () => {
    const other = lines(
      'def log_all(writer, step):',
      '    writer.add_scalar("lr", 1e-3, step)',
      '    writer.add_argument_like = 5',
    );
    expect(keys(other)).not.toContain('--lr');
    expect(extract(other, 'train.py').optimizers.flatMap((o) => (o.hyperparameters.lr ? [o] : []))).toEqual([]);
  });
});
