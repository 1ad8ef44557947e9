/** `rejected-by-torch` and beta-out-of-range quote PyTorch; the optimizer then gets no prediction. */
import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../../server/analyze';
import { extract } from '../../../server/extract';
import { findings } from './helpers';

const TORCHTUNE = (lr: string, wd: string) =>
  `optimizer:\n  _component_: torch.optim.AdamW\n  lr: ${lr}\n  weight_decay: ${wd}\n  betas: [0.9, 0.95]\nbatch_size: 4\n`;

describe('rejected-by-torch', () => {
  test('a negative learning rate: an error at its line with torch\'s message, and no prediction', () => {
    const text = TORCHTUNE('-1.0e-3', '0.01');
    const [f] = findings(extract(text, 'full.yaml'), 'rejected-by-torch');
    expect(f).toMatchObject({ severity: 'error', line: 3 });
    expect(f?.message).toContain('ValueError: Invalid learning rate: -0.001');
    const analysis = analyzeText(text, '/w/full.yaml', {});
    expect(analysis.optimizers[0]?.predictions).toBeNull();
    // Said once: no second "no prediction" finding repeating it.
    expect(analysis.findings.filter((g) => g.line === 3).map((g) => g.code)).toEqual(['rejected-by-torch']);
  });

  test('a negative weight decay', () => {
    const [f] = findings(extract(TORCHTUNE('1.0e-3', '-0.1'), 'full.yaml'), 'rejected-by-torch');
    expect(f).toMatchObject({ line: 4 });
    expect(f?.message).toContain('ValueError: Invalid weight_decay value: -0.1');
  });

  test('valid values: nothing', () => {
    expect(findings(extract(TORCHTUNE('1.0e-3', '0.0'), 'full.yaml'), 'rejected-by-torch')).toEqual([]);
  });

  test('β2 = 1.0 keeps its own finding, now in torch\'s words', () => {
    const text = 'model_name_or_path: x\nper_device_train_batch_size: 2\noutput_dir: o\nadam_beta2: 1.0\n';
    const [f] = findings(extract(text, 'args.yaml'), 'beta-out-of-range');
    expect(f?.message).toContain('ValueError: Invalid beta parameter at index 1: 1.0');
  });
});
