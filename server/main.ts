/**
 * `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (the VS Code extension): the transport
 * is chosen from the command line by vscode-languageserver's `createConnection`. The same bundle, started
 * as a worker thread, analyses every file off the main thread (analysis-worker.ts).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isAnalysisWorker, serveAnalysisJobs, workerAnalyzer } from './analysis-worker';
import { analyzeText } from './analyze';
import { startServer } from './server';

if (isAnalysisWorker()) serveAnalysisJobs(analyzeText);
else startServer(createConnection(ProposedFeatures.all), workerAnalyzer(__filename, analyzeText));
