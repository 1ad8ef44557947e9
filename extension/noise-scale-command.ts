/**
 * "Estimate Noise Scale from a Log": pick a CSV or JSONL of gradient norms at two batch sizes, estimate
 * B_simple (science.md §4, core/theory/noise-scale), and write it into `optlens.noiseScale`, so that
 * every Surge prediction uses it from then on.
 */
import * as vscode from 'vscode';
import { estimateNoiseScale } from '../core/theory/noise-scale';
import { formatCount, formatNumber } from './format';
import { parseNoiseLog } from './noise-log';

/** The message shown after a successful estimate (exported for the tests). */
export function estimateSummary(bSimple: number, batchSmall: number, batchBig: number, steps: number): string {
  return `OptLens: B_simple ≈ ${formatNumber(bSimple)} from ${formatCount(steps)} steps at batch sizes ${formatCount(batchSmall)} and ${formatCount(batchBig)}; saved to optlens.noiseScale.`;
}

export async function estimateNoiseScaleFromLog(): Promise<number | null> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Estimate B_simple',
    title: 'Gradient norms at two batch sizes (CSV or JSON Lines)',
    filters: { 'Gradient-norm logs': ['csv', 'tsv', 'jsonl', 'ndjson', 'txt'] },
  });
  const uri = picked?.[0];
  if (!uri) return null;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const parsed = parseNoiseLog(text);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`OptLens: cannot read ${uri.path.split('/').pop() ?? 'the log'}: ${parsed.message}.`);
    return null;
  }
  const { batchSmall, batchBig, measurements } = parsed.value;
  const estimate = estimateNoiseScale(measurements, { batchSmall, batchBig });
  if (estimate.bSimple === null || !(estimate.bSimple > 0)) {
    void vscode.window.showErrorMessage(
      'OptLens: the log gives no positive noise scale (the big batch\'s gradient norm is not smaller than the small one\'s on average); log more steps.',
    );
    return null;
  }
  // The workspace's settings when a folder is open (the noise scale belongs to this training setup), else the user's.
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('optlens').update('noiseScale', estimate.bSimple, target);
  void vscode.window.showInformationMessage(estimateSummary(estimate.bSimple, batchSmall, batchBig, estimate.count));
  return estimate.bSimple;
}
