/**
 * Fuzz inputs and invariants for one format reader: random bytes, token soup built from the format's own
 * syntax, and corpus files of that format with random edits. The invariant: the reader returns (never
 * throws), and every entry's span lies in the text and holds exactly its `raw`; key spans, errors and
 * comments lie in the text too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ReadResult } from '../../../server/extract/entries';
import type { Span } from '../../../core/hyperparams';

const CORPUS = join(__dirname, '../../fixtures/corpus');

export function corpusTexts(extension: string): string[] {
  return readdirSync(CORPUS)
    .filter((d) => statSync(join(CORPUS, d)).isDirectory())
    .flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => f.endsWith(extension)).map((f) => readFileSync(join(CORPUS, d, f), 'utf8')));
}

export function fuzzTexts(tokens: readonly string[], corpus: readonly string[]): fc.Arbitrary<string> {
  const bytes = fc.uint8Array({ maxLength: 300 }).map((b) => new TextDecoder('utf-8').decode(b));
  const token = fc.oneof(fc.constantFrom(...tokens), fc.string({ maxLength: 5 }));
  const soup = fc.array(token, { maxLength: 60 }).map((parts) => parts.join(''));
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), cut: fc.nat(40), insert: token });
  const mutated = fc.record({ base: fc.constantFrom(...corpus),
    edits: fc.array(edit, { minLength: 1, maxLength: 5 }) }).map(({ base, edits }) => {
    let text = base;
    for (const e of edits) {
      const at = Math.floor(e.at * text.length);
      text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
    }
    return text;
  });
  return fc.oneof(bytes, soup, mutated);
}

function inside(span: Span, text: string): boolean {
  return span.start >= 0 && span.start <= span.end && span.end <= text.length;
}

/** Throws with the failing text when an invariant breaks. */
export function checkRead(text: string, read: (text: string) => ReadResult): void {
  const result = read(text);
  for (const e of result.entries) {
    if (!inside(e.span, text) || text.slice(e.span.start, e.span.end) !== e.raw) throw new Error(`entry ${e.path.join('.')} span does not hold its raw`);
    if (e.keySpan && !inside(e.keySpan, text)) throw new Error(`entry ${e.path.join('.')} key span outside the text`);
  }
  for (const x of [...result.errors, ...result.comments]) if (!inside(x.span, text)) throw new Error('error or comment span outside the text');
}
