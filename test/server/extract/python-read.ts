/** Reading a Python text and looking at its entries, shared by the Python reader's suites. */
import { expect } from 'vitest';
import type { HyperparameterName } from '../../../core/hyperparams';
import { extract } from '../../../server/extract';
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

export const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** Every written value of `role` as `line: literal`, over all optimizers, once each. */
export function written(text: string, role: HyperparameterName): string[] {
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  const out = new Set<string>();
  for (const o of extract(text, 'train.py').optimizers) {
    const v = o.hyperparameters[role];
    if (v && v.source === 'written' && v.span) out.add(`${lineOf(v.span.start)}: ${text.slice(v.span.start, v.span.end)}`);
  }
  return [...out];
}
