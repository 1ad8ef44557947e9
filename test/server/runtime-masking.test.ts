/**
 * A part of a prediction or recipe computed from the default that stands in for a value the run sets is unknown
 * (null, and named in `unknownAtRunTime`), never a definite answer: a flag is not `false`, a list that lost items
 * says so (server/runtime-predictions.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../core/analysis';
import { analyzeText } from '../../server/analyze';
import { toJsonFile } from '../../cli/analyze-json';

const analyze = (text: string, path: string): FileAnalysis => analyzeText(text, path, { snr: 0 });
const NANOGPT = readFileSync(join(__dirname, '../fixtures/corpus/nanogpt/train_gpt2.py'), 'utf8');
const PARAMS = '# optlens: params=1.24e8\n';

describe('flags computed from a stand-in', () => {
  it('followsARule is null, not false, when the lr is set at run time; false from the same lr written', () => {
    const literal = analyze(`${NANOGPT}learning_rate = 6e-5\n${PARAMS}`, 'train.py').optimizers[0];
    expect(literal?.recipe?.batchScaling?.followsARule).toBe(false);
    expect(literal?.recipe?.unknownAtRunTime).toBeUndefined();
    const runtime = analyze(`${NANOGPT}learning_rate = get_lr()\n${PARAMS}`, 'train.py');
    const recipe = runtime.optimizers[0]?.recipe;
    expect(recipe?.batchScaling?.followsARule).toBeNull();
    expect(recipe?.unknownAtRunTime).toContain('batchScaling.followsARule');
    // What --json prints.
    const json = toJsonFile(runtime).optimizers[0] as unknown as { recipe: FileAnalysis['optimizers'][0]['recipe'] };
    expect(json.recipe?.batchScaling?.followsARule).toBeNull();
  });

  it('ε that the run sets in fp16: whether it vanishes is unknown (null), not "no"', () => {
    // Lightning's 16-true keeps the optimizer state in fp16, where ε ≤ 2^-25 becomes 0.
    const yaml = (eps: string): string => ['trainer:', '  precision: 16-true', '  max_steps: 1000', 'optimizer:',
      '  class_path: torch.optim.AdamW', '  init_args:', '    lr: 1.0e-3', `    eps: ${eps}`, ''].join('\n');
    const vanishing = analyze(yaml('1.0e-9'), 'config.yaml').optimizers[0]?.predictions;
    expect(vanishing?.epsRegime.fp16Underflow).toBe(true);
    const runtime = analyze(yaml('${oc.env:EPS}'), 'config.yaml').optimizers[0]?.predictions;
    expect(runtime?.epsRegime.fp16Underflow).toBeNull();
    expect(runtime?.unknownAtRunTime).toContain('epsRegime.fp16Underflow');
    // The note that ε becomes 0 depends on it too: left out, and the list says it lost items.
    expect(runtime?.notes.some((n) => n.code === 'fp16-eps-zero')).toBe(false);
    expect(runtime?.unknownAtRunTime).toContain('notes');
  });
});
