/**
 * A hover's facts never word a number from the default standing in for a value the run sets: the warmup and the
 * Surge threshold say unknown where the run sets them (or the β1 the threshold needs), and the same file with
 * literals still shows the numbers.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { UNKNOWN_AT_RUN_TIME } from '../../core/runtime-value';
import { analyzeText } from '../../server/analyze';
import type { AnalysedDocument } from '../../server/documents';
import { hoverAt } from '../../server/features/hover';
import { visibleText } from '../../server/features/markdown';
import { DEFAULT_SETTINGS } from '../../server/settings';

const config = (beta1: string, warmup: string): string =>
  `optimizer:\n  name: adamw\n  lr: 0.001\n  weight_decay: 0.1\n  betas: [${beta1}, 0.95]\n`
  + `train:\n  global_batch_size: 64\n  max_steps: 1000\n  warmup_steps: ${warmup}\n`;

function hoverText(text: string, at: string): string {
  const uri = 'file:///w/config.yaml';
  const d: AnalysedDocument = { uri, version: 1, snapshot: TextDocument.create(uri, 'yaml', 1, text),
    analysis: analyzeText(text, 'config.yaml', DEFAULT_SETTINGS.analysis), settings: DEFAULT_SETTINGS };
  const hover = hoverAt(d, d.snapshot.positionAt(text.indexOf(at)));
  return visibleText((hover?.contents as { value: string }).value).replace(/\s+/g, ' ');
}

describe('hover facts and a value the run sets', () => {
  it('the run length names no warmup standing in for one the run sets', () => {
    expect(hoverText(config('0.9', '10'), 'max_steps')).toContain('1k optimizer steps, warmup 10, constant schedule');
    expect(hoverText(config('0.9', '"${oc.env:WARMUP}"'), 'max_steps'))
      .toContain(`1k optimizer steps, warmup ${UNKNOWN_AT_RUN_TIME}, constant schedule`);
  });

  it('the batch says the Surge threshold is unknown where the run sets β1, not that this optimizer has no Surge', () => {
    expect(hoverText(config('0.9', '10'), 'global_batch_size')).toContain('Past 0.0588·B_simple a larger batch wants');
    const shown = hoverText(config('"${oc.env:BETA1}"', '10'), 'global_batch_size');
    expect(shown).toContain(`The Surge threshold is ${UNKNOWN_AT_RUN_TIME}: it depends on a value the run sets.`);
    expect(shown).not.toContain('No Surge for this optimizer');
  });
});

describe('the verdict of a value a command sets', () => {
  it('ends before the command it cannot show whole, never inside its quote', () => {
    const command = '$(python ./scripts/learning_rate_at_step.py --run-id $ORIGINAL_RUN_ID --step $START_STEP)';
    const text = `torchrun train.py \\\n  --optimizer.learning_rate=${command} \\\n  --optimizer.weight_decay=0.1\n`;
    const uri = 'file:///w/run.sh';
    const d: AnalysedDocument = { uri, version: 1, snapshot: TextDocument.create(uri, 'shellscript', 1, text),
      analysis: analyzeText(text, 'run.sh', DEFAULT_SETTINGS.analysis), settings: DEFAULT_SETTINGS };
    const markdown = (hoverAt(d, d.snapshot.positionAt(text.indexOf('$(python')))?.contents as { value: string }).value;
    const headline = markdown.split('\n')[0] ?? '';
    expect(headline).toMatch(/^\*\*⚠ Worth a look\*\*: The learning rate η is set when the script runs/);
    expect(headline).toContain('…');
    expect(headline).not.toContain('\\`');
    expect(headline).not.toContain('\\(');
  });
});
