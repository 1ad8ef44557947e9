import { describe, expect, it } from 'vitest';
import { codeSpan, escapeMarkdown, estimatedHoverHeight, HOVER_BOX, markdownPhrase } from '../../server/features/markdown';

describe('hover Markdown', () => {
  it('escapes every character that could start a link, image, emphasis, HTML or entity', () => {
    expect(escapeMarkdown('![x](https://e.example/b.png) <img> **b** &amp; `c`\nnext'))
      .toBe('\\!\\[x\\]\\(https\\:\\/\\/e\\.example\\/b\\.png\\) \\<img\\> \\*\\*b\\*\\* \\&amp\\; \\`c\\` next');
  });

  it('fences a code span one backtick longer than any run inside, on one line', () => {
    expect(codeSpan('lr: 1e-4')).toBe('`lr: 1e-4`');
    expect(codeSpan('a `b` c')).toBe('`` a `b` c ``');
    expect(codeSpan('``x``\ny')).toBe('``` ``x`` y ```');
  });

  it('renders a phrase with its config text in code spans and its own words escaped', () => {
    expect(markdownPhrase([{ text: 'Read by its name: ' }, { code: '[x](command:y)' }, { text: ' (likely)' }]))
      .toBe('Read by its name\\: `[x](command:y)` \\(likely\\)');
    expect(markdownPhrase([{ code: 'a`b' }])).toBe('`` a`b ``');
  });

  it('estimates a hover taller with every wrapped line and paragraph', () => {
    const one = estimatedHoverHeight('**✓ Fine**: short.');
    expect(one).toBe(HOVER_BOX.paddingPx + HOVER_BOX.lineHeightPx);
    // 200 characters of text wrap to three lines at 484 px (6.6 px a character).
    expect(estimatedHoverHeight('x'.repeat(200))).toBe(HOVER_BOX.paddingPx + 3 * HOVER_BOX.lineHeightPx);
    expect(estimatedHoverHeight('a\n\nb')).toBe(HOVER_BOX.paddingPx + 2 * HOVER_BOX.lineHeightPx + HOVER_BOX.paragraphGapPx);
  });
});
