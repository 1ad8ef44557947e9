/**
 * Styles of training scripts outside the LLM frameworks (fifth round): shell scripts that run one program several
 * times, a loader batch named `--mini-batch-size`, a warm-up counted in epochs as `num_warmup_epochs`, an
 * actor-critic's `actor_optim = …` naming its optimizer, a graph loader's batch given through `**kwargs`.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

describe('a shell script that launches several runs', () => {
  // Time-Series-Library's scripts run `python -u run.py` once per forecast horizon with the same optimizer flags.
  const text = [
    'model_name=iTransformer',
    '',
    'python -u run.py \\',
    '  --model $model_name \\',
    '  --seq_len 96 \\',
    '  --pred_len 96 \\',
    '  --batch_size 16 \\',
    '  --learning_rate 0.0005',
    '',
    'python -u run.py \\',
    '  --model $model_name \\',
    '  --seq_len 96 \\',
    '  --pred_len 192 \\',
    '  --batch_size 16 \\',
    '  --learning_rate 0.0005',
    '',
  ].join('\n');
  test("a later command's flag is another run, not an override: the first command's values and lines", () => {
    const x = extract(text, 'run_ecl.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 0.0005, line: 8 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 16, line: 7 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 96, line: 5 });
  });
  test('a flag repeated on one command line is still argparse\'s last', () => {
    const x = extract('python train.py --learning_rate 1e-3 --batch_size 8 \\\n  --learning_rate 2e-3\n', 'run.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 2e-3, line: 2 });
  });
  test('a variable assigned between the commands is still read in script order', () => {
    const x = extract(['LR=1e-3', 'python train.py --lr $LR', 'LR=2e-3', 'python train.py --lr $LR', ''].join('\n'),
      'sweep.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 1 });
  });
});

describe('loader batch and warm-up spellings', () => {
  test('--mini-batch-size is the batch, --test-mini-batch-size is not', () => {
    const x = extract('python dlrm_s_pytorch.py --learning-rate=0.1 --test-mini-batch-size=16384 ' +
      '--mini-batch-size=128 --print-freq=1024\n', 'bench.sh');
    expect(value(x, 'lr')).toMatchObject({ value: 0.1, line: 1 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 128, raw: '128' });
  });
  test('num_warmup_epochs is a warm-up counted in epochs', () => {
    const text = ['optim:', '  optimizer: adamW', '  base_lr: 0.001', '  max_epoch: 200', '  num_warmup_epochs: 10', ''];
    const x = extract(text.join('\n'), 'gps.yaml');
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 10, line: 5, unit: 'epochs' });
  });
});

describe('optimizers named by the part they train', () => {
  // Tianshou's examples build one optimizer factory per network, named after it.
  const text = [
    'def main(',
    '    actor_lr: float = 1e-3,',
    '    critic_lr: float = 3e-4,',
    '    batch_size: int = 256,',
    ') -> None:',
    '    actor_optim = AdamOptimizerFactory(lr=actor_lr)',
    '    critic_optim = AdamOptimizerFactory(lr=critic_lr)',
    '    build_optimizer = make_builder(kind="sgd")',
    '',
  ].join('\n');
  test('`actor_optim = AdamOptimizerFactory(...)` names the optimizer; `build_optimizer` is no optimizer', () => {
    const x = extract(text, 'mujoco_sac.py');
    expect(x.optimizers[0]).toMatchObject({ line: 6 });
    expect(x.optimizers[0]?.name).toMatch(/AdamOptimizerFactory$/);
    expect(x.optimizers.some((o) => o.line === 8)).toBe(false);
    expect(value(x, 'lr')).toMatchObject({ value: 1e-3, line: 2 });
  });
});

describe('data loaders other than torch DataLoader', () => {
  // PyG's examples pass one kwargs dict to the training and the evaluation NeighborLoader.
  const text = [
    'import torch',
    'from torch_geometric.loader import NeighborLoader',
    "kwargs = {'batch_size': 1024, 'num_workers': 6}",
    'train_loader = NeighborLoader(data, num_neighbors=[25, 10], shuffle=True, **kwargs)',
    'test_loader = NeighborLoader(data, num_neighbors=[-1], batch_size=4096)',
    'optimizer = torch.optim.Adam(model.parameters(), lr=0.01)',
    '',
  ].join('\n');
  test("a NeighborLoader's batch is the loader batch, at the literal the dict writes; the test loader's is not", () => {
    const x = extract(text, 'reddit.py');
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 1024, line: 3 });
    expect(value(x, 'lr')).toMatchObject({ value: 0.01, line: 6 });
  });
});
