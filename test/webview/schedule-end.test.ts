/**
 * The playground's schedule label: the bound file's floor crosses to the page (bindConfig, validated like every
 * host message) and the label under the schedule control says the hover's words for the input the charts use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateHostToPlayground } from '../../core/webview-messages-validate';
import type { BoundConfig } from '../../core/webview-messages';
import { bindConfig } from '../../extension/panel/bind';
import { analyzeText } from '../../server/analyze';
import { scheduleEndText } from '../../webview/controls';
import { predictionInputOf } from '../../webview/params';

const MEGATRON = 'corpus/megatron-lm/train_gpt3_175b_distributed.sh';
const text = readFileSync(join(__dirname, '../fixtures', MEGATRON), 'utf8');

/** The binding as the page receives it: through the host-to-playground validation. */
function received(): BoundConfig {
  const config = bindConfig('file:///w/run.sh', analyzeText(text, MEGATRON, {}), 0);
  const message = validateHostToPlayground({ type: 'bind', config });
  if (message?.type !== 'bind' || !message.config) throw new Error('the binding was refused');
  return message.config;
}

describe('the schedule control says where the decay ends', () => {
  it('the file\'s floor, with its key, literal and line, as the hover says it', () => {
    const bound = received();
    expect(bound.scheduleFloor).toEqual({ kind: 'lr',
      value: { value: 6e-6, raw: '6.0e-6', key: '--min-lr', line: 50, span: null, source: 'written' } });
    expect(scheduleEndText(predictionInputOf(bound.params), bound))
      .toBe('Ends: cosine decay to 10% of the peak lr (`--min-lr` `6.0e-6`, line 50)');
  });

  it('follows the schedule control: a constant lr has no floor, and nothing is said without a bound file', () => {
    const bound = received();
    expect(scheduleEndText(predictionInputOf({ ...bound.params, schedule: 'constant' }), bound)).toBeNull();
    expect(scheduleEndText(predictionInputOf(bound.params), null)).toBeNull();
  });

  it('a floor carrying anything but what the label reads is refused at the page\'s door', () => {
    const config = bindConfig('file:///w/run.sh', analyzeText(text, MEGATRON, {}), 0)!;
    const floor = config.scheduleFloor!;
    const tampered = { ...config, scheduleFloor: { ...floor, value: { ...floor.value, span: { start: 0, end: 1 } } } };
    expect(validateHostToPlayground({ type: 'bind', config: tampered })).toBeNull();
    expect(validateHostToPlayground({ type: 'bind', config: { ...config, scheduleFloor: { ...floor, kind: 'x' } } }))
      .toBeNull();
  });
});
