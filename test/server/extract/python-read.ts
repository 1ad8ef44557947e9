/** Reading a Python text and looking at its entries, shared by the Python reader's suites. */
import { expect } from 'vitest';
import type { ConfigEntry } from '../../../server/extract/entries';
import { renderPath } from '../../../server/extract/keypath';
import { readPython } from '../../../server/extract/python';

export function entries(text: string): ConfigEntry[] {
  return readPython(text).entries;
}

/** The single entry at `key` (rendered as in `optlens analyze`). */
export function at(text: string, key: string): ConfigEntry {
  const found = entries(text).filter((e) => renderPath(e.path) === key);
  expect(found.map((e) => renderPath(e.path)), `exactly one entry at ${key}`).toEqual([key]);
  return found[0];
}

export function keys(text: string): string[] {
  return entries(text).map((e) => renderPath(e.path));
}

/** The literal an entry points at, read back from the text. */
export function literal(text: string, e: ConfigEntry): string {
  return text.slice(e.span.start, e.span.end);
}
