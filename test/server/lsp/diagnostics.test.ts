import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { AXOLOTL, AXOLOTL_URI, positionOf } from './fixtures';
import { startTestClient, type TestClient } from './harness';

describe('pushed diagnostics', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('carry a stable code, a README link and their fixes', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const diagnostics = await client.diagnostics(AXOLOTL_URI);
    const surge = diagnostics.find((d) => d.code === 'surge-risk');
    expect(surge).toBeDefined();
    expect(surge!.severity).toBe(DiagnosticSeverity.Warning);
    expect(surge!.source).toBe('optlens');
    expect(surge!.codeDescription?.href).toMatch(/README\.md#finding-surge-risk$/);
    // On the accumulation that forms the global batch 64 × 4 (where its inlay hint is), not on the micro-batch alone.
    expect(surge!.range.start).toEqual(positionOf(AXOLOTL, 'gradient_accumulation_steps: 4', 29));
    expect(surge!.message).toContain('Batch size 256 is past the Surge threshold 58.8');
    // Accumulation 4 × 58.8/256 rounds down to 0, so the batch fix lowers the micro batch: 64 × 58.8/256 → 14.
    // Ranked by how little each changes the run (β1, then lr, then batch), each saying what it costs.
    expect((surge!.data as { fixes: { title: string }[] }).fixes.map((f) => f.title)).toEqual([
      'Set β1 0.9 → 0.71, the largest without Surge at this batch (costs: momentum averages ~3.4 steps instead of ~10, update RMS 0.229 → 0.412)',
      'Lower lr 0.001 → 8.21e-4 (×0.821, the optimal lr at this batch relative to its peak; costs nothing if lr was tuned near the peak batch, but the batch stays past Surge)',
      'Lower micro_batch_size 64 → 14, to the Surge threshold (cuts the global batch 4.57×: fewer samples per step, 4.57× more steps for the same data)',
    ]);
  });

  it('follow severity settings, including off', async () => {
    client = await startTestClient({ settings: { diagnostics: { severity: { 'surge-risk': 'error' } } } });
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    expect((await client.diagnostics(AXOLOTL_URI)).find((d) => d.code === 'surge-risk')?.severity).toBe(DiagnosticSeverity.Error);
    client.changeSettings({ diagnostics: { severity: { 'surge-risk': 'off' } } });
    // Resolves only on a push made after the change: every earlier push had the surge-risk error.
    const after = await client.diagnostics(AXOLOTL_URI, (p) => !p.diagnostics.some((d) => d.code === 'surge-risk'));
    expect(after.every((d) => d.code !== 'surge-risk')).toBe(true);
  });

  it('follow incremental edits, one version at a time', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    await client.diagnostics(AXOLOTL_URI, (p) => p.diagnostics.some((d) => d.code === 'surge-risk'));
    const at = positionOf(AXOLOTL, 'micro_batch_size: 64', 18);
    // 64 → 4, then accumulation 4 → 1: B = 4 < 58.8, no Surge.
    client.change(AXOLOTL_URI, 2, [{ range: { start: at, end: { line: at.line, character: at.character + 2 } }, text: '4' }]);
    const acc = positionOf(AXOLOTL, 'gradient_accumulation_steps: 4', 29);
    client.change(AXOLOTL_URI, 3, [{ range: { start: acc, end: { line: acc.line, character: acc.character + 1 } }, text: '1' }]);
    const pushed = await client.diagnostics(AXOLOTL_URI, (p) => p.version === 3);
    expect(pushed.some((d) => d.code === 'surge-risk')).toBe(false);
  });

  it('survive a malformed file: partial results and a clear message', async () => {
    client = await startTestClient();
    const broken = AXOLOTL.replace('lr_scheduler: cosine', 'lr_scheduler: [cosine');
    client.open(AXOLOTL_URI, 'yaml', broken);
    const diagnostics = await client.diagnostics(AXOLOTL_URI);
    const syntax = diagnostics.filter((d) => d.code === 'syntax-error');
    expect(syntax.length).toBeGreaterThan(0);
    expect(syntax[0].severity).toBe(DiagnosticSeverity.Error);
    // The values before the error are still read and predicted from.
    expect(diagnostics.some((d) => d.code === 'surge-risk')).toBe(true);
  });

  it('say so when the framework is not recognised', async () => {
    client = await startTestClient();
    const uri = 'file:///workspace/b/unknown.yaml';
    client.open(uri, 'yaml', 'trainer:\n  lr: 0.001\n  weight_decay: 0.1\n');
    const diagnostics = await client.diagnostics(uri);
    const generic = diagnostics.find((d) => d.code === 'generic-extraction');
    expect(generic?.severity).toBe(DiagnosticSeverity.Hint);
    expect(generic?.message).toContain('did not recognise the framework');
  });

  it('are cleared when the document closes', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    await client.diagnostics(AXOLOTL_URI, (p) => p.diagnostics.length > 0);
    client.close(AXOLOTL_URI);
    expect(await client.diagnostics(AXOLOTL_URI, (p) => p.diagnostics.length === 0)).toEqual([]);
  });
});
