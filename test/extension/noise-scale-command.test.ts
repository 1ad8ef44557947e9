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

const CONFIG = Uri.file('/ws/sft/hf-sft.yaml');
const target = { uri: CONFIG.toString(), fileName: 'hf-sft.yaml' };

describe('Estimate Noise Scale from a Log', () => {
  beforeEach(() => {
    resetMock();
    workspace.workspaceFolders = [{ uri: Uri.file('/ws') }];
    mock.documents.set(CONFIG.toString(), { languageId: 'yaml', text: 'learning_rate: 2.0e-5\n' });
    mock.openDialogAnswers.push([putFile('/logs/norms.csv', exactLog())]);
  });

  it('offers this config first, then the folder, then a copy; writes a comment into the config, not a setting', async () => {
    mock.quickPickAnswers.push(0);
    const value = await estimateNoiseScaleFromLog(target);
    expect(value).toBeCloseTo(2000, 6);
    expect(mock.quickPicks[0]?.labels).toEqual(['$(file) Only hf-sft.yaml', '$(folder) Every config in ws', '$(clippy) Copy B_simple = 2000']);
    expect(mock.quickPicks[0]?.title).toContain('from 5 steps of norms.csv');
    expect(mock.configurationUpdates).toHaveLength(0);
    const [edit] = mock.appliedEdits[0]?.edits ?? [];
    expect(edit?.newText).toMatch(/^# optlens: noise-scale=2000 {2}\(B_simple estimated from norms\.csv on \d{4}-\d{2}-\d{2}\)\n$/);
    expect(edit?.range.start).toEqual({ line: 0, character: 0 });
    expect(mock.messages.at(-1)?.text).toMatch(/B_simple ≈ 2000 from 5 steps at batch sizes 32 and 256; written into hf-sft\.yaml \(line 1\)/);
  });

  it('applies to the folder only after a warning that names the risk, at the folder\'s scope', async () => {
    mock.quickPickAnswers.push(1);
    mock.messageAnswers.push('Use for every config in ws');
    await estimateNoiseScaleFromLog(target);
    expect(mock.messages[0]?.level).toBe('warning');
    expect(mock.messages[0]?.text).toContain('for every config in the folder ws');
    const [update] = mock.configurationUpdates;
    expect(mock.configurationUpdates).toHaveLength(1);
    expect(update?.key).toBe('optlens.noiseScale');
    expect(update?.value as number).toBeCloseTo(2000, 6);
    expect(update?.target).toBe(ConfigurationTarget.WorkspaceFolder);
  });

  it('changes nothing when the folder warning is dismissed, or when the pick is dismissed', async () => {
    mock.quickPickAnswers.push(1);
    mock.messageAnswers.push(undefined);
    expect(await estimateNoiseScaleFromLog(target)).toBeNull();
    mock.openDialogAnswers.push([putFile('/logs/norms.csv', exactLog())]);
    mock.quickPickAnswers.push(undefined);
    expect(await estimateNoiseScaleFromLog(target)).toBeNull();
    expect(mock.configurationUpdates).toHaveLength(0);
    expect(mock.appliedEdits).toHaveLength(0);
    expect(mock.messages.at(-1)?.text).toContain('not saved');
  });

  it('without a config: folder or copy only', async () => {
    mock.quickPickAnswers.push(1);
    await estimateNoiseScaleFromLog(null);
    expect(mock.quickPicks[0]?.labels).toHaveLength(2);
    expect(mock.quickPicks[0]?.labels[0]).toMatch(/^\$\(folder\) Every config in /);
    expect(mock.quickPicks[0]?.labels[1]).toBe('$(clippy) Copy B_simple = 2000');
    expect(mock.clipboard).toBe('2000');
  });

  it('does nothing when the dialog is cancelled', async () => {
    resetMock();
    mock.openDialogAnswers.push(undefined);
    expect(await estimateNoiseScaleFromLog(target)).toBeNull();
    expect(mock.configurationUpdates).toHaveLength(0);
    expect(mock.messages).toHaveLength(0);
  });

  it('reports an unreadable log and leaves everything alone', async () => {
    resetMock();
    mock.openDialogAnswers.push([putFile('/logs/bad.csv', 'batch_size,grad_norm\n8,1\n')]);
    expect(await estimateNoiseScaleFromLog(target)).toBeNull();
    expect(mock.messages.map((m) => m.level)).toEqual(['error']);
    expect(mock.messages[0]?.text).toContain('cannot read bad.csv');
    expect(mock.configurationUpdates).toHaveLength(0);
  });

  it('refuses a log whose norms give no positive noise scale', async () => {
    resetMock();
    // The big batch's norm is larger: tr(Σ) estimate negative.
    mock.openDialogAnswers.push([putFile('/logs/odd.csv', 'batch_size,grad_norm_sq\n32,1\n256,2\n')]);
    expect(await estimateNoiseScaleFromLog(target)).toBeNull();
    expect(mock.messages[0]?.level).toBe('error');
    expect(mock.configurationUpdates).toHaveLength(0);
  });
});
