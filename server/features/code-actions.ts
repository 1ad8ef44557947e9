/**
 * Quick fixes: each finding's fixes (computed where the finding is made) as `quickfix` code actions whose
 * edit changes only the literal concerned. A diagnostic from the current version carries its fixes in
 * `data`; one from an older version is matched again against the current analysis by code and range,
 * so a fix never applies stale offsets.
 */
import { type CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic, type ServerCapabilities } from 'vscode-languageserver';
import type { Fix } from '../../core/hyperparams';
import type { AnalysedDocument } from '../documents';
import type { FeatureContext } from './context';
import { isDiagnosticData } from './diagnostics';
import { findingRange, rangesIntersect, workspaceEditFor } from './positions';

const sameRange = (a: Diagnostic['range'], b: Diagnostic['range']) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line &&
    a.end.character === b.end.character;

/** The fixes for one diagnostic the client sent back. */
function fixesFor(analysed: AnalysedDocument, diagnostic: Diagnostic): Fix[] {
  if (diagnostic.source !== 'optlens') return [];
  if (isDiagnosticData(diagnostic.data) && diagnostic.data.version === analysed.version) return diagnostic.data.fixes;
  const finding = analysed.analysis.findings.find(
    (f) => f.code === diagnostic.code && sameRange(findingRange(analysed.snapshot, f), diagnostic.range));
  return finding?.fixes ?? [];
}

export function codeActions(analysed: AnalysedDocument, params: CodeActionParams, versioned: boolean): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
  const pairs: { fix: Fix; diagnostic: Diagnostic | null }[] = [];
  for (const diagnostic of params.context.diagnostics) {
    for (const fix of fixesFor(analysed, diagnostic)) pairs.push({ fix, diagnostic });
  }
  // Clients that send no diagnostics in the context (or asked for a range) still get the fixes under the cursor.
  if (params.context.diagnostics.length === 0) {
    for (const f of analysed.analysis.findings) {
      if (!rangesIntersect(findingRange(analysed.snapshot, f), params.range)) continue;
      for (const fix of f.fixes ?? []) pairs.push({ fix, diagnostic: null });
    }
  }
  return pairs.map(({ fix, diagnostic }) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    ...(fix.isPreferred ? { isPreferred: true } : {}),
    edit: workspaceEditFor(analysed.snapshot, fix.replacements, versioned),
  }));
}

export function registerCodeActions(ctx: FeatureContext): ServerCapabilities {
  ctx.connection.onCodeAction(async (params, token) => {
    const analysed = await ctx.analyses.current(params.textDocument.uri, token);
    return analysed ? codeActions(analysed, params, ctx.client().documentChanges) : null;
  });
  return { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } };
}
