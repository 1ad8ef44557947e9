/**
 * Several phases of one run side by side (numbered blocks, a list of stages): OptLens reads one and says, at the
 * first value of each other phase, that it is not predicted; a file with one phase, or with numbered blocks whose
 * values OptLens reads all, gets no such hint.
 */
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../../core/analysis';
import { analyzeText } from '../../../server/analyze';
import { PHASE_NOT_PREDICTED } from '../../../server/extract/roles/phases';

const analyze = (text: string, path: string): FileAnalysis => analyzeText(text, path, { snr: 0 });
const phaseHints = (a: FileAnalysis) =>
  a.findings.filter((f) => f.code === PHASE_NOT_PREDICTED).map((f) => `${f.line}: ${f.message}`);

const MIXED_SEQ = `{
  "optimizer": {"type": "AdamW", "params": {"weight_decay": 0.01}},
  "mixed_seq_training": {
    "128": {"learning_rate": 11e-3, "total_training_steps": 7500},
    "512": {"num_workers": 0, "learning_rate": 2e-3, "total_training_steps": 7500}
  }
}
`;

describe('phase-not-predicted', () => {
  it('numbered blocks: the phase not read gets a hint at its first value OptLens would read', () => {
    const a = analyze(MIXED_SEQ, 'bert_large.json');
    expect(a.optimizers[0]?.hyperparameters.lr?.key).toBe('mixed_seq_training[128].learning_rate');
    expect(phaseHints(a)).toEqual([
      '5: A second set of training settings (`mixed_seq_training[512]`) is not predicted: OptLens shows the one at '
        + '`mixed_seq_training[128]`.',
    ]);
  });

  it('a list of stages: each stage after the one read gets its hint', () => {
    const stage = (lr: string, steps: number): string => `  - {learning_rate: ${lr}, max_steps: ${steps}}\n`;
    const text = `optimizer:\n  name: adamw\n  weight_decay: 0.1\nstages:\n${stage('1.0e-3', 100)}${stage('3.0e-4', 200)}`
      + stage('1.0e-4', 400);
    const a = analyze(text, 'config.yaml');
    expect(a.optimizers[0]?.hyperparameters.steps?.key).toBe('stages[0].max_steps');
    expect(phaseHints(a)).toEqual([
      '6: A second set of training settings (`stages[1]`) is not predicted: OptLens shows the one at `stages[0]`.',
      '7: A third set of training settings (`stages[2]`) is not predicted: OptLens shows the one at `stages[0]`.',
    ]);
  });

  it('segments of one schedule and parameter groups with only an lr of their own are not phases', () => {
    const schedulers = 'optimizer:\n  name: adamw\n  lr: 1.0e-3\nscheduler:\n'
      + '  - {name: LinearLR, kwargs: {total_iters: 20}}\n  - {name: ConstantLR, kwargs: {total_iters: 1000}}\n';
    expect(phaseHints(analyze(schedulers, 'config.yaml'))).toEqual([]);
    const groups = 'import torch\nopt = torch.optim.AdamW([dict(params=a, lr=0.3), dict(params=b, lr=0.01)], '
      + 'weight_decay=0.0)\n';
    expect(phaseHints(analyze(groups, 'train.py'))).toEqual([]);
  });

  it('one phase, or a pair of betas (numbered but both read), gets no hint', () => {
    const one = MIXED_SEQ.replace(/\n {4}"512": \{[^}]*\}/, '').replace('7500},', '7500}');
    expect(analyze(one, 'bert_large.json').optimizers[0]?.hyperparameters.lr?.value).toBe(11e-3);
    expect(phaseHints(analyze(one, 'bert_large.json'))).toEqual([]);
    const betas = 'optimizer:\n  name: adamw\n  lr: 0.001\n  betas: [0.9, 0.95]\n';
    expect(phaseHints(analyze(betas, 'config.yaml'))).toEqual([]);
  });
});
