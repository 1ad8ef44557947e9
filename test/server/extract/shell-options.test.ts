/**
 * Shell option parsing (`while [[ $# -gt 0 ]]; do case $1 in --lr) lr="$2"; shift 2 ;; ...`): a run without
 * arguments takes no arm, so the defaults written before the loop are the values, each arm an override the command
 * line may give (shell/branches.ts).
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings } from './helpers';

const script = [
  'lr=2e-5',
  'wd=0.01',
  'while [[ $# -gt 0 ]]; do',
  '    case "$1" in',
  '        --lr) lr="$2"; shift 2 ;;',
  '        --wd) wd="$2"; shift 2 ;;',
  '        *) echo "Unknown parameter: $1"; exit 1 ;;',
  '    esac',
  'done',
  'torchrun --nproc-per-node 8 train.py \\',
  '    --learning_rate=${lr} \\',
  '    --weight_decay ${wd} \\',
  '    --per_device_train_batch_size 4',
].join('\n');

test('the defaults written before the option loop are read at their own line', () => {
  const hp = extract(script, 'sft.sh').optimizers[0]?.hyperparameters;
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([2e-5, 1]);
  expect([hp?.weightDecay?.value, hp?.weightDecay?.line]).toEqual([0.01, 2]);
  expect(hp?.microBatchSize?.value).toBe(4);
});

test('each option arm is an override the command line may give, said at the default', () => {
  const hint = findings(extract(script, 'sft.sh'), 'value-depends-on-branch').find((f) => f.line === 1);
  expect(hint?.message).toContain('set at run time in `--lr)`');
  expect(hint?.message).toContain('the run without options');
});

test('a case over a variable the file writes still runs the arm that value selects', () => {
  const text = ['MODE=small', 'case $MODE in', '  small) LR=1e-3 ;;', '  big) LR=1e-4 ;;', 'esac', 'python t.py --lr $LR']
    .join('\n');
  const lr = extract(text, 'run.sh').optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line]).toEqual([1e-3, 3]);
});

test('the same when the argument is copied first (key="$1"; case $key in) or read by getopts', () => {
  const copied = ['LR=3e-4', 'while [[ $# -gt 0 ]]; do', '  key="$1"', '  case $key in',
    '    -l|--lr) LR="$2"; shift; shift ;;', '    *) shift ;;', '  esac', 'done',
    'python train.py --learning_rate $LR'].join('\n');
  const lr = extract(copied, 'train.sh').optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line]).toEqual([3e-4, 1]);
  const getopts = ['LR=1e-4', 'while getopts "l:" opt; do', '  case $opt in', '    l) LR=$OPTARG ;;', '  esac', 'done',
    'python train.py --lr $LR'].join('\n');
  const lr2 = extract(getopts, 'train.sh').optimizers[0]?.hyperparameters.lr;
  expect([lr2?.value, lr2?.line]).toEqual([1e-4, 1]);
});

test('a case that selects a configuration by its argument (case $1 in small) ...) is no option parsing', () => {
  const text = ['LR=3e-4', 'case "$1" in', '  small) LR=1e-3 ;;', '  big) LR=1e-4 ;;', 'esac', 'python t.py --lr $LR']
    .join('\n');
  const lr = extract(text, 'run.sh').optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line]).toEqual([1e-3, 3]);
});

test('the same for a for-loop over the arguments (for arg in "$@"; case $arg in --lr=*) ...)', () => {
  const text = ['LR=3e-4', 'for arg in "$@"; do', '  case $arg in', '    --lr=*) LR="${arg#*=}" ;;', '  esac', 'done',
    'python train.py --learning_rate $LR'].join('\n');
  const lr = extract(text, 'train.sh').optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line]).toEqual([3e-4, 1]);
});
