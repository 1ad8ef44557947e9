/**
 * A run length written in another unit, on its hover: the steps it makes, marked derived, where the file gives the
 * tokens per step; that its length in steps is unknown, and why, where it does not. A value read through an
 * interpolation says so.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/analyze';
import type { AnalysedDocument } from '../../server/documents';
import { hoverAt } from '../../server/features/hover';
import { visibleText } from '../../server/features/markdown';
import { DEFAULT_SETTINGS } from '../../server/settings';

function hoverOn(text: string, name: string, at: string): string {
  const analysis = analyzeText(text, name, DEFAULT_SETTINGS.analysis);
  const uri = `file:///w/${name}`;
  const d: AnalysedDocument = { uri, version: 1, snapshot: TextDocument.create(uri, 'plaintext', 1, text), analysis,
    settings: DEFAULT_SETTINGS };
  const offset = text.indexOf(at);
  expect(offset, at).toBeGreaterThanOrEqual(0);
  const hover = hoverAt(d, d.snapshot.positionAt(offset));
  expect(hover, at).not.toBeNull();
  return visibleText((hover?.contents as { value: string }).value).replace(/\s+/g, ' ');
}

const LITGPT = (seq: string): string => ['model_name: tiny-llama-1.1b', 'out_dir: out', 'train:',
  '  global_batch_size: 512', '  micro_batch_size: 4', '  lr_warmup_steps: 2000', '  max_tokens: 3000000000000',
  seq, 'optimizer:', '  class_path: torch.optim.AdamW', '  init_args:', '    lr: 4.0e-4', '    weight_decay: 0.1',
  ''].join('\n');

describe('a run length in another unit, on its hover', () => {
  it('tokens with the tokens per step known: the steps, derived', () => {
    const text = hoverOn(LITGPT('  max_seq_length: 2048'), 'tinyllama.yaml', '3000000000000');
    expect(text).toContain('The run is written in tokens');
    expect(text).toContain('≈ 2.9M optimizer steps (derived)');
  });
  it('tokens without the sequence length: unknown, and what it needs', () => {
    const text = hoverOn(LITGPT(''), 'tinyllama.yaml', '3000000000000');
    expect(text).toContain('its length in optimizer steps is unknown without the tokens each step takes');
  });
  it('an interpolated value names the reference it was read through', () => {
    const yaml = 'variables:\n  lr: 3.0e-4\noptimizer:\n  name: decoupled_adamw\n  lr: ${variables.lr}\n' +
      'global_train_batch_size: 64\ndevice_train_microbatch_size: 8\nmax_duration: 100ba\n';
    expect(hoverOn(yaml, 'mpt.yaml', '3.0e-4')).toContain('${variables.lr}');
  });
});
