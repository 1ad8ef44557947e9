/**
 * The README that the installed extension's Details page shows is the one inside the VSIX: every image and
 * link in it must resolve inside the package (VS Code resolves relative targets against the extension's
 * folder) or be absolute. Opens the packaged VSIX itself, as VS Code would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { packageVsix } from '../editor/editor-server';
import { vsixEntries, vsixFile } from '../../../scripts/vsix.mjs';
import { headingSlug } from '../../../core/science-reference';

let vsix = '';
let names = new Set<string>();
let readme = '';
let details = '';

beforeAll(() => {
  vsix = process.env.OPTLENS_E2E_VSIX ?? packageVsix();
  names = new Set(vsixEntries(vsix).map((e) => e.name));
  // The manifest names the file VS Code shows as the Details page (vsce writes it as extension/readme.md).
  const manifest = vsixFile(vsix, 'extension.vsixmanifest').toString('utf8');
  details = /Type="Microsoft\.VisualStudio\.Services\.Content\.Details" Path="([^"]+)"/.exec(manifest)?.[1] ?? '';
  readme = vsixFile(vsix, details).toString('utf8');
});

/** Targets of Markdown links and images, and of HTML src/href attributes, outside code spans and blocks. */
function targets(markdown: string): string[] {
  const text = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const found = [...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  found.push(...[...text.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]));
  return found;
}

describe('the Details page of the installed extension', () => {
  it('ships the README, its images and the science reference', () => {
    expect(details).toBe('extension/readme.md');
    expect(readme).toMatch(/^# OptLens/);
    expect(names.has('extension/docs/science.md')).toBe(true);
    expect([...names].filter((n) => n.startsWith('extension/docs/images/')).length).toBeGreaterThan(0);
  });

  it('has no image or link that points outside the package', () => {
    const all = targets(readme);
    expect(all.length).toBeGreaterThan(5);
    const anchors = new Set([
      ...[...readme.matchAll(/<a id="([^"]+)"/g)].map((m) => m[1]),
      ...[...readme.matchAll(/^#{1,6}\s+(.*)$/gm)].map((m) => headingSlug(m[1])),
    ]);
    const broken = all.filter((target) => {
      if (/^(https?|mailto):/.test(target)) return false;
      if (target.startsWith('#')) return !anchors.has(target.slice(1));
      const path = decodeURIComponent(target.split('#')[0]).replace(/^\.\//, '');
      return !names.has(`extension/${path}`);
    });
    expect(broken).toEqual([]);
  });
});
