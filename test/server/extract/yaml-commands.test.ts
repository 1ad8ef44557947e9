/**
 * Shell commands written in a YAML file (SkyPilot `run: |`, CI `script:`, Kubernetes `command:`/`args:`): read as
 * launch commands at their real lines (yaml-commands.ts).
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { findings } from './helpers';

test('a SkyPilot run block is read as the launch script it is, with its framework\'s table', () => {
  const text = [
    'resources:', '  accelerators: H100:8', 'run: |',
    '  uv run -m skyrl.train.entrypoints.main_base \\',
    '    trainer.policy_mini_batch_size=256 \\',
    '    trainer.micro_train_batch_size_per_gpu=40 \\',
    '    trainer.policy.optimizer_config.lr=1.0e-6',
  ].join('\n');
  const x = extract(text, 'grpo-skypilot.yaml');
  expect(x.ecosystem).toBe('skyrl');
  const hp = x.optimizers[0]?.hyperparameters;
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([1e-6, 7]);
  expect([hp?.globalBatchSize?.value, hp?.globalBatchSize?.line]).toEqual([256, 5]);
  // 256 prompts and 40 sequences per GPU are counted in different units: no divisibility error.
  expect(findings(x, 'batch-not-divisible')).toEqual([]);
});

test('a CI script list and a folded block are commands', () => {
  const text = ['train:', '  script:', '    - pip install -e .', '    - torchrun train.py --learning_rate 3e-4',
    'eval:', '  cmd: >', '    python train.py', '    --weight_decay 0.05'].join('\n');
  const hp = extract(text, '.gitlab-ci.yml').optimizers[0]?.hyperparameters;
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([3e-4, 4]);
  expect([hp?.weightDecay?.value, hp?.weightDecay?.line]).toEqual([0.05, 8]);
});

test('a container\'s command and args lists are one argv, a quoted value at its own line', () => {
  const text = ['spec:', '  containers:', '    - name: train', '      command: ["torchrun", "train.py"]', '      args:',
    '        - --learning_rate', '        - "2e-5"', '        - --per_device_train_batch_size=4'].join('\n');
  const hp = extract(text, 'job.yaml').optimizers[0]?.hyperparameters;
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([2e-5, 7]);
  expect([hp?.microBatchSize?.value, hp?.microBatchSize?.line]).toEqual([4, 8]);
  const argsOnly = text.replace('      command: ["torchrun", "train.py"]\n', '');
  expect(extract(argsOnly, 'job.yaml').optimizers[0]?.hyperparameters.lr?.value).toBe(2e-5);
});

test('a string under another key, or a command key with no option in it, adds nothing', () => {
  const text = ['description: run with --lr 1e-3 for a quick test', 'command: train', 'learning_rate: 2e-4'].join('\n');
  const lr = extract(text, 'config.yaml').optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line]).toEqual([2e-4, 3]);
});
