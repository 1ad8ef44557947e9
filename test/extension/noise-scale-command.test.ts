import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationTarget, Uri, mock, resetMock, workspace } from '../mocks/vscode';
import { estimateNoiseScaleFromLog } from '../../extension/noise-scale-command';

/** E|G_B|² = |G|² + tr(Σ)/B (science.md §4): with |G|² = 1 and tr(Σ) = 2000, B_simple is exactly 2000. */
function exactLog(): string {
  const rows = ['step,batch_size,grad_norm_sq'];
  for (let step = 1; step <= 5; step++) rows.push(`${step},32,${1 + 2000 / 32}`, `${step},256,${1 + 2000 / 256}`);
  return rows.join('\n');
}

function putFile(path: string, text: string): Uri {
  const uri = Uri.file(path);
  mock.files.set(uri.toString(), new TextEncoder().encode(text));
  return uri;
}

describe('Estimate Noise Scale from a Log', () => {
  beforeEach(() => {
    resetMock();
    workspace.workspaceFolders = undefined;
  });

  it('writes B_simple into optlens.noiseScale and says where it came from', async () => {
    mock.openDialogAnswers.push([putFile('/logs/norms.csv', exactLog())]);
    workspace.workspaceFolders = [{ uri: Uri.file('/ws') }];
    const value = await estimateNoiseScaleFromLog();
    expect(value).toBeCloseTo(2000, 6);
    expect(mock.configurationUpdates).toHaveLength(1);
    expect(mock.configurationUpdates[0]?.key).toBe('optlens.noiseScale');
    expect(mock.configurationUpdates[0]?.value as number).toBeCloseTo(2000, 6);
    expect(mock.configurationUpdates[0]?.target).toBe(ConfigurationTarget.Workspace);
    expect(mock.messages.at(-1)?.text).toMatch(/B_simple ≈ 2000 from 5 steps at batch sizes 32 and 256/);
  });

  it('saves to the user settings when no folder is open', async () => {
    mock.openDialogAnswers.push([putFile('/logs/norms.csv', exactLog())]);
    await estimateNoiseScaleFromLog();
    expect(mock.configurationUpdates[0]?.target).toBe(ConfigurationTarget.Global);
  });

  it('does nothing when the dialog is cancelled', async () => {
    mock.openDialogAnswers.push(undefined);
    expect(await estimateNoiseScaleFromLog()).toBeNull();
    expect(mock.configurationUpdates).toHaveLength(0);
    expect(mock.messages).toHaveLength(0);
  });

  it('reports an unreadable log and leaves the setting alone', async () => {
    mock.openDialogAnswers.push([putFile('/logs/bad.csv', 'batch_size,grad_norm\n8,1\n')]);
    expect(await estimateNoiseScaleFromLog()).toBeNull();
    expect(mock.messages).toEqual([{ level: 'error', text: expect.stringContaining('cannot read bad.csv') }]);
    expect(mock.configurationUpdates).toHaveLength(0);
  });

  it('refuses a log whose norms give no positive noise scale', async () => {
    // The big batch's norm is larger: tr(Σ) estimate negative.
    mock.openDialogAnswers.push([putFile('/logs/odd.csv', 'batch_size,grad_norm_sq\n32,1\n256,2\n')]);
    expect(await estimateNoiseScaleFromLog()).toBeNull();
    expect(mock.messages[0]?.level).toBe('error');
    expect(mock.configurationUpdates).toHaveLength(0);
  });
});
