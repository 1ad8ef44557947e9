/**
 * One analysis per document version (compose-language-service's "parse once per version" idea).
 * Edits arrive as a burst of `didChange` notifications; the analysis waits until the messages already
 * received are handled (see `schedule`), so a burst costs one parse of the newest text and the work for
 * superseded versions is never started. Requests wait for the current version's analysis;
 * a request cancelled by the client gets nothing. Every result carries a snapshot of the text it was
 * computed from, so offsets are converted to positions against the right text even after newer edits.
 */
import type { CancellationToken } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import type { AnalysisSettings, FileAnalysis } from '../core/analysis';
import type { AnalyzeOptions } from './analyze';
import { analysisSettingsKey, type OptLensSettings } from './settings';

export interface AnalysedDocument {
  uri: string;
  version: number;
  /** The text the analysis was computed from, for offset ↔ position conversion. */
  snapshot: TextDocument;
  analysis: FileAnalysis;
  settings: OptLensSettings;
}

/** The open documents, as the server's `TextDocuments` holds them. */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
}

/**
 * `analyzeText`, or a stand-in that runs it elsewhere (a worker thread for big files). One that queues work may
 * offer `cancel`: the file was closed, so its queued and running analyses are dropped and their texts released.
 */
export type Analyzer = ((
  text: string, fileName: string, settings: AnalysisSettings, options: AnalyzeOptions,
) => FileAnalysis | Promise<FileAnalysis>) & { cancel?: (fileName: string) => void };

export interface DocumentAnalyses {
  /** The analysis of the document's current version (running it now if it is not ready); null if closed or cancelled.
   * */
  current(uri: string, token?: CancellationToken): Promise<AnalysedDocument | null>;
  /** A document was opened or changed: analyse its newest version soon. */
  schedule(uri: string): void;
  /** Settings changed: re-analyse every open document whose analysis settings differ. */
  rescheduleAll(uris: Iterable<string>): void;
  /** The document was closed: its queued and running analyses are dropped, and none is published for it. */
  forget(uri: string): void;
  /** Called once per completed analysis of a version (not for results served from the cache). */
  onAnalysed(listener: (result: AnalysedDocument) => void): void;
}

/** A file name for the extractor: the path of a `file:` URI, else the URI's last path segment. */
export function fileNameOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      // A malformed file URI still has a usable name below.
    }
  }
  const path = uri.replace(/^[a-z][\w+.-]*:/i, '').split(/[?#]/)[0] ?? uri;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function createDocumentAnalyses(
  documents: OpenDocuments,
  settingsFor: (uri: string) => Promise<OptLensSettings>,
  analyze: Analyzer,
): DocumentAnalyses {
  const done = new Map<string, AnalysedDocument>();
  /** In-flight analysis per document, keyed by the version it is for. */
  const running = new Map<string, { version: number; result: Promise<AnalysedDocument | null> }>();
  const listeners: ((result: AnalysedDocument) => void)[] = [];
  /**
   * Closes per document: an analysis started before a close is dropped even when the document is reopened at the
   * same version number meanwhile (editors restart at 1), since its text may not be the reopened one.
   */
  const closes = new Map<string, number>();

  const fresh = (cached: AnalysedDocument | undefined, doc: TextDocument, key: string): cached is AnalysedDocument =>
    cached !== undefined && cached.version === doc.version && analysisSettingsKey(cached.settings) === key;

  async function analyse(uri: string): Promise<AnalysedDocument | null> {
    const doc = documents.get(uri);
    if (!doc) return null;
    const version = doc.version;
    const closesBefore = closes.get(uri) ?? 0;
    const stillOpen = () => (closes.get(uri) ?? 0) === closesBefore && documents.get(uri)?.version === version;
    const inFlight = running.get(uri);
    if (inFlight && inFlight.version === version) return inFlight.result;
    const result = (async () => {
      const settings = await settingsFor(uri);
      // The settings round trip lets newer edits in: then this version is stale and its parse is skipped.
      const now = documents.get(uri);
      if (!now || !stillOpen()) return null;
      const cached = done.get(uri);
      if (fresh(cached, now, analysisSettingsKey(settings))) {
        // Same analysis input: no parse, but the hint and severity settings may have changed, so tell the listeners.
        if (cached.settings === settings) return cached;
        const updated = { ...cached, settings };
        done.set(uri, updated);
        for (const listener of listeners) listener(updated);
        return updated;
      }
      const text = now.getText();
      const snapshot = TextDocument.create(uri, now.languageId, version, text);
      const analysis = await analyze(text, fileNameOf(uri), settings.analysis, { languageId: now.languageId });
      // Analysed off the main thread, a newer version may have arrived meanwhile: that one is analysed next.
      if (!stillOpen()) return null;
      const analysed: AnalysedDocument = { uri, version, snapshot, analysis, settings };
      done.set(uri, analysed);
      for (const listener of listeners) listener(analysed);
      return analysed;
    })();
    running.set(uri, { version, result });
    try {
      return await result;
    } finally {
      if (running.get(uri)?.result === result) running.delete(uri);
    }
  }

  /**
   * The version each scheduled document had at the last look, and whether it has already held still for
   * one turn. vscode-jsonrpc handles one message per `setImmediate`, so a change waits until a turn passes
   * with no newer version: a burst of edits already received is parsed once, at its newest version.
   */
  const scheduled = new Map<string, { version: number; still: boolean }>();

  function schedule(uri: string): void {
    const doc = documents.get(uri);
    if (!doc || scheduled.has(uri)) return;
    scheduled.set(uri, { version: doc.version, still: false });
    const look = () =>
      setImmediate(() => {
        const state = scheduled.get(uri);
        const now = documents.get(uri);
        if (!state || !now) return void scheduled.delete(uri);
        if (now.version !== state.version || !state.still) {
          scheduled.set(uri, { version: now.version, still: now.version === state.version });
          return void look();
        }
        scheduled.delete(uri);
        void analyse(uri);
      });
    look();
  }

  return {
    async current(uri, token) {
      for (;;) {
        if (token?.isCancellationRequested) return null;
        const doc = documents.get(uri);
        if (!doc) return null;
        const settings = await settingsFor(uri);
        const cached = done.get(uri);
        if (fresh(cached, doc, analysisSettingsKey(settings))) return cached.settings === settings ? cached : {
          ...cached, settings };
        const result = await analyse(uri);
        // null here means a newer version arrived meanwhile: answer for that one instead.
        if (result || token?.isCancellationRequested || !documents.get(uri)) return result;
      }
    },
    schedule,
    rescheduleAll(uris) {
      for (const uri of uris) schedule(uri);
    },
    forget(uri) {
      closes.set(uri, (closes.get(uri) ?? 0) + 1);
      analyze.cancel?.(fileNameOf(uri));
      done.delete(uri);
      scheduled.delete(uri);
      running.delete(uri);
    },
    onAnalysed(listener) {
      listeners.push(listener);
    },
  };
}
