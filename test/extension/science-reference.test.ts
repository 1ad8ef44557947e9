import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type * as vscode from 'vscode';
import { Uri, commands, mock, resetMock } from '../mocks/vscode';
import { openPageCitation, registerScienceReference } from '../../extension/science-reference';
import { headingSlug, scienceReferenceCommandUri } from '../../core/science-reference';

const ROOT = join(__dirname, '../..');
const extensionUri = Uri.file(ROOT);
const referenceUri = Uri.joinPath(extensionUri, 'docs/science.md');

/** What VS Code does with a `command:` link in trusted Markdown: JSON arguments from the query, spread. */
async function followCommandLink(link: string): Promise<void> {
  const [, id, query] = /^command:([^?]+)\?(.*)$/.exec(link) ?? [];
  const args = JSON.parse(decodeURIComponent(query)) as unknown[];
  await commands.executeCommand(id, ...args);
}

describe('optlens.openScienceReference', () => {
  beforeEach(() => {
    resetMock();
    mock.files.set(referenceUri.toString(), readFileSync(join(ROOT, 'docs/science.md')));
    registerScienceReference(extensionUri as unknown as vscode.Uri);
  });

  it('opens the bundled reference in the Markdown preview at the section heading of a hover link', async () => {
    await followCommandLink(scienceReferenceCommandUri('2'));
    const preview = mock.executed.find((e) => e.command === 'markdown.showPreviewToSide');
    const uri = preview?.args[0] as Uri;
    expect(uri.path).toBe(join(ROOT, 'docs/science.md'));
    const heading = /^## 2\. (.*)$/m.exec(readFileSync(join(ROOT, 'docs/science.md'), 'utf8'));
    expect(uri.fragment).toBe(headingSlug(`2. ${heading?.[1] ?? ''}`));
    expect(mock.messages).toEqual([]);
  });

  it('says so when a section has no heading, and opens the reference all the same', async () => {
    await commands.executeCommand('optlens.openScienceReference', { section: '99.9' });
    expect(mock.messages[0]?.text).toMatch(/no heading for §99\.9; it opens at the top/);
    const uri = mock.executed.find((e) => e.command === 'markdown.showPreviewToSide')?.args[0] as Uri;
    expect(uri.fragment).toBe('');
  });
});

describe('a webview page\'s citation link', () => {
  beforeEach(() => {
    resetMock();
    mock.files.set(referenceUri.toString(), readFileSync(join(ROOT, 'docs/science.md')));
  });

  it('opens the reference at a section it has, a lettered part at its section', async () => {
    expect(await openPageCitation(extensionUri as unknown as vscode.Uri, '8.3')).toBe(true);
    const heading = /^### (8\.3 .*)$/m.exec(readFileSync(join(ROOT, 'docs/science.md'), 'utf8'));
    const opened = () => mock.executed.filter((e) => e.command === 'markdown.showPreviewToSide').map((e) =>
      (e.args[0] as Uri).fragment);
    expect(opened()).toEqual([headingSlug(heading?.[1] ?? '')]);
    expect(await openPageCitation(extensionUri as unknown as vscode.Uri, '3.6a')).toBe(true);
    expect(opened()).toHaveLength(2);
  });

  it('opens nothing for a section the reference does not have', async () => {
    for (const section of ['99.9', '2.99', '../../etc/passwd']) {
      expect(await openPageCitation(extensionUri as unknown as vscode.Uri, section), section).toBe(false);
    }
    expect(mock.executed).toEqual([]);
    expect(mock.messages).toEqual([]);
  });
});
