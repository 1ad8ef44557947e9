/**
 * `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (the VS Code extension): the transport
 * is chosen from the command line by vscode-languageserver's `createConnection`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
