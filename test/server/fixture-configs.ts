/**
 * Every fixture config (the corpus, the held-out-like set, the dev configs when present), analysed as the
 * language server does, for the tests that check every surface on every config.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/analyze';
import type { AnalysedDocument } from '../../server/documents';
import { DEFAULT_SETTINGS, type OptLensSettings } from '../../server/settings';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const CONFIG = /\.(ya?ml|json|toml|py|sh)$/;
const NOT_CONFIG = /(MANIFEST|expected|BASELINE)\.json$|vectors\//;

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every fixture config: the corpus, the held-out-like set, and the dev configs when present. */
export function fixtureConfigs(): string[] {
  const dirs = ['corpus', 'heldout-like', 'configs/dev'].map((d) => join(FIXTURES, d)).filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
  return dirs.flatMap(walk).filter((p) => CONFIG.test(p) && !NOT_CONFIG.test(p));
}

/** A noise scale, so that the Surge numbers exist on every surface. */
export const SETTINGS = { ...DEFAULT_SETTINGS, analysis: { ...DEFAULT_SETTINGS.analysis, noiseScale: 1000 } };

export function analysedDocument(path: string, settings: OptLensSettings = SETTINGS): AnalysedDocument {
  const text = readFileSync(path, 'utf8');
  const analysis = analyzeText(text, path, settings.analysis);
  const uri = `file://${path}`;
  return { uri, version: 1, snapshot: TextDocument.create(uri, 'plaintext', 1, text), analysis, settings };
}
