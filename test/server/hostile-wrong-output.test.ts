/**
 * Hostile input, class "wrong output": files a reader once lost or misread. A byte-order mark in JSON,
 * CR-only line endings in YAML, 10⁵-deep nesting in JSON and TOML (read what can be read, say what was
 * skipped), and a syntax error reported where it is, with no value taken from the damaged region.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../server/analyze';
import { extract } from '../../server/extract';

const valuesOf = (text: string, fileName: string) => {
  const x = extract(text, fileName);
  const hps = x.optimizers[0]?.hyperparameters ?? {};
  return { lr: hps.lr?.value, weightDecay: hps.weightDecay?.value, errors: x.readErrors.map((e) => `${e.line}: ${e.message}`) };
};

describe('encodings and line endings', () => {
  it('reads JSON that starts with a byte-order mark, with spans on the editor\'s offsets', () => {
    const text = '\uFEFF{"optimizer": {"type": "AdamW", "params": {"lr": 3e-4, "weight_decay": 0.1}}}\n';
    expect(valuesOf(text, 'ds_config.json')).toEqual({ lr: 3e-4, weightDecay: 0.1, errors: [] });
    const lr = extract(text, 'ds_config.json').optimizers[0]?.hyperparameters.lr;
    expect(lr?.span && text.slice(lr.span.start, lr.span.end)).toBe('3e-4');
  });

  it('reads YAML with CR-only line endings, lines counted at each CR', () => {
    const text = 'optimizer:\r  type: AdamW\r  lr: 3.0e-4\r  weight_decay: 0.1\r';
    expect(valuesOf(text, 'c.yaml')).toEqual({ lr: 3e-4, weightDecay: 0.1, errors: [] });
    expect(extract(text, 'c.yaml').optimizers[0]?.hyperparameters.weightDecay?.line).toBe(4);
  });
});

describe('10⁵-deep nesting', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  it('JSON: the optimizer is read, the deep part skipped with an error saying so', () => {
    const text = `{"optimizer": {"type": "AdamW", "params": {"lr": 3e-4, "weight_decay": 0.1}}, "x": ${deep}}`;
    expect(valuesOf(text, 'ds_config.json')).toEqual({
      lr: 3e-4, weightDecay: 0.1, errors: ['1: nested deeper than 1000 brackets: OptLens skipped what is inside and read the rest'],
    });
  });

  it('TOML: the optimizer is read, the deep part skipped with an error saying so', () => {
    const text = `[optimizer]\nname = "AdamW"\nlr = 3e-4\nweight_decay = 0.1\n[x]\ny = ${deep}\n`;
    expect(valuesOf(text, 'job.toml')).toEqual({
      lr: 3e-4, weightDecay: 0.1, errors: ['6: nested deeper than 1000 brackets: OptLens skipped what is inside and read the rest'],
    });
  });
});

describe('syntax errors', () => {
  const text = [
    'optimizer:', '  type: AdamW', '  lr: 3.0e-4', '  adam_beta1: 0.9', '  adam_beta2: "0.95',
    '  weight_decay: 0.1', '  per_device_train_batch_size: 8', '',
  ].join('\n');

  it('an unclosed quote is reported on its own line, never past the end of the file', () => {
    const analysis = analyzeText(text, 'c.yaml', {});
    const errors = analysis.findings.filter((f) => f.code === 'syntax-error');
    expect(errors.map((f) => f.line)).toEqual([5]);
    for (const f of analysis.findings) expect(f.span?.end ?? 0).toBeLessThanOrEqual(text.length);
  });

  it('no value comes from the damaged region: β2 is not the string "0.95 weight_decay: 0.1 …"', () => {
    const hps = analyzeText(text, 'c.yaml', {}).optimizers[0]?.hyperparameters ?? {};
    expect(hps.beta1?.value).toBe(0.9);
    expect(hps.beta2?.source).not.toBe('written');
    expect(String(hps.beta2?.value)).not.toMatch(/weight_decay/);
  });
});
