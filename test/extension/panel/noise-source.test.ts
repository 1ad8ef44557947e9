/** The playground names each noise scale's source truly: a comment in the file is not a setting. */
import { describe, expect, it } from 'vitest';
import { bindConfig } from '../../../extension/panel/bind';
import { originText } from '../../../webview/controls';
import { analyzeText } from '../../../server/analyze';

const YAML = 'optim: adamw_torch\nlearning_rate: 2.0e-5\nper_device_train_batch_size: 64\noutput_dir: out\n';

describe('where the playground says the noise scale came from', () => {
  it('a `# optlens:` comment in this file reads "comment in file", and wins over the setting', () => {
    const analysis = analyzeText(`# optlens: noise-scale=1880\n${YAML}`, 'sft.yaml', { noiseScale: 500, noiseScaleSource: 'setting' });
    const bound = bindConfig('file:///ws/sft.yaml', analysis, 0);
    expect(bound?.params.noiseScale).toBe(1880);
    expect(bound?.origins.noiseScale?.source).toBe('comment');
    expect(originText(bound?.origins.noiseScale)?.text).toBe('comment in file');
  });

  it('the editor setting reads "setting" and says it covers every config; none at all reads "assumed"', () => {
    const fromSetting = bindConfig('file:///ws/sft.yaml', analyzeText(YAML, 'sft.yaml', { noiseScale: 500, noiseScaleSource: 'setting' }), 0);
    expect(fromSetting?.origins.noiseScale?.source).toBe('setting');
    expect(fromSetting?.origins.noiseScale?.detail).toContain('every config');
    const none = bindConfig('file:///ws/sft.yaml', analyzeText(YAML, 'sft.yaml', {}), 0);
    expect(originText(none?.origins.noiseScale)?.text).toBe('assumed');
  });
});
