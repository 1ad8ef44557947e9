import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type * as vscode from 'vscode';
import { findingLinkMiddleware, findingLines } from '../../extension/finding-links';
import { TRUSTED_COMMANDS } from '../../extension/client';
import { Uri } from '../mocks/vscode';

// client.ts loads vscode-languageclient, which requires the real editor; only its command list is under test.
vi.mock('vscode-languageclient/node', () => ({ LanguageClient: class {}, TransportKind: { ipc: 1 } }));

const ROOT = join(__dirname, '../..');

describe('links of diagnostics and hovers inside VS Code', () => {
  it('points a diagnostic code link at the finding\'s row of the README shipped with the extension', () => {
    const middleware = findingLinkMiddleware(ROOT);
    const web = Uri.parse('https://example.org/README.md#finding-surge-risk');
    const diagnostics = [{ code: { value: 'surge-risk', target: web } }, { code: 'plain' }] as unknown as vscode.Diagnostic[];
    let passed: vscode.Diagnostic[] = [];
    middleware.handleDiagnostics?.(Uri.file('/x.yaml') as unknown as vscode.Uri, diagnostics, (_uri, d) => (passed = d));
    const target = (passed[0].code as { target: Uri }).target;
    expect(target.path).toBe(join(ROOT, 'README.md'));
    const line = Number(/^L(\d+)$/.exec(target.fragment)?.[1]);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n')[line - 1]).toContain('<a id="finding-surge-risk">');
    expect(passed[1].code).toBe('plain');
  });

  it('finds every finding anchor of the README', () => {
    const lines = findingLines(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(lines.size).toBeGreaterThan(10);
    expect(lines.has('finding-pyyaml-exponent-string')).toBe(true);
  });

  it('lets hover links open the science reference', () => {
    expect(TRUSTED_COMMANDS).toContain('optlens.openScienceReference');
  });
});
