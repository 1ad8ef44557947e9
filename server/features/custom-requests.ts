/**
 * The OptLens requests of core/protocol.ts: `optlens/analysis` (everything known about a document),
 * `optlens/didChangeAnalysis` (pushed after each analysis) and `optlens/applyHyperparameter` (the edit
 * that writes one value, for the playground's two-way binding). A file that is not open is read from
 * disk, so the extension can ask about any config in the workspace, and only there (file-access.ts).
 */
import type { CancellationToken } from 'vscode-languageserver';
import type { FileAnalysis } from '../../core/analysis';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AnalysisRequest,
  ApplyHyperparameterRequest,
  type ApplyHyperparameterResult,
  DidChangeAnalysisNotification,
} from '../../core/protocol';
import { type AnalysedDocument, type Analyzer, fileNameOf } from '../documents';
import { hyperparameterEdit } from '../edits';
import { excerptAnalysis, excerptOptions } from '../analyze';
import { readOpenFile } from '../excerpt/index';
import { openWorkspaceFile, readWorkspaceFile } from '../file-access';
import { readLimitFor } from '../read-limit';
import type { OptLensSettings } from '../settings';
import type { FeatureContext } from './context';
import { workspaceEditFor } from './positions';

/**
 * The analysis of a file on disk (not open in the editor); null when it cannot be read. A file past the read
 * limit is streamed from its handle through the excerpt reader, as `optlens analyze` reads it: its text is never
 * held whole, and only the excerpt goes to the analyzer.
 */
async function analysisOnDisk(
  uri: string, settings: OptLensSettings, analyze: Analyzer, folders: readonly string[],
): Promise<FileAnalysis | null> {
  const opened = await openWorkspaceFile(uri, folders);
  if ('refused' in opened) return null;
  const { handle, size } = opened;
  const fileName = fileNameOf(uri);
  try {
    // No editor language here: the extractor decides the format from the file name and content.
    const read = await readOpenFile(handle, size, fileName, readLimitFor(fileName));
    if ('text' in read) return await analyze(read.text, fileName, settings.analysis, {});
    const { excerpt } = read;
    return excerptAnalysis(excerpt, await analyze(excerpt.text, fileName, settings.analysis, excerptOptions(excerpt)));
  } finally {
    await handle.close();
  }
}

/** A file on disk with its text, for an edit (which needs the text it rewrites); null when it cannot be read. */
async function analyseOnDisk(
  uri: string, settings: OptLensSettings, analyze: Analyzer, folders: readonly string[],
): Promise<AnalysedDocument | null> {
  const read = await readWorkspaceFile(uri, folders);
  if (!('text' in read)) return null;
  const text = read.text;
  // No editor language here: the extractor decides the format from the file name and content.
  const snapshot = TextDocument.create(uri, '', 0, text);
  return { uri, version: 0, snapshot, settings, analysis: await analyze(text, fileNameOf(uri), settings.analysis, {}) };
}

export interface CustomRequestDeps {
  analyze: Analyzer;
  settingsFor(uri: string): Promise<OptLensSettings>;
  /** Paths of the workspace folders: the only places a file that is not open is read from. */
  workspaceFolders(): readonly string[];
}

export function registerCustomRequests(ctx: FeatureContext, deps: CustomRequestDeps): void {
  const analysed = async (uri: string, token: CancellationToken):
    Promise<{ doc: AnalysedDocument; onDisk: boolean } | null> => {
    const open = await ctx.analyses.current(uri, token);
    if (open) return { doc: open, onDisk: false };
    if (token.isCancellationRequested) return null;
    const disk = await analyseOnDisk(uri, await deps.settingsFor(uri), deps.analyze, deps.workspaceFolders());
    return disk ? { doc: disk, onDisk: true } : null;
  };

  ctx.connection.onRequest(AnalysisRequest.type, async (params, token) => {
    const open = await ctx.analyses.current(params.uri, token);
    if (open) return open.analysis;
    if (token.isCancellationRequested) return null;
    return analysisOnDisk(params.uri, await deps.settingsFor(params.uri), deps.analyze, deps.workspaceFolders());
  });

  ctx.connection.onRequest(ApplyHyperparameterRequest.type,
    async (params, token): Promise<ApplyHyperparameterResult> => {
    const found = await analysed(params.uri, token);
    if (!found) return { edit: null, message: `OptLens cannot read ${params.uri}.` };
    const { doc, onDisk } = found;
    const outcome = hyperparameterEdit(
      doc.analysis, doc.snapshot.getText(), params.optimizerIndex, params.name, params.value);
    if ('message' in outcome) return { edit: null, message: outcome.message };
    // A file read from disk has no editor version to check against.
    return { edit: workspaceEditFor(doc.snapshot, outcome.replacements, ctx.client().documentChanges && !onDisk) };
  });
}

export function notifyAnalysis(ctx: FeatureContext, analysed: AnalysedDocument): void {
  void ctx.connection.sendNotification(
    DidChangeAnalysisNotification.type, { uri: analysed.uri, version: analysed.version, analysis: analysed.analysis });
}
