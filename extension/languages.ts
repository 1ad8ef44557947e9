/**
 * The languages OptLens reads (the server's extractors: YAML, JSON/JSONC, TOML, Python, shell, gin, INI), as VS Code
 * language ids. package.json's `activationEvents` list the same ids; a unit test keeps the two in step. VS Code
 * knows neither TOML nor gin (T5X's `.gin` files), so package.json's `contributes.languages` declares them. VS Code
 * names `.ini` files `ini` but `.cfg` files `properties` (microsoft/vscode extensions/ini/package.json), a language it
 * also gives `.properties`, `.conf`, `.gitconfig` and `.editorconfig`: of those, only `.cfg` files are served.
 */
export const CONFIG_LANGUAGES = ['yaml', 'json', 'jsonc', 'toml', 'python', 'shellscript', 'gin', 'ini'] as const;
/** The `properties` documents served: configparser `.cfg` files (setup.cfg-style training configs). */
export const CFG_FILTER = { language: 'properties', pattern: '**/*.cfg' } as const;
export type ConfigLanguage = (typeof CONFIG_LANGUAGES)[number];

export function isConfigLanguage(languageId: string): languageId is ConfigLanguage {
  return (CONFIG_LANGUAGES as readonly string[]).includes(languageId);
}

/** Whether OptLens serves a document: a config language, or a `.cfg` file VS Code calls `properties`. */
export function isConfigDocument(languageId: string, fileName: string): boolean {
  return isConfigLanguage(languageId) || (languageId === CFG_FILTER.language && /\.cfg$/i.test(fileName));
}

/** The client's document selector: every config language, and `.cfg` files. */
export const DOCUMENT_SELECTOR: readonly ({ language: string } | typeof CFG_FILTER)[] = [
  ...CONFIG_LANGUAGES.map((language) => ({ language })), CFG_FILTER,
];
