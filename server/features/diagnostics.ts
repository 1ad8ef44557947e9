/**
 * Pushed diagnostics (every client supports push; Neovim 0.7 has no pull): the extractor's findings and
 * the prediction findings, each with a stable `code`, a link to its row in the README's diagnostics
 * table, and `data` carrying its fixes for the code-action provider. Severities follow
 * `optlens.diagnostics.severity`, where a code can also be switched off.
 */
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../../core/hyperparams';
import type { AnalysedDocument } from '../documents';
import type { FeatureContext } from './context';
import { findingRange } from './positions';

/** The README row of each finding code (the README has an anchor `finding-CODE` per row). */
export const DIAGNOSTICS_DOC = 'https://github.com/optlens/optlens/blob/main/README.md';

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for its quick fixes: valid only for the document version it was made from. */
export interface DiagnosticData {
  version: number;
  fixes: Fix[];
}

export function isDiagnosticData(data: unknown): data is DiagnosticData {
  return typeof data === 'object' && data !== null && typeof (data as DiagnosticData).version === 'number' && Array.isArray((data as DiagnosticData).fixes);
}

export function toDiagnostic(analysed: AnalysedDocument, finding: Finding): Diagnostic | null {
  const configured = analysed.settings.severities[finding.code];
  if (configured === 'off') return null;
  const data: DiagnosticData = { version: analysed.version, fixes: finding.fixes ?? [] };
  return {
    range: findingRange(analysed.snapshot, finding),
    severity: SEVERITIES[configured ?? finding.severity],
    code: finding.code,
    codeDescription: { href: `${DIAGNOSTICS_DOC}#finding-${finding.code}` },
    source: 'optlens',
    message: finding.message,
    data,
  };
}

export function diagnosticsOf(analysed: AnalysedDocument): Diagnostic[] {
  return analysed.analysis.findings.map((f) => toDiagnostic(analysed, f)).filter((d): d is Diagnostic => d !== null);
}

export function publishDiagnostics(ctx: FeatureContext, analysed: AnalysedDocument): void {
  void ctx.connection.sendDiagnostics(
    { uri: analysed.uri, version: analysed.version, diagnostics: diagnosticsOf(analysed) });
}

export function clearDiagnostics(ctx: FeatureContext, uri: string): void {
  void ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
}
