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

test('a launcher with its own short flags is read in a YAML run block as in its launch script', () => {
  // llm.c's train_gpt2cu options mean something only to that program; its table is a shell table, and the
  // commands of a YAML file are shell.
  const text = ['name: train', 'resources:', '  accelerators: A100:8', 'run: |', '  cd ~/llm.c',
    '  mpirun -np 8 ./train_gpt2cu \\', '      -b 64 -t 1024 \\', '      -d 524288 \\', '      -c 0.1 \\',
    '      -l 0.0006 \\', '      -q 0.0 \\', '      -u 700'].join('\n');
  const x = extract(text, 'gpt2-train.yaml');
  expect(x.ecosystem).toBe('llm.c');
  const hp = x.optimizers[0]?.hyperparameters;
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([0.0006, 10]);
  expect([hp?.weightDecay?.value, hp?.weightDecay?.line]).toEqual([0.1, 9]);
  expect([hp?.microBatchSize?.value, hp?.microBatchSize?.line]).toEqual([64, 7]);
  expect([hp?.seqLen?.value, hp?.seqLen?.line]).toEqual([1024, 7]);
  expect([hp?.warmupSteps?.value, hp?.warmupSteps?.line]).toEqual([700, 12]);
});

test('SGD steps are the run length in optimizer steps', () => {
  const text = ['hyperparameters:', '  training:', '    num_sgd_steps: 500', '    learning_rate: 5.0e-4'].join('\n');
  const steps = extract(text, 'const.yaml').optimizers[0]?.hyperparameters.steps;
  expect([steps?.value, steps?.line]).toEqual([500, 3]);
});
