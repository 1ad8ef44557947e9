/**
 * The bundled server on both transports an editor uses: `--node-ipc` (the VS Code extension's
 * TransportKind.ipc) and `--stdio` (every other client). Needs `node scripts/build.mjs` (run by `npm ci`).
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  type MessageReader,
  type MessageWriter,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { afterEach, describe, expect, it } from 'vitest';
import { AXOLOTL, AXOLOTL_URI } from './fixtures';

const SERVER = resolve(__dirname, '../../../dist/server.js');

async function roundTrip(child: ChildProcess, reader: MessageReader, writer: MessageWriter):
  Promise<{ name?: string; diagnostics: PublishDiagnosticsParams }> {
  const connection = createProtocolConnection(reader, writer);
  const pushed = new Promise<PublishDiagnosticsParams>(
    (done) => connection.onNotification(PublishDiagnosticsNotification.type, done));
  connection.listen();
  const init = await connection.sendRequest(
    InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: AXOLOTL_URI, languageId: 'yaml', version: 1, text: AXOLOTL } });
  const diagnostics = await pushed;
  await connection.sendRequest(ShutdownRequest.type);
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  await connection.sendNotification(ExitNotification.type);
  // After shutdown, exit ends the process with code 0 (LSP: 1 without a shutdown first).
  expect(await exited).toBe(0);
  connection.dispose();
  return { name: init.serverInfo?.name, diagnostics };
}

describe('dist/server.js transports', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill();
  });

  it('serves over node IPC', async () => {
    expect(existsSync(SERVER), 'dist/server.js is missing: run `node scripts/build.mjs`').toBe(true);
    child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const { name, diagnostics } = await roundTrip(child, new IPCMessageReader(child), new IPCMessageWriter(child));
    expect(name).toBe('OptLens');
    expect(diagnostics.diagnostics.map((d) => d.code)).toContain('surge-risk');
  });

  it('serves over stdio', async () => {
    child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const { diagnostics } = await roundTrip(
      child, new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    expect(diagnostics.uri).toBe(AXOLOTL_URI);
    expect(diagnostics.diagnostics.map((d) => d.code)).toContain('surge-risk');
  });
});
