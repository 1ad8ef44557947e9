/**
 * A Python dict that names its optimizer and is then passed to a torch call (spread with the name filtered out, or
 * read key by key) is that call's settings: one optimizer, the call's class, the dict's literals at their lines.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const DICT = 'opt_cfg = {"name": "adamw", "lr": 3e-4, "weight_decay": 0.1, "betas": (0.9, 0.95)}';

function one(text: string): ReturnType<typeof extract>['optimizers'][number] {
  const x = extract(text, 'train.py');
  expect(x.optimizers).toHaveLength(1);
  const [o] = x.optimizers;
  if (!o) throw new Error('no optimizer');
  return o;
}

describe('an optimizer dict passed to a torch call', () => {
  test.each([
    ['!=', '{k: v for k, v in opt_cfg.items() if k != "name"}'],
    ['not in a tuple', '{k: v for k, v in opt_cfg.items() if k not in ("name", "type")}'],
    ['not in a set', "{key: val for key, val in opt_cfg.items() if key not in {'name'}}"],
  ])('spread through a comprehension that drops the name (%s)', (_, spread) => {
    const o = one(['import torch', '', DICT, 'model = torch.nn.Linear(4, 4)',
      `optimizer = torch.optim.AdamW(model.parameters(), **${spread})`, ''].join('\n'));
    expect(o).toMatchObject({ name: 'torch.optim.AdamW', line: 5 });
    expect(o.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 3, source: 'written' });
    expect(o.hyperparameters.weightDecay).toMatchObject({ value: 0.1, line: 3, source: 'written' });
    expect(o.hyperparameters.beta2).toMatchObject({ value: 0.95, line: 3, source: 'written' });
  });

  test('read key by key in the call', () => {
    const o = one(['from torch.optim import AdamW', DICT,
      'optimizer = AdamW(params, lr=opt_cfg["lr"], weight_decay=opt_cfg["weight_decay"])', ''].join('\n'));
    expect(o).toMatchObject({ name: 'torch.optim.AdamW', line: 3 });
    expect(o.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 2, source: 'written' });
    expect(o.hyperparameters.weightDecay).toMatchObject({ value: 0.1, line: 2, source: 'written' });
  });

  test('a comprehension that transforms the values is left to the run, never read as the dict', () => {
    const x = extract([DICT,
      'optimizer = torch.optim.AdamW(params, **{k: v * 2 for k, v in opt_cfg.items() if k != "name"})', ''].join('\n'),
    'train.py');
    const call = x.optimizers.find((o) => o.name === 'torch.optim.AdamW');
    expect(call?.hyperparameters.lr?.value).not.toBe(3e-4);
  });

  test('a dict two calls read stays apart from both: nothing says whose its other values are', () => {
    const x = extract(['cfg = {"actor_lr": 1e-4, "critic_lr": 3e-4, "optimizer": "adam"}',
      'actor_opt = torch.optim.Adam(actor.parameters(), lr=cfg["actor_lr"])',
      'critic_opt = torch.optim.Adam(critic.parameters(), lr=cfg["critic_lr"])', ''].join('\n'), 'train.py');
    const lrs = x.optimizers.map((o) => o.hyperparameters.lr?.value);
    expect(lrs).toContain(1e-4);
    expect(lrs).toContain(3e-4);
  });
});
