/**
 * The languages OptLens reads (the server's extractors: YAML, JSON/JSONC, TOML, Python, shell, gin), as VS Code
 * language ids. package.json's `activationEvents` list the same ids; a unit test keeps the two in step. VS Code
 * knows neither TOML nor gin (T5X's `.gin` files), so package.json's `contributes.languages` declares them.
 */
export const CONFIG_LANGUAGES = ['yaml', 'json', 'jsonc', 'toml', 'python', 'shellscript', 'gin'] as const;
export type ConfigLanguage = (typeof CONFIG_LANGUAGES)[number];

export function isConfigLanguage(languageId: string): languageId is ConfigLanguage {
  return (CONFIG_LANGUAGES as readonly string[]).includes(languageId);
}
