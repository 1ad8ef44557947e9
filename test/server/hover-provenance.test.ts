/**
 * How each value was found, on its hover: as its framework reads it (certain, or likely when the framework is a
 * guess), by its name alone (likely or a guess, with the reason), or a default with its source; on the optimizer's
 * name, the framework with its evidence and the defaults the prediction assumed.
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/analyze';
import type { AnalysedDocument } from '../../server/documents';
import { hoverAt } from '../../server/features/hover';
import { visibleText } from '../../server/features/markdown';
import { DEFAULT_SETTINGS } from '../../server/settings';

function doc(text: string, name: string): AnalysedDocument {
  const analysis = analyzeText(text, name, DEFAULT_SETTINGS.analysis);
  const uri = `file:///w/${name}`;
  return { uri, version: 1, snapshot: TextDocument.create(uri, 'plaintext', 1, text), analysis, settings: DEFAULT_SETTINGS };
}

/** The hover's visible text on the first occurrence of `at`, flattened to one line. */
function hoverOn(d: AnalysedDocument, at: string): string {
  const offset = d.snapshot.getText().indexOf(at);
  expect(offset, at).toBeGreaterThanOrEqual(0);
  const hover = hoverAt(d, d.snapshot.positionAt(offset));
  expect(hover, at).not.toBeNull();
  return visibleText((hover?.contents as { value: string }).value).replace(/\s+/g, ' ');
}

const LLAMAFACTORY = 'stage: sft\nfinetuning_type: lora\ncutoff_len: 1024\ntemplate: llama3\noptim: adamw_torch\n'
  + 'learning_rate: 1.0e-4\nadam_beta2: 0.95\nper_device_train_batch_size: 2\n';
const BY_NAMES = 'optimizer:\n  name: adamw\n  learning_rate: 3.0e-4\n  adam_b2: 0.95\n';

describe('how a value was found, on its hover', () => {
  it('a framework table\'s key: the framework and certain', () => {
    const text = hoverOn(doc(LLAMAFACTORY, 'sft.yaml'), 'adam_beta2');
    expect(text).toContain('β2 = `0.95`, written as `adam_beta2: 0.95` on line 7. LLaMA-Factory key, certain.');
  });

  it('a value read by its name alone: the reason and how sure', () => {
    const text = hoverOn(doc(BY_NAMES, 'run.yaml'), 'adam_b2');
    expect(text).toContain('Read by its name: `adam_b2` names β2 inside an optimizer block or call '
      + '(likely; no framework table spells it).');
    expect(hoverOn(doc(BY_NAMES, 'run.yaml'), 'learning_rate')).toContain('Read by its name (likely; no framework recognised).');
  });

  it('a framework guessed from the file name makes its keys likely, and says why', () => {
    const d = doc('{"optimizer": {"type": "AdamW", "params": {"lr": 1e-4}}}\n', 'ds_config.json');
    expect(hoverOn(d, '1e-4')).toContain('DeepSpeed key, likely (the framework is a guess).');
    expect(hoverOn(d, 'AdamW')).toContain('A guess: DeepSpeed, from the file name.');
  });
});

describe('the optimizer\'s name: the framework, its evidence, the defaults', () => {
  it('names the framework with the keys that decided, and the framework\'s defaults with their source', () => {
    const text = hoverOn(doc(LLAMAFACTORY, 'sft.yaml'), 'adamw_torch');
    expect(text).toContain('Looks like LLaMA-Factory (keys: `stage`, `finetuning_type`, `cutoff_len`).');
    expect(text).toContain('Not in the file (framework defaults or derived): β1 `0.9`');
    expect(text).not.toContain('Assumed');
  });

  it('without a framework: values read by their names, and the family defaults the prediction assumed', () => {
    const text = hoverOn(doc(BY_NAMES, 'run.yaml'), 'adamw');
    expect(text).toContain('No framework recognised: each value is read by what its name means.');
    expect(text).toContain('Assumed, as neither the file nor a framework table gives them: β1 `0.9`, ε `1e-8`, '
      + 'weight decay λ `0.01`, from torch.optim.AdamW defaults (PyTorch docs).');
  });
});
