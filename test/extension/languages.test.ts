/**
 * The languages the client serves (extension/languages.ts): every one reaches a server reader, and those VS Code
 * does not know (TOML, T5X's gin) are declared in package.json so that `.toml` and `.gin` files get them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../../server/extract';
import type { ConfigFormat } from '../../core/analysis';
import { CONFIG_LANGUAGES, isConfigDocument, isConfigLanguage, type ConfigLanguage } from '../../extension/languages';
import { noiseScaleCommentEdit } from '../../extension/noise-scale-comment';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  activationEvents: string[];
  contributes: { languages: { id: string; extensions: string[] }[] };
};

const T5X = [
  'from __gin__ import dynamic_registration',
  'from t5x import utils',
  'utils.create_learning_rate_scheduler:',
  '  base_learning_rate = 0.001',
  '  warmup_steps = 1000',
  '',
].join('\n');

describe('gin (T5X)', () => {
  it('is a config language the client serves and activates on', () => {
    expect(isConfigLanguage('gin')).toBe(true);
    expect(pkg.activationEvents).toContain('onLanguage:gin');
  });

  it('is contributed as a language for .gin files, which VS Code does not know', () => {
    expect(pkg.contributes.languages).toContainEqual(expect.objectContaining({ id: 'gin', extensions: ['.gin'] }));
  });

  it('reaches the gin reader by its language id, whatever the document is named', () => {
    const x = extract(T5X, 'Untitled-1', { languageId: 'gin' });
    expect(x.format).toBe('gin');
    expect(x.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 0.001, line: 4 });
  });

  it('takes the noise-scale comment with a #', () => {
    const edit = noiseScaleCommentEdit(T5X, 'gin', 400, 'x');
    expect(edit.ok && edit.insert.startsWith('# optlens: noise-scale=400')).toBe(true);
  });
});

describe('INI (configparser)', () => {
  const INI = '[optimizer]\nlr = 3e-4\n';

  it('is served as VS Code\'s own `ini` language, and `.cfg` files, which VS Code calls `properties`', () => {
    expect(isConfigLanguage('ini')).toBe(true);
    expect(pkg.activationEvents).toEqual(expect.arrayContaining(['onLanguage:ini', 'onLanguage:properties']));
    expect(isConfigDocument('properties', '/work/run/setup.cfg')).toBe(true);
    // Java properties, .gitconfig and .editorconfig share the `properties` language and are not configs.
    expect(isConfigDocument('properties', '/work/app.properties')).toBe(false);
    expect(isConfigDocument('properties', '/work/.editorconfig')).toBe(false);
  });

  it('reaches the INI reader by its language id, and a `.cfg` file by its extension', () => {
    expect(extract(INI, 'Untitled-1', { languageId: 'ini' }).format).toBe('ini');
    const cfg = extract(INI, '/work/train.cfg', { languageId: 'properties' });
    expect(cfg.format).toBe('ini');
    expect(cfg.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 2 });
  });

  it('takes the noise-scale comment with a #, which configparser skips as a comment line', () => {
    const edit = noiseScaleCommentEdit(INI, 'ini', 400, 'x');
    expect(edit.ok && edit.insert.startsWith('# optlens: noise-scale=400')).toBe(true);
    expect(noiseScaleCommentEdit(INI, 'properties', 400, 'x').ok).toBe(true);
  });
});

describe('every served language reaches its reader, not the format sniffed from the text', () => {
  const READER: Record<ConfigLanguage, ConfigFormat> = {
    yaml: 'yaml', json: 'json', jsonc: 'json', toml: 'toml', python: 'python', shellscript: 'shell', gin: 'gin',
    ini: 'ini',
  };
  it.each(CONFIG_LANGUAGES)('%s', (language) => {
    expect(extract('x = 1\n', 'Untitled-1', { languageId: language }).format).toBe(READER[language]);
  });
});
