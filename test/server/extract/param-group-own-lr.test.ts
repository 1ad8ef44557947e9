/**
 * A parameter-group list where only a later group writes a learning rate of its own (a backbone trained slower than
 * the rest): the first group takes the call's learning rate, so the call trains with two, each its own optimizer in
 * the extraction (param-groups.ts). A list where only the first group writes one is left as the call.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const lines = (...l: string[]): string => l.join('\n') + '\n';

function lrs(text: string): [unknown, number | null][] {
  return extract(text, 'train.py').optimizers.flatMap((o) => {
    const v = o.hyperparameters.lr;
    return v?.source === 'written' ? [[v.value, v.line] as [unknown, number | null]] : [];
  });
}

test("a later group's own learning rate beside the call's is a second optimizer", () => {
  const text = lines(
    'import argparse',
    'import torch',
    'parser = argparse.ArgumentParser()',
    "parser.add_argument('--lr', default=2e-4, type=float)",
    "parser.add_argument('--lr_encoder', default=3e-6, type=float)",
    'args = parser.parse_args()',
    'groups = [',
    '    {"params": head_params},',
    '    {"params": encoder_params, "lr": args.lr_encoder},',
    ']',
    'opt = torch.optim.AdamW(groups, lr=args.lr, weight_decay=0.05)',
  );
  expect(lrs(text)).toEqual([[2e-4, 4], [3e-6, 5]]);
});

test("only the first group's own learning rate: one optimizer, at the group's value", () => {
  const text = lines(
    'import torch',
    'opt = torch.optim.SGD([{"params": a, "lr": 0.05}, {"params": b}], lr=0.1, momentum=0.9)',
  );
  expect(lrs(text)).toHaveLength(1);
});
