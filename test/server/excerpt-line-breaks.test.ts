/**
 * Lone carriage returns (old Mac line ends) in a huge file: editors and the readers count each as a line end, the
 * excerpt reader splits at `\n` only, so the excerpt writes back the ones on lines it leaves out. Otherwise every
 * value after them was reported lines too early (found by the fuzzer: a file starting with `\r\r\n`).
 */
import { describe, expect, it } from 'vitest';
import { excerptOfStream, excerptOfText } from '../../server/excerpt/index';
import { extract } from '../../server/extract/index';
import { lineIndex } from '../../server/extract/lines';

/** Each written value's line as the excerpt reports it, and as the real text's lines say, at the mapped span. */
function lines(text: string, excerpt: ReturnType<typeof excerptOfText>): { reported: number; real: number }[] {
  const real = lineIndex(text);
  return extract(excerpt.text, 'train.yaml').optimizers.flatMap((o) => Object.values(o.hyperparameters))
    .filter((v) => v?.source === 'written' && v.span)
    .map((v) => ({ reported: v?.line ?? 0, real: real.lineAt(excerpt.toOriginal(v?.span?.start ?? 0)) }));
}

async function* chunks(text: string, size: number): AsyncIterable<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const TEXT = '\r\r\nnotes: a\rb\r\nother: 1\r\n\r\noptimizer:\r\n  name: adamw\r\n  lr: 0.001\r\n  weight_decay: 0.1\r\n';

describe('lone carriage returns in a file read as an excerpt', () => {
  it('reports each value on the line the editor shows it, whatever was left out before it', () => {
    const excerpt = excerptOfText(TEXT, 'yaml');
    const found = lines(TEXT, excerpt);
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const f of found) expect(f.reported).toBe(f.real);
    // lr sits on the editor's line 9: lines 1-2 from `\r\r\n`, 3-4 from `notes: a\rb`; by `\n` alone it is line 7.
    expect(found.map((f) => f.real)).toContain(9);
    expect(excerpt.text.split('\n')).toHaveLength(TEXT.split('\n').length);
    expect(excerpt.originalLines.lineAt(TEXT.indexOf('lr:'))).toBe(9);
  });

  it('streams to the same excerpt, a CRLF or a lone \\r split across chunks included', async () => {
    const whole = excerptOfText(TEXT, 'yaml');
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const streamed = await excerptOfStream(chunks(TEXT, size), 'train.yaml');
      expect(streamed.text).toBe(whole.text);
      expect(lines(TEXT, streamed)).toEqual(lines(TEXT, whole));
    }
  });

  it('leaves a file with \\n or CRLF ends as it was: empty lines in the gaps', () => {
    const text = 'seed: 1\nother: 2\noptimizer:\n  lr: 0.1\n';
    expect(excerptOfText(text, 'yaml').text).not.toContain('\r');
    expect(excerptOfText(text.replace(/\n/g, '\r\n'), 'yaml').text).not.toMatch(/\r(?!\n)/);
  });
});
