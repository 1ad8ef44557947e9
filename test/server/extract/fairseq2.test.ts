/**
 * fairseq2's Python recipe configs (server/extract/ecosystems/fairseq2.ts): sections built by `default_factory`
 * lambdas, the optimizer and schedule named by registered constants, their settings in a `config` object.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { value } from './helpers';

const recipe = [
  'from dataclasses import dataclass, field',
  'from fairseq2.recipe.config import (ADAMW_OPTIMIZER, POLYNOMIAL_DECAY_LR, AdamWConfig, OptimizerSection,',
  '    LRSchedulerSection, PolynomialDecayLRConfig, RegimeSection, TrainerSection, DatasetSection)',
  '@dataclass(kw_only=True)',
  'class MyRecipeConfig:',
  '    trainer: TrainerSection = field(default_factory=lambda: TrainerSection(max_grad_norm=0.5))',
  '    optimizer: OptimizerSection = field(',
  '        default_factory=lambda: OptimizerSection(',
  '            name=ADAMW_OPTIMIZER, config=AdamWConfig(lr=1e-4, betas=(0.9, 0.98), eps=1e-6)',
  '        )',
  '    )',
  '    lr_scheduler: LRSchedulerSection = field(default_factory=lambda: LRSchedulerSection(',
  '        name=POLYNOMIAL_DECAY_LR, config=PolynomialDecayLRConfig(num_warmup_steps=500)))',
  '    regime: RegimeSection = field(default_factory=lambda: RegimeSection(num_steps=20_000,',
  '        checkpoint_every_n_steps=1000))',
  '@dataclass(kw_only=True)',
  'class MyDatasetSection(DatasetSection):',
  '    max_seq_len: int = 2048',
  '    max_num_tokens: int = 4096 * 4',
  '',
].join('\n');

test('a recipe config: the section named by its registered constant is AdamW, its config the hyperparameters', () => {
  const x = extract(recipe, 'config.py');
  expect(x.ecosystem).toBe('fairseq2');
  expect(x.optimizers).toHaveLength(1);
  expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', line: 9, weightDecaySemantics: 'lr' });
  expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 9, source: 'written' });
  expect(value(x, 'beta2')).toMatchObject({ value: 0.98, line: 9 });
  expect(value(x, 'eps')).toMatchObject({ value: 1e-6, line: 9 });
  // AdamWConfig's own default (src/fairseq2/recipe/config.py: weight_decay = 0.0), not torch's 0.01.
  expect(value(x, 'weightDecay')).toMatchObject({ value: 0, source: 'default' });
  expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, line: 13 });
  expect(value(x, 'steps')).toMatchObject({ value: 20000, line: 14 });
  expect(value(x, 'schedule')).toMatchObject({ line: 13, source: 'written' });
  expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 18 });
  // The most tokens a batch holds on one rank.
  expect(value(x, 'microBatchSize')).toMatchObject({ value: 16384, line: 19, unit: 'tokens' });
});

test('an optimizer section that names no optimizer runs its default, AdamW', () => {
  const text = recipe.replace('name=ADAMW_OPTIMIZER, ', '');
  const x = extract(text, 'config.py');
  expect(x.optimizers[0]).toMatchObject({ name: 'adamw', kind: 'adamw' });
  expect(value(x, 'lr')).toMatchObject({ value: 1e-4, line: 9 });
});

test("OLMo-core's AdamWConfig imported from fairseq2 does not make the file OLMo-core's", () => {
  const x = extract(recipe, 'config.py');
  expect(x.ecosystemCandidates[0]?.id).toBe('fairseq2');
});
