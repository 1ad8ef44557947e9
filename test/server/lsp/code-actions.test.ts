import { CodeActionRequest, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it } from 'vitest';
import { AXOLOTL, AXOLOTL_URI } from './fixtures';
import { FULL_CAPABILITIES, startTestClient, type TestClient } from './harness';

async function actionsFor(client: TestClient, diagnostic: Diagnostic): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: AXOLOTL_URI }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
  });
  return (result ?? []) as CodeAction[];
}

function editsOf(edit: WorkspaceEdit | undefined): TextEdit[] {
  if (edit?.documentChanges) return (edit.documentChanges as TextDocumentEdit[]).flatMap((c) => c.edits as TextEdit[]);
  return Object.values(edit?.changes ?? {}).flat();
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(AXOLOTL_URI, 'yaml', 1, text), edits);
}

describe('quick fixes', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('set β1 to the largest value without Surge, editing only that literal, as a versioned edit', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL, 7);
    const surge = (await client.diagnostics(AXOLOTL_URI)).find((d) => d.code === 'surge-risk')!;
    const actions = await actionsFor(client, surge);
    const beta = actions.find((a) => a.title.startsWith('Set β1'))!;
    expect(beta.kind).toBe('quickfix');
    expect(beta.isPreferred).toBe(true);
    expect(beta.diagnostics).toEqual([surge]);
    expect((beta.edit?.documentChanges?.[0] as TextDocumentEdit).textDocument).toEqual(
      { uri: AXOLOTL_URI, version: 7 });
    expect(apply(AXOLOTL, editsOf(beta.edit))).toBe(AXOLOTL.replace('adam_beta1: 0.9', 'adam_beta1: 0.71'));
  });

  it('use plain `changes` for a client without versioned edits', async () => {
    client = await startTestClient(
      { capabilities: { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: {} } } });
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const surge = (await client.diagnostics(AXOLOTL_URI)).find((d) => d.code === 'surge-risk')!;
    const beta = (await actionsFor(client, surge)).find((a) => a.title.startsWith('Set β1'))!;
    expect(beta.edit?.documentChanges).toBeUndefined();
    expect(Object.keys(beta.edit?.changes ?? {})).toEqual([AXOLOTL_URI]);
  });

  it('rewrite a PyYAML-trap exponent with a dot, and nothing else', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('adam_epsilon: 1.0e-8', 'adam_epsilon: 1e-8');
    client.open(AXOLOTL_URI, 'yaml', text);
    const trap = (await client.diagnostics(AXOLOTL_URI)).find((d) => d.code === 'pyyaml-exponent-string');
    expect(trap).toBeDefined();
    const [fix] = await actionsFor(client, trap!);
    expect(apply(text, editsOf(fix.edit))).toBe(AXOLOTL);
  });

  it('rename a key the framework ignores to the one it reads', async () => {
    client = await startTestClient();
    const text = AXOLOTL.replace('adam_epsilon: 1.0e-8', 'adam_eps: 1.0e-8');
    client.open(AXOLOTL_URI, 'yaml', text);
    const ignored = (await client.diagnostics(AXOLOTL_URI)).find((d) => d.code === 'ignored-key')!;
    const [fix] = await actionsFor(client, ignored);
    expect(fix.title).toBe('Rename to adam_epsilon');
    expect(apply(text, editsOf(fix.edit))).toBe(AXOLOTL);
  });

  it('switch coupled-L2 Adam to AdamW, editing only the class name', async () => {
    client = await startTestClient();
    const uri = 'file:///workspace/train.py';
    const text = 'import torch\nopt = torch.optim.Adam(model.parameters(), lr=3e-4, weight_decay=0.1)\n';
    client.open(uri, 'python', text);
    const coupled = (await client.diagnostics(uri)).find((d) => d.code === 'coupled-l2-weight-decay')!;
    const result = (await client.connection.sendRequest(
      CodeActionRequest.type, { textDocument: { uri }, range: coupled.range,
        context: { diagnostics: [coupled] } })) as CodeAction[];
    expect(apply(text, editsOf(result[0].edit))).toBe(text.replace('torch.optim.Adam(', 'torch.optim.AdamW('));
  });

  it('still find the fix for a diagnostic from an older version', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL, 1);
    const surge = (await client.diagnostics(AXOLOTL_URI)).find((d) => d.code === 'surge-risk')!;
    // A new comment line above shifts every offset; the old diagnostic's data is stale.
    client.change(AXOLOTL_URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# comment\n' }]);
    const shifted = (await client.diagnostics(AXOLOTL_URI, (p) => p.version === 2)).find((d) => d.code === 'surge-risk')!;
    const stale = { ...surge, range: shifted.range };
    const beta = (await actionsFor(client, stale)).find((a) => a.title.startsWith('Set β1'))!;
    expect(apply(`# comment\n${AXOLOTL}`, editsOf(beta.edit))).toBe(`# comment\n${AXOLOTL.replace('adam_beta1: 0.9', 'adam_beta1: 0.71')}`);
  });

  it('offer the fixes under the cursor when the client sends no diagnostics', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const surge = (await client.diagnostics(AXOLOTL_URI)).find((d) => d.code === 'surge-risk')!;
    const result = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: AXOLOTL_URI }, range: surge.range, context: { diagnostics: [] },
    })) as CodeAction[];
    expect(result.map((a) => a.title)).toContain('Set β1 0.9 → 0.71, the largest without Surge at this batch (costs: momentum averages ~3.4 steps instead of ~10, update RMS 0.229 → 0.412)');
  });
});
