/**
 * Offsets (what extraction reports) to LSP positions and ranges, always against the snapshot the
 * analysis was computed from, and the WorkspaceEdit that carries a set of replacements.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Range, TextDocumentEdit, TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { Finding, Span, TextReplacement } from '../../core/hyperparams';

export function rangeOfSpan(snapshot: TextDocument, span: Span): Range {
  return { start: snapshot.positionAt(span.start), end: snapshot.positionAt(span.end) };
}

/** The range a finding marks: its span, else its whole line, else the file's first character. */
export function findingRange(snapshot: TextDocument, finding: Pick<Finding, 'span' | 'line'>): Range {
  if (finding.span) return rangeOfSpan(snapshot, finding.span);
  if (finding.line !== null && finding.line >= 1) {
    const line = Math.min(finding.line - 1, snapshot.lineCount - 1);
    const start = snapshot.offsetAt({ line, character: 0 });
    const end = line + 1 < snapshot.lineCount ? snapshot.offsetAt({ line: line + 1, character: 0 }) : snapshot.getText(
      ).length;
    const text = snapshot.getText().slice(start, end).replace(/\r?\n$/, '');
    return { start: { line, character: 0 }, end: { line, character: text.length } };
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export function positionInRange(range: Range, line: number, character: number): boolean {
  const afterStart = line > range.start.line || (line === range.start.line && character >= range.start.character);
  const beforeEnd = line < range.end.line || (line === range.end.line && character <= range.end.character);
  return afterStart && beforeEnd;
}

export function rangesIntersect(a: Range, b: Range): boolean {
  return positionInRange(a, b.start.line, b.start.character) || positionInRange(a, b.end.line, b.end.character) ||
    positionInRange(b, a.start.line, a.start.character);
}

/**
 * The edit applying `replacements` to the document version `snapshot` holds. With `versioned` (the client
 * supports `documentChanges`) the client refuses it if the document changed since; otherwise plain `changes`.
 */
export function workspaceEditFor(
  snapshot: TextDocument, replacements: readonly TextReplacement[], versioned: boolean): WorkspaceEdit {
  const edits = replacements.map((r) => TextEdit.replace(rangeOfSpan(snapshot, r.span), r.newText));
  return versioned
    ? { documentChanges: [TextDocumentEdit.create({ uri: snapshot.uri, version: snapshot.version }, edits)] }
    : { changes: { [snapshot.uri]: edits } };
}
