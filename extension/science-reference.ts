/**
 * "optlens.openScienceReference" `{ section: "2.4" }`: opens the science reference bundled in the extension
 * (docs/science.md) in VS Code's Markdown preview, scrolled to that section's heading. Hover links, the report
 * page's citations and diagnostics run it. Without the built-in Markdown extension it opens the text at the
 * heading instead.
 */
import * as vscode from 'vscode';
import { OPEN_SCIENCE_REFERENCE, SCIENCE_REFERENCE_PATH, resolveSectionHeading, sectionArgument } from '../core/science-reference';

export async function openScienceReference(extensionUri: vscode.Uri, section: string | null): Promise<void> {
  const uri = vscode.Uri.joinPath(extensionUri, SCIENCE_REFERENCE_PATH);
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const heading = section === null ? null : resolveSectionHeading(text, section);
  if (section !== null && (heading === null || !heading.exact)) {
    const where = heading ? `at ${heading.text}` : 'at the top';
    void vscode.window.showInformationMessage(`The science reference has no heading for §${section}; it opens ${where}.`);
  }
  try {
    // The preview scrolls to the element whose id is the URI's fragment: the heading's slug.
    await vscode.commands.executeCommand('markdown.showPreviewToSide', heading ? uri.with({ fragment: heading.slug }) : uri);
  } catch {
    const line = heading?.line ?? 0;
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(
      document, { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside });
  }
}

export function registerScienceReference(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(
    OPEN_SCIENCE_REFERENCE, (...args: unknown[]) => openScienceReference(extensionUri, sectionArgument(args)));
}
