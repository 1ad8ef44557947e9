import { describe, expect, it } from 'vitest';
import { originText } from '../../webview/controls';

describe('where a control’s value came from', () => {
  it('says “framework default” for defaults, with the framework’s own source as the tooltip', () => {
    const info = originText({ source: 'default', hyperparameter: 'beta1', line: null, detail: 'transformers TrainingArguments.adam_beta1 = 0.9' });
    expect(info).toEqual({ text: 'framework default', title: 'Not in the file: transformers TrainingArguments.adam_beta1 = 0.9', isDefault: true });
  });

  it('names the line of a written value and marks derived, setting and assumed values', () => {
    expect(originText({ source: 'written', hyperparameter: 'lr', line: 12 })?.text).toBe('line 12');
    expect(originText({ source: 'written', hyperparameter: 'lr', line: null })?.text).toBe('in file');
    expect(originText({ source: 'written', hyperparameter: 'lr', line: 3, detail: 'LLaMA-Factory key, certain' })?.title)
      .toBe('Written in the config file; LLaMA-Factory key, certain');
    expect(originText({ source: 'derived', hyperparameter: 'globalBatchSize', line: null, detail: 'a × b' })?.title).toBe('Derived from a × b');
    expect(originText({ source: 'setting', hyperparameter: null, line: null })?.text).toBe('setting');
    expect(originText({ source: 'assumed', hyperparameter: null, line: null })?.isDefault).toBe(false);
    expect(originText(undefined)).toBeNull();
  });
});
