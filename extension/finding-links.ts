/**
 * Diagnostics link their code to the README's table of findings. The server, which serves any editor, names
 * the README by its web address; inside VS Code the same README ships with the extension, so the link is
 * pointed at that copy, at the finding's row (`#L<line>` makes the editor select it). The editor opens a
 * diagnostic's link without running commands, so a file link is what works there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/** The README inside the installed extension (vsce stores it as readme.md) or the development folder. */
function bundledReadme(extensionPath: string): { uri: vscode.Uri; text: string } | null {
  for (const name of ['readme.md', 'README.md']) {
    try {
      return { uri: vscode.Uri.file(join(extensionPath, name)), text: readFileSync(join(extensionPath, name), 'utf8') };
    } catch {
      // not under this name
    }
  }
  return null;
}

/** Line (1-based) of each `<a id="finding-…">` anchor in the README. */
export function findingLines(readme: string): Map<string, number> {
  const lines = new Map<string, number>();
  readme.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/<a id="(finding-[\w-]+)"><\/a>/g)) lines.set(m[1], i + 1);
  });
  return lines;
}

/** Middleware that re-points each diagnostic's code link at the bundled README, where the finding is listed. */
export function findingLinkMiddleware(extensionPath: string): Middleware {
  const readme = bundledReadme(extensionPath);
  const lines = readme ? findingLines(readme.text) : new Map<string, number>();
  return {
    handleDiagnostics(uri, diagnostics, next) {
      for (const diagnostic of diagnostics) {
        const code = diagnostic.code;
        if (!readme || typeof code !== 'object' || !code.target.fragment.startsWith('finding-')) continue;
        const line = lines.get(code.target.fragment);
        if (line !== undefined) diagnostic.code = { value: code.value, target: readme.uri.with({ fragment: `L${line}` }) };
      }
      next(uri, diagnostics);
    },
  };
}
