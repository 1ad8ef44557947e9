/** One reader per format; each turns text into `ConfigEntry` rows (entries.ts) and never throws. */
import type { ConfigFormat } from '../../core/analysis';
import type { ReadResult } from './entries';
import { readGin } from './gin';
import { readJson } from './json';
import { readPython } from './python';
import { readShell } from './shell';
import { readToml } from './toml';
import { readYaml } from './yaml';

const READERS: Record<ConfigFormat, ((text: string) => ReadResult) | null> = {
  yaml: readYaml,
  json: readJson,
  toml: readToml,
  python: readPython,
  shell: readShell,
  gin: readGin,
};

/** Runs the format's reader; a reader bug becomes a read error on the whole file, never an exception. */
export function readFile(text: string, format: ConfigFormat): ReadResult {
  const reader = READERS[format];
  if (!reader) return { entries: [], errors: [{ message: `no ${format} reader`, span: { start: 0, end: 0 } }], comments: [] };
  try {
    return reader(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { entries: [], errors: [{ message: `could not read this ${format} file: ${message}`, span: { start: 0, end: Math.min(text.length, 1) } }], comments: [] };
  }
}
