import { describe, expect, it, vi } from 'vitest';
import { onLines } from '../../extension/inlay-hint-mode';

// The real client requires the editor's own 'vscode' module, which only the extension host has.
vi.mock('vscode-languageclient/node', () => ({ InlayHintRequest: { method: 'textDocument/inlayHint' } }));

describe('inlay hint mode activeLine', () => {
  it('keeps only the hints on the cursor lines', () => {
    const hints = [{ position: { line: 2 }, label: 'a' }, { position: { line: 5 }, label: 'b' }, { position: { line: 6 }, label: 'c' }];
    expect(onLines(hints, new Set([5, 6])).map((h) => h.label)).toEqual(['b', 'c']);
    expect(onLines(hints, new Set([0]))).toEqual([]);
  });
});
