/** package.json's `contributes` and the VSIX rules, checked against the code that relies on them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ClientCommands } from '../../core/protocol';
import { DOCUMENT_SELECTOR } from '../../extension/languages';

const root = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  activationEvents: string[];
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  icon: string;
  capabilities: { untrustedWorkspaces: { supported: boolean | string }; virtualWorkspaces: {
    supported: boolean | string } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string; type: string }[]>;
    menus: Record<string, { command: string }[]>;
    configuration: unknown;
  };
};

describe('package.json', () => {
  const commands = pkg.contributes.commands;

  it('puts every command in the OptLens category with a distinct title', () => {
    expect(commands.length).toBeGreaterThanOrEqual(7);
    for (const c of commands) expect(c.category).toBe('OptLens');
    expect(new Set(commands.map((c) => c.title)).size).toBe(commands.length);
    // No title may be a prefix of another: the palette's fuzzy match would then pick the wrong one.
    for (const a of commands) for (const b of commands) if (a !== b) expect(b.title.startsWith(a.title)).toBe(false);
  });

  it('contributes every command the server links to', () => {
    const ids = commands.map((c) => c.command);
    for (const id of Object.values(ClientCommands)) expect(ids).toContain(id);
  });

  it('only references contributed commands in menus', () => {
    const ids = new Set(commands.map((c) => c.command));
    for (const items of Object.values(pkg.contributes.menus)) for (const item of items) expect(
      ids.has(item.command)).toBe(true);
  });

  it('activates on exactly the languages the client serves', () => {
    const served = [...new Set(DOCUMENT_SELECTOR.map((filter) => filter.language))];
    expect(pkg.activationEvents.sort()).toEqual(served.map((l) => `onLanguage:${l}`).sort());
  });

  it('has the playground as a webview view in its own activity-bar container', () => {
    const container = pkg.contributes.viewsContainers.activitybar.find((c) => c.id === 'optlens');
    expect(container?.icon).toBe('media/optlens.svg');
    expect(pkg.contributes.views.optlens).toContainEqual(expect.objectContaining({ id: 'optlens.playground', type: 'webview' }));
  });

  it('contributes exactly the settings the server reads (server/settings-schema.json)', () => {
    const schema: unknown = JSON.parse(readFileSync(new URL('server/settings-schema.json', root), 'utf8'));
    expect(pkg.contributes.configuration).toEqual(schema);
  });

  it('declares support for untrusted and virtual workspaces (it executes nothing from them)', () => {
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(pkg.capabilities.virtualWorkspaces.supported).toBe(true);
  });

  it('keeps @types/vscode within engines.vscode, as vsce requires', () => {
    const engine = pkg.engines.vscode.replace(/^\^/, '').split('.').map(Number);
    const types = (pkg.devDependencies['@types/vscode'] ?? '').replace(/^[\^~]/, '').split('.').map(Number);
    expect(types[0]).toBe(engine[0]);
    expect(types[1]).toBeLessThanOrEqual(engine[1] ?? 0);
  });

  it('has a PNG icon', () => {
    const png = readFileSync(new URL(pkg.icon, root));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});

describe('.vscodeignore', () => {
  const lines = readFileSync(new URL('.vscodeignore', root), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));

  it('denies everything first, then allows only bundles, icons and documents', () => {
    expect(lines[0]).toBe('**');
    const allowed = lines.filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    // Documents: the README and what it links (the science reference, the README's images), never sources.
    const document = /^((README|CHANGELOG|DEVELOPERS)\.md|LICENSE|docs\/[\w-]+\.md|docs\/images\/\*\.png|bench\/RESULTS\.md)$/;
    for (const path of allowed) expect(path).toMatch(new RegExp(`${document.source}|^(package\\.json|media\\/[\\w.-]+\\.(png|svg)|dist\\/[\\w/.*-]+)$`));
    expect(allowed).toContain('docs/science.md');
    expect(allowed).toContain('dist/extension.js');
    expect(allowed).toContain('dist/server.js');
  });
});
