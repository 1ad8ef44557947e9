/**
 * "optlens.openScienceReference" `{ section: "2.4" }`: opens the science reference bundled in the extension
 * (docs/science.md) in VS Code's Markdown preview, scrolled to that section's heading. Hover links and diagnostics
 * run it; the webview pages' citations (the report's and the playground's Source lines) open through
 * `openPageCitation`, which checks the section first. Without the built-in Markdown extension it opens the text at
 * the heading instead.
 */
import * as vscode from 'vscode';
import {
  isReferenceSection, OPEN_SCIENCE_REFERENCE, resolveSectionHeading, SCIENCE_REFERENCE_PATH, sectionArgument,
} from '../core/science-reference';

async function readReference(extensionUri: vscode.Uri): Promise<{ uri: vscode.Uri; text: string }> {
  const uri = vscode.Uri.joinPath(extensionUri, SCIENCE_REFERENCE_PATH);
  return { uri, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
}

export async function openScienceReference(extensionUri: vscode.Uri, section: string | null): Promise<void> {
  await openAt(await readReference(extensionUri), section);
}

/**
 * What a webview page's "open §N.M" runs: the page is untrusted content, so only a section the reference has
 * (`isReferenceSection`) is opened; anything else is dropped. Resolves whether it opened.
 */
export async function openPageCitation(extensionUri: vscode.Uri, section: string): Promise<boolean> {
  const reference = await readReference(extensionUri);
  if (!isReferenceSection(reference.text, section)) return false;
  await openAt(reference, section);
  return true;
}

async function openAt({ uri, text }: { uri: vscode.Uri; text: string }, section: string | null): Promise<void> {
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
