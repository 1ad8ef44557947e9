/** An option whose default is an enum's member defaults to that member, written in the file. */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

test("absl's DEFINE_enum_class with a member default: the schedule is the member", () => {
  const text = [
    'from absl import flags',
    'from mylib import sched_lib',
    "_LR = flags.DEFINE_float('learning_rate', 3e-4, 'Learning rate.')",
    '_SCHEDULE = flags.DEFINE_enum_class(',
    "    'agent_lr_schedule',",
    '    sched_lib.Schedule.COSINE,',
    '    sched_lib.Schedule,',
    "    'Learning rate schedule.',",
    ')',
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(value(x, 'lr')).toMatchObject({ value: 3e-4, line: 3 });
  expect(value(x, 'schedule')).toMatchObject({ value: 'Schedule.COSINE', raw: 'sched_lib.Schedule.COSINE', line: 6 });
});

test("argparse's default=Enum.MEMBER is read; a lower-case attribute (a dtype, a module's value) is not", () => {
  const text = [
    'import argparse',
    'import torch',
    'from sched import Schedule',
    'p = argparse.ArgumentParser()',
    "p.add_argument('--lr', type=float, default=1e-3)",
    "p.add_argument('--lr_scheduler', type=Schedule, default=Schedule.LINEAR)",
    "p.add_argument('--optimizer', default=torch.optim.adamw)",
    '',
  ].join('\n');
  const x = extract(text, 'train.py');
  expect(value(x, 'schedule')).toMatchObject({ value: 'Schedule.LINEAR', line: 6 });
  expect(x.optimizers.map((o) => o.name)).not.toContain('torch.optim.adamw');
});
