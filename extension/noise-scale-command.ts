/**
 * "Estimate Noise Scale from a Log": pick a CSV or JSONL of gradient norms at two batch sizes, estimate
 * B_simple (science.md §4, core/theory/noise-scale), and keep it where it belongs. A noise scale is a
 * property of one model and its data, so by default it goes into the config it was measured for, as an
 * `# optlens: noise-scale=…` comment saying where it came from; applying it to a whole folder (the
 * `optlens.noiseScale` setting, which every config there then uses) is offered, and asked about first.
 */
import * as vscode from 'vscode';
import { estimateNoiseScale } from '../core/theory/noise-scale';
import { formatCount, formatNumber } from './format';
import { noiseScaleCommentEdit, noiseScaleLiteral } from './noise-scale-comment';
import { parseNoiseLog } from './noise-log';

/** The message shown after a successful estimate (exported for the tests): the number, what it rests on, where it went.
 * */
export function estimateSummary(
  bSimple: number, batchSmall: number, batchBig: number, steps: number, savedTo: string): string {
  return `OptLens: B_simple ≈ ${formatNumber(bSimple)} from ${formatCount(steps)} steps at batch sizes ${formatCount(batchSmall)} and ` +
    `${formatCount(batchBig)}; ${savedTo}.`;
}

/** The config the estimate is for: the one the command was run from, when OptLens reads it. */
export interface NoiseScaleTarget {
  uri: string;
  fileName: string;
}

type Choice = vscode.QuickPickItem & { run(): Promise<string | null> };

async function writeComment(target: NoiseScaleTarget, value: number, provenance: string): Promise<string | null> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const edit = noiseScaleCommentEdit(document.getText(), document.languageId, value, provenance);
  if (!edit.ok) return null;
  const workspaceEdit = new vscode.WorkspaceEdit();
  const range = new vscode.Range(
    document.positionAt(edit.offset), document.positionAt(edit.offset + edit.deleteLength));
  workspaceEdit.replace(document.uri, range, edit.insert);
  if (!(await vscode.workspace.applyEdit(workspaceEdit))) return null;
  return `written into ${target.fileName} (line ${edit.line}) as a comment; only that config uses it`;
}

async function applyToFolder(folder: vscode.WorkspaceFolder, value: number): Promise<string | null> {
  const confirm = `Use for every config in ${folder.name}`;
  const answer = await vscode.window.showWarningMessage(
    `Set B_simple = ${noiseScaleLiteral(value)} for every config in the folder ${folder.name}?`,
    { modal: true, detail: 'The optlens.noiseScale setting applies to every config in the folder: configs of other models or data would get Surge warnings from a noise scale that is not theirs.' },
    confirm,
  );
  if (answer !== confirm) return null;
  await vscode.workspace.getConfiguration('optlens', folder.uri).update('noiseScale', value, vscode.ConfigurationTarget.WorkspaceFolder);
  return `saved to the optlens.noiseScale setting of the folder ${folder.name}; every config there uses it`;
}

/** The places the estimate can go, the config's own first. */
function choicesFor(target: NoiseScaleTarget | null, value: number, provenance: string): Choice[] {
  const literal = noiseScaleLiteral(value);
  const choices: Choice[] = [];
  if (target) {
    choices.push({
      label: `$(file) Only ${target.fileName}`,
      description: `writes # optlens: noise-scale=${literal} at its top`,
      detail: 'The noise scale belongs to this model and data: only this config uses it. Undo with Ctrl+Z.',
      run: () => writeComment(target, value, provenance),
    });
  }
  const folder = target ? vscode.workspace.getWorkspaceFolder(
    vscode.Uri.parse(target.uri)) : vscode.workspace.workspaceFolders?.[0];
  if (folder) {
    choices.push({
      label: `$(folder) Every config in ${folder.name}`,
      description: 'the optlens.noiseScale setting of the folder',
      detail: 'For a folder of configs of the same model and data. Asks first.',
      run: () => applyToFolder(folder, value),
    });
  }
  choices.push({
    label: `$(clippy) Copy B_simple = ${literal}`,
    description: 'to paste where you choose',
    run: async () => {
      await vscode.env.clipboard.writeText(literal);
      return 'copied to the clipboard';
    },
  });
  return choices;
}

export async function estimateNoiseScaleFromLog(target: NoiseScaleTarget | null): Promise<number | null> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Estimate B_simple',
    title: 'Gradient norms at two batch sizes (CSV or JSON Lines)',
    filters: { 'Gradient-norm logs': ['csv', 'tsv', 'jsonl', 'ndjson', 'txt'] },
  });
  const uri = picked?.[0];
  if (!uri) return null;
  const logName = uri.path.split('/').pop() ?? 'the log';
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const parsed = parseNoiseLog(text);
  if (!parsed.ok) {
    void vscode.window.showErrorMessage(`OptLens: cannot read ${logName}: ${parsed.message}.`);
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
  const bSimple = estimate.bSimple;
  const provenance = `estimated from ${logName} on ${new Date().toISOString().slice(0, 10)}`;
  const choice = await vscode.window.showQuickPick(choicesFor(target, bSimple, provenance), {
    title: `B_simple ≈ ${noiseScaleLiteral(bSimple)} (from ${formatCount(estimate.count)} steps of ${logName}): where should OptLens use it?`,
    placeHolder: target ? `For ${target.fileName} only, or more widely` : 'No config is open: a folder setting, or copy it',
  });
  const savedTo = choice ? await choice.run() : null;
  if (savedTo === null) {
    void vscode.window.showInformationMessage(estimateSummary(bSimple, batchSmall, batchBig, estimate.count, 'not saved'));
    return null;
  }
  void vscode.window.showInformationMessage(estimateSummary(bSimple, batchSmall, batchBig, estimate.count, savedTo));
  return bSimple;
}
