/**
 * Reading a config the editor has not opened (`optlens/analysis` on a workspace file): only a regular file
 * inside one of the workspace folders, after resolving symbolic links (a link inside the workspace that
 * points at `/etc/passwd` is outside), never a FIFO or a device (a FIFO never answers, `/dev/zero` never
 * ends), and never more than MAX_FILE_BYTES. The file is opened non-blocking and checked on the open
 * handle, so it cannot be swapped for a FIFO between the check and the read.
 */
import { constants } from 'node:fs';
import { type FileHandle, open, realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Largest file read from disk: far above any real config (the largest in test/fixtures is ~40 KB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type FileRead = { text: string } | { refused: string };

const sizeText = (bytes: number) => (bytes >= 1 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${bytes} bytes`);

/** True when `path` is `folder` or inside it (both already resolved). */
function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The folders' real paths (a folder that no longer exists is skipped). */
async function realFolders(folders: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const folder of folders) {
    try {
      out.push(await realpath(folder));
    } catch {
      // A removed workspace folder contains nothing.
    }
  }
  return out;
}

/** The real path of the `file:` URI `uri` if it lies inside one of `folders` (paths), else why not. */
async function workspacePath(uri: string, folders: readonly string[]): Promise<{ path: string } | { refused: string }> {
  if (!uri.startsWith('file:')) return { refused: 'only files on disk can be read' };
  let path: string;
  try {
    path = await realpath(fileURLToPath(uri));
  } catch {
    return { refused: 'the file does not exist' };
  }
  const roots = await realFolders(folders);
  if (!roots.some((root) => inside(root, path))) return { refused: 'the file is outside the workspace folders' };
  return { path };
}

/** Reads the `file:` URI `uri` if it is a regular file inside one of `folders` (paths), else says why not. */
export async function readWorkspaceFile(
  uri: string, folders: readonly string[], maxBytes = MAX_FILE_BYTES,
): Promise<FileRead> {
  const found = await workspacePath(uri, folders);
  return 'refused' in found ? found : readRegularFile(found.path, maxBytes);
}

/**
 * `uri` opened, under the same checks as readWorkspaceFile (inside a folder, a regular file, at most `maxBytes`),
 * for a caller that streams it from the handle (see openRegularFile) instead of holding its text.
 */
export async function openWorkspaceFile(
  uri: string, folders: readonly string[], maxBytes = MAX_FILE_BYTES,
): Promise<{ handle: FileHandle; size: number } | { refused: string }> {
  const found = await workspacePath(uri, folders);
  return 'refused' in found ? found : openRegularFile(found.path, maxBytes);
}

/**
 * `path` opened, if it is a regular file of at most `maxBytes`, else why not. Opened non-blocking and checked on
 * the open handle: a FIFO is refused instead of blocking forever, a device instead of never ending. The caller
 * reads from the handle (never by path again, which could be swapped meanwhile) and closes it.
 */
export async function openRegularFile(
  path: string, maxBytes = MAX_FILE_BYTES,
): Promise<{ handle: FileHandle; size: number } | { refused: string }> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { refused: code === 'ENOENT' ? 'no such file or directory' : 'the file cannot be opened' };
  }
  let stat;
  try {
    stat = await handle.stat();
  } catch {
    await handle.close();
    return { refused: 'the file cannot be opened' };
  }
  const refused = !stat.isFile() ? 'it is not a regular file'
    : stat.size > maxBytes ? `it is larger than ${sizeText(maxBytes)}` : null;
  if (refused === null) return { handle, size: stat.size };
  await handle.close();
  return { refused };
}

/** The bytes of `path` if it is a regular file of at most `maxBytes`, else why not (see openRegularFile). */
export async function readRegularBytes(
  path: string, maxBytes = MAX_FILE_BYTES,
): Promise<{ bytes: Buffer } | { refused: string }> {
  const opened = await openRegularFile(path, maxBytes);
  if ('refused' in opened) return opened;
  const { handle, size } = opened;
  try {
    // Read at most maxBytes + 1 even if the file grows meanwhile.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > maxBytes) return { refused: `it is larger than ${sizeText(maxBytes)}` };
    return { bytes: buffer.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** `readRegularBytes` as UTF-8 text. */
async function readRegularFile(path: string, maxBytes: number): Promise<FileRead> {
  const read = await readRegularBytes(path, maxBytes);
  return 'bytes' in read ? { text: read.bytes.toString('utf8') } : read;
}
