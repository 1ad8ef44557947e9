/**
 * `optlens.inlayHints.mode: activeLine` (Error Lens style): only the cursor's lines keep their hints. Only
 * the editor knows the cursor, so this is the client's part of the setting; `problems` is the server's
 * (server/features/inlay-hints.ts), so that it works in every editor. Hints are re-requested when the cursor
 * moves to another line, and only while the mode is `activeLine`.
 */
import * as vscode from 'vscode';
import type { InlayHintsMiddleware, LanguageClient } from 'vscode-languageclient/node';
import { InlayHintRequest } from 'vscode-languageclient/node';

const modeOf = (document: vscode.TextDocument): string =>
  vscode.workspace.getConfiguration('optlens', document.uri).get<string>('inlayHints.mode', 'all');

/** The lines (0-based) the cursor or selection is on in `document`'s visible editors; null when none shows it. */
function activeLines(document: vscode.TextDocument): Set<number> | null {
  const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === document.uri.toString());
  if (editors.length === 0) return null;
  const lines = new Set<number>();
  for (const editor of editors) {
    for (const selection of editor.selections) for (
      let l = selection.start.line; l <= selection.end.line; l++) lines.add(l);
  }
  return lines;
}

/** Keeps the hints whose position is on one of `lines`. */
export function onLines<T extends { position: { line: number } }>(hints: readonly T[], lines: ReadonlySet<number>): T[
  ] {
  return hints.filter((h) => lines.has(h.position.line));
}

export const inlayHintModeMiddleware: InlayHintsMiddleware = {
  provideInlayHints: async (document, viewPort, token, next) => {
    const hints = await next(document, viewPort, token);
    if (!hints || modeOf(document) !== 'activeLine') return hints;
    const lines = activeLines(document);
    return lines ? onLines(hints, lines) : hints;
  },
};

/** Asks for hints again when the cursor changes line in a document whose mode is `activeLine`. */
export function refreshOnCursorLine(client: LanguageClient): vscode.Disposable {
  const lastLine = new Map<string, number>();
  return vscode.window.onDidChangeTextEditorSelection((event) => {
    const document = event.textEditor.document;
    if (modeOf(document) !== 'activeLine') return;
    const key = document.uri.toString();
    const line = event.selections[0]?.active.line ?? -1;
    if (lastLine.get(key) === line) return;
    lastLine.set(key, line);
    client.getFeature(InlayHintRequest.method).getProvider(document)?.onDidChangeInlayHints.fire();
  });
}
