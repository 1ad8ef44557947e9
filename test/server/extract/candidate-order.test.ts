/**
 * The order of role candidates (roles/candidate-order.ts): the per-block choice that a file of hundreds of optimizer
 * blocks computes at once must choose exactly what choosing block by block does.
 */
import { describe, expect, test } from 'vitest';
import { configEntries } from '../../../server/extract';
import { indexEntries } from '../../../server/extract/match';
import { bestPerRole, bestPerRoleNear } from '../../../server/extract/roles/candidate-order';
import { roleCandidates } from '../../../server/extract/roles/candidates';
import { readYaml } from '../../../server/extract/yaml';
import { random } from './seeded-random';

const SETTINGS = ['lr: 3.0e-4', 'weight_decay: 0.1', 'scheduler: cosine', 'batch_size: 32', 'max_steps: 1000',
  'warmup_steps: 100', 'betas: [0.9, 0.95]', 'eps: 1.0e-8', 'seq_length: 2048', 'name: adamw'];

/** A YAML file of `blocks` top-level blocks, each with a few settings at one or two levels, in random order. */
function sweep(seed: number, blocks: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const lines: string[] = [];
  for (let b = 0; b < blocks; b++) {
    lines.push(`run${b}:`);
    for (let s = 0; s < 1 + Math.floor(next() * 4); s++) lines.push(`  ${pick(SETTINGS)}`);
    if (next() < 0.6) lines.push('  optim:', ...SETTINGS.filter(() => next() < 0.4).map((l) => `    ${l}`));
  }
  return ['lr: 1.0e-3', ...lines, 'batch_size: 8'].join('\n') + '\n';
}

describe('bestPerRoleNear', () => {
  test.each([1, 2, 3, 4, 5, 6, 7, 8])('chooses what bestPerRole does from each run (seed %i)', (seed) => {
    const entries = configEntries(readYaml(sweep(seed, 25)).entries, 'yaml');
    const candidates = roleCandidates(indexEntries(entries, false), 'yaml');
    const blocks = [[], ['run0'], ['run3', 'optim'], ['run24'], ['elsewhere'], ['run7', 'optim', 'deeper']];
    expect(candidates.length).toBeGreaterThan(50);
    // A block takes nothing from the top-level block of another optimizer's run (`run3` for `run0`).
    const runs = new Set(blocks.map((b) => b[0]));
    const own = (b: readonly string[]): typeof candidates => candidates.filter((c) => b[0] === undefined ||
      c.entry.path.length < 2 || c.entry.path[0] === b[0] || !runs.has(c.entry.path[0]));
    expect(bestPerRoleNear(candidates, blocks)).toEqual(blocks.map((b) => bestPerRole(own(b), b)));
  });
});
