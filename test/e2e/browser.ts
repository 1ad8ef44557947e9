/**
 * Headless Debian Chromium for the browser tests, with the flags this offline machine needs, and a
 * tiny static server for `dist/` so pages load over http (as a webview does) rather than file://.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath, missingLine, MissingPrerequisite } from '../../scripts/prerequisites.mjs';

/** Debian's Chromium; without it, one line saying how to get it (`npm test` installs it first where it can). */
export function chromiumExecutable(): string {
  const path = chromiumPath();
  if (!path) throw new MissingPrerequisite(missingLine(['chromium'], 'The browser tests'));
  return path;
}

/** Launches Chromium; `webgl` turns on software WebGL2 (SwiftShader) instead of disabling the GPU path entirely. */
export async function launchChromium(options: { webgl?: boolean } = {}): Promise<Browser> {
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-quic',
    '--disable-sync',
    '--disable-breakpad',
  ];
  if (options.webgl) args.push('--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist');
  else args.push('--disable-gpu');
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, args });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** Serves `root` on 127.0.0.1 (a free port); `headers` are added to every response (e.g. a CSP). */
export async function serveStatic(
  root: string, headers: Record<string, string> = {}): Promise<{ url: string; server: Server }> {
  // The handler is async; node:http ignores what it returns, so errors are handled inside it (404).
  const server = createServer((req, res) => void (async () => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  })());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, server };
}
