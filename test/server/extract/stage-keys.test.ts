/**
 * Settings of a recipe's stages written side by side under stage-prefixed keys (stage-keys.ts): each stage is a run
 * of its own, read one level down, with the key shown as written.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { withStageBlocks } from '../../../server/extract/stage-keys';
import { readPython } from '../../../server/extract/python';

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** Per optimizer: `role line:value` of each written value, sorted. */
function runs(text: string, file: string): string[][] {
  return extract(text, file).optimizers.map((o) => Object.entries(o.hyperparameters)
    .filter(([, v]) => v?.source === 'written' && v.span)
    .map(([k, v]) => `${k} ${lineOf(text, v?.span?.start ?? 0)}:${String(v?.value)}`).sort());
}

describe('stage-prefixed settings', () => {
  const registry = [
    'from dataclasses import dataclass',
    '@dataclass',
    'class Recipe:',
    '    pretrain_learning_rate: float = 1e-3',
    '    pretrain_global_batch_size: int = 512',
    '    pretrain_weight_decay: float = 0.0',
    '    sft_learning_rate: float = 2e-5',
    '    sft_global_batch_size: int = 64',
    '    sft_weight_decay: float = 0.05',
    '',
    '@dataclass',
    'class LongerSft(Recipe):',
    '    sft_max_steps: int = 9000',
    '',
  ].join('\n');

  test('each stage of a dataclass is a run of its own, a subclass override too', () => {
    const read = runs(registry, 'recipes.py');
    expect(read).toContainEqual(['globalBatchSize 5:512', 'lr 4:0.001', 'weightDecay 6:0']);
    expect(read).toContainEqual(['globalBatchSize 8:64', 'lr 7:0.00002', 'weightDecay 9:0.05']);
    expect(read.flat()).toContain('steps 13:9000');
  });

  test('the path goes one level down, the key shown is the one written', () => {
    const entries = withStageBlocks(readPython(registry).entries);
    const lr = entries.find((e) => e.path.join('.') === 'Recipe.sft.learning_rate');
    expect(lr?.origin).toEqual(['Recipe', 'sft_learning_rate']);
  });

  test('flat YAML keys of two stages', () => {
    const yaml = 'pretraining_lr: 0.0003\npretraining_batch_size: 32\nfinetuning_lr: 0.0001\nfinetuning_batch_size: 16\n';
    const read = runs(yaml, 'train.yaml');
    expect(read).toContainEqual(['lr 1:0.0003', 'microBatchSize 2:32']);
    expect(read).toContainEqual(['lr 3:0.0001', 'microBatchSize 4:16']);
  });

  test('a prefix heading one role only is no stage', () => {
    const entries = readPython('lr = 3e-4\nfinetune_lr = 1e-5\nbatch_size = 8\n').entries;
    expect(withStageBlocks(entries)).toBe(entries);
  });
});
