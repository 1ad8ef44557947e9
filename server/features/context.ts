/**
 * What every feature module gets: the connection, the per-version analyses, and what the client said
 * it supports (known only after `initialize`, hence a function).
 */
import type { Connection } from 'vscode-languageserver';
import type { DocumentAnalyses } from '../documents';

export interface ClientFacts {
  /** `workspace.workspaceEdit.documentChanges`: versioned edits. */
  documentChanges: boolean;
  /** `workspace/inlayHint/refresh`. */
  inlayHintRefresh: boolean;
  /** `workspace/codeLens/refresh`. */
  codeLensRefresh: boolean;
  /** `workspace/configuration`. */
  configuration: boolean;
}

export interface FeatureContext {
  connection: Connection;
  analyses: DocumentAnalyses;
  client: () => ClientFacts;
}
