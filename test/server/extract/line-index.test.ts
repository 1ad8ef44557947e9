/**
 * The line index (server/extract/lines.ts): `lineAt` remembers the line it found last, so offsets asked in document
 * order cost no search; asked in any order, it gives what a search from the start gives (made-up texts).
 */
import { expect, test } from 'vitest';
import { lineIndex } from '../../../server/extract/lines';

/** The 1-based line of an offset by counting line breaks before it (a lone CR is a break, as in lines.ts). */
function counted(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) line++;
  }
  return line;
}

test('lineAt in order, backwards and at random gives the counted line, past the end the last line', () => {
  let seed = 11;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (const text of ['a: 1\nb: 2\n\nc: 3', 'x\r\ny\rz\n', '\n\n\n', 'one line']) {
    const lines = lineIndex(text);
    const offsets = [...Array.from({ length: text.length + 3 }, (_, i) => i)];
    for (const order of [offsets, [...offsets].reverse(), offsets.map(() => next(text.length + 3))]) {
      for (const offset of order) expect(lines.lineAt(offset)).toBe(counted(text, offset));
    }
  }
});
