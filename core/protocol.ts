/**
 * The custom LSP messages between the OptLens server and its clients (the extension, the CLI's tests,
 * any editor). One constant per method, vscode-eslint style, so both sides share the literal.
 * The webview's own messages are in `webview-messages.ts`.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { FileAnalysis } from './analysis';
import type { HyperparameterName } from './hyperparams';

/** Bumped on any incompatible change; the server reports it in `initialize`'s `serverInfo.version` suffix. */
export const PROTOCOL_VERSION = 1;

export interface AnalysisParams {
  uri: string;
}
export type AnalysisResult = FileAnalysis | null;
export namespace AnalysisRequest {
  export const method = 'optlens/analysis' as const;
  export const type = new RequestType<AnalysisParams, AnalysisResult, void>(method);
}

export interface DidChangeAnalysisParams {
  uri: string;
  version: number;
  analysis: FileAnalysis;
}
export namespace DidChangeAnalysisNotification {
  export const method = 'optlens/didChangeAnalysis' as const;
  export const type = new NotificationType<DidChangeAnalysisParams>(method);
}

export interface ApplyHyperparameterParams {
  uri: string;
  /** Index into the analysis' `optimizers`. */
  optimizerIndex: number;
  name: HyperparameterName;
  value: number | string;
}
export interface ApplyHyperparameterResult {
  /** The edit that changes only the literal concerned (or inserts the key where the file is silent); null if
   * impossible. */
  edit: WorkspaceEdit | null;
  /** Why there is no edit, in plain words. */
  message?: string;
}
export namespace ApplyHyperparameterRequest {
  export const method = 'optlens/applyHyperparameter' as const;
  export const type = new RequestType<ApplyHyperparameterParams, ApplyHyperparameterResult, void>(method);
}

/** Commands the server's code lenses and hovers invoke; the extension registers them. */
export const ClientCommands = {
  simulate: 'optlens.simulate',
  openPlayground: 'optlens.openPlayground',
  sweepBatchSize: 'optlens.sweepBatchSize',
  analyze: 'optlens.analyze',
  /** Opens docs/science.md at a section's heading (core/science-reference.ts); argument `{ section: '2.4' }`. */
  openScienceReference: 'optlens.openScienceReference',
} as const;
