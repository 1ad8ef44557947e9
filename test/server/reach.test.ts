/**
 * Hostile input, class "reach": `optlens/analysis` on a file the editor has not opened reads only regular
 * files inside the workspace folders, after resolving symbolic links, never a FIFO or a device, and never
 * more than its size limit. Each refusal is prompt (a FIFO would block a plain read forever).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DidChangeWorkspaceFoldersNotification } from 'vscode-languageserver-protocol';
import { analyzeCommand } from '../../cli/analyze';
import type { CliIO } from '../../cli/io';
import { AnalysisRequest } from '../../core/protocol';
import { readWorkspaceFile } from '../../server/file-access';
import { FULL_CAPABILITIES, startTestClient, type TestClient } from './lsp/harness';

const CONFIG = 'optimizer:\n  type: AdamW\n  lr: 3.0e-4\n';

function workspace(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'optlens-reach-'));
  const root = join(base, 'workspace');
  const outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(root, 'config.yaml'), CONFIG);
  writeFileSync(join(outside, 'secret.yaml'), CONFIG);
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'link-out.yaml'));
  symlinkSync('/etc/passwd', join(root, 'passwd.yaml'));
  symlinkSync('/dev/zero', join(root, 'zero.yaml'));
  execFileSync('mkfifo', [join(root, 'fifo.yaml')]);
  mkdirSync(join(root, 'dir.yaml'));
  return { root, outside };
}

const uri = (path: string) => pathToFileURL(path).href;

describe('readWorkspaceFile', () => {
  it('reads a regular file inside a workspace folder', async () => {
    const { root } = workspace();
    expect(await readWorkspaceFile(uri(join(root, 'config.yaml')), [root])).toEqual({ text: CONFIG });
  });

  it('refuses files outside the folders, symlink escapes, /etc/passwd, /proc, devices, FIFOs and folders', async () => {
    const { root, outside } = workspace();
    const refusals = {
      outside: uri(join(outside, 'secret.yaml')),
      link: uri(join(root, 'link-out.yaml')),
      passwd: uri(join(root, 'passwd.yaml')),
      etc: uri('/etc/passwd'),
      proc: uri('/proc/self/environ'),
      zero: uri(join(root, 'zero.yaml')),
      fifo: uri(join(root, 'fifo.yaml')),
      dir: uri(join(root, 'dir.yaml')),
      missing: uri(join(root, 'missing.yaml')),
      http: 'https://example.com/config.yaml',
    };
    const reasons: Record<string, string> = {};
    for (const [name, u] of Object.entries(refusals)) {
      const read = await readWorkspaceFile(u, [root]);
      reasons[name] = 'refused' in read ? read.refused : 'READ';
    }
    expect(reasons).toEqual({
      outside: 'the file is outside the workspace folders',
      link: 'the file is outside the workspace folders',
      passwd: 'the file is outside the workspace folders',
      etc: 'the file is outside the workspace folders',
      proc: 'the file is outside the workspace folders',
      zero: 'the file is outside the workspace folders',
      fifo: 'it is not a regular file',
      dir: 'it is not a regular file',
      missing: 'the file does not exist',
      http: 'only files on disk can be read',
    });
  });

  it('refuses a FIFO and /dev/zero even with the whole disk as the workspace', async () => {
    const { root } = workspace();
    expect(await readWorkspaceFile(uri(join(root, 'fifo.yaml')), ['/'])).toEqual({ refused: 'it is not a regular file' });
    expect(await readWorkspaceFile(uri('/dev/zero'), ['/'])).toEqual({ refused: 'it is not a regular file' });
  });

  it('refuses a file over the size limit', async () => {
    const { root } = workspace();
    writeFileSync(join(root, 'big.yaml'), 'x'.repeat(2048));
    expect(await readWorkspaceFile(uri(join(root, 'big.yaml')), [root], 1024)).toEqual({ refused: 'it is larger than 1024 bytes' });
  });
});

describe('optlens/analysis on unopened files', () => {
  let client: TestClient | null = null;
  afterEach(() => {
    client?.dispose();
    client = null;
  });

  it('answers inside the workspace and null for everything the reader refuses', async () => {
    const { root, outside } = workspace();
    client = await startTestClient({ workspaceFolders: [uri(root)] });
    const analysis = await client.connection.sendRequest(AnalysisRequest.type, { uri: uri(join(root, 'config.yaml')) });
    expect(analysis?.optimizers[0]?.hyperparameters.lr?.value).toBe(3e-4);
    for (const path of [join(outside, 'secret.yaml'), join(root, 'link-out.yaml'), '/etc/passwd', join(root, 'fifo.yaml'), join(root, 'zero.yaml')]) {
      expect(await client.connection.sendRequest(AnalysisRequest.type, { uri: uri(path) })).toBeNull();
    }
  });
});

describe('workspace folders that change', () => {
  it('reads inside a folder added later, and no longer inside one removed', async () => {
    const { root } = workspace();
    const other = workspace().root;
    const capabilities = {
      ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, workspaceFolders: true },
    };
    const client = await startTestClient({ workspaceFolders: [uri(root)], capabilities });
    const lrOf = async (path: string) =>
      (await client.connection.sendRequest(AnalysisRequest.type, { uri: uri(path) }))
        ?.optimizers[0]?.hyperparameters.lr?.value ?? null;
    try {
      expect(await lrOf(join(other, 'config.yaml'))).toBeNull();
      const folder = (path: string) => ({ uri: uri(path), name: path });
      await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type,
        { event: { added: [folder(other)], removed: [folder(root)] } });
      expect(await lrOf(join(other, 'config.yaml'))).toBe(3e-4);
      expect(await lrOf(join(root, 'config.yaml'))).toBeNull();
    } finally {
      client.dispose();
    }
  });
});

describe('optlens analyze on hostile paths', () => {
  it('refuses a FIFO and /dev/zero in one line each instead of blocking or reading forever; a BOM file is read', async () => {
    const { root } = workspace();
    writeFileSync(join(root, 'bom.json'), '\uFEFF{"optimizer": {"type": "AdamW", "params": {"lr": 3e-4}}}\n');
    let out = '';
    let err = '';
    const io: CliIO = {
      out: (t) => (out += t), err: (t) => (err += t), isTTY: false, signal: new AbortController().signal,
    };
    const code = await analyzeCommand([join(root, 'fifo.yaml'), '/dev/zero', join(root, 'bom.json')], io);
    expect(err.trim().split('\n')).toEqual([
      `optlens analyze: cannot read ${join(root, 'fifo.yaml')}: it is not a regular file`,
      'optlens analyze: cannot read /dev/zero: it is not a regular file',
    ]);
    expect(out).toContain('AdamW');
    expect(out).not.toMatch(/syntax/i);
    expect(code).not.toBe(0);
  });
});
