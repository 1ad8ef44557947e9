import { describe, expect, it } from 'vitest';
import { formatNumberLike, formatStringLike, isNumericLiteral } from '../../server/number-style';

describe('formatNumberLike keeps the style of the literal it replaces', () => {
  it.each([
    ['1e-8', 1e-7, 'toml', '1e-7'],
    ['1e-8', 1e-7, 'yaml', '1.0e-7'], // a dot keeps PyYAML (YAML 1.1) reading a float
    ['1.0e-8', 2.5e-7, 'yaml', '2.5e-7'],
    ['1.0e-8', 3e-6, 'python', '3.0e-6'],
    ['1E-08', 1e-6, 'python', '1E-06'],
    ['1e+3', 2000, 'python', '2e+3'],
    ['0.000003', 1e-7, 'yaml', '0.0000001'],
    ['0.95', 0.9, 'json', '0.9'],
    ['2.0', 3, 'toml', '3.0'],
    ['512', 256, 'yaml', '256'],
    ['"1e-8"', 1e-7, 'yaml', '"1.0e-7"'],
    ["'0.9'", 0.85, 'python', "'0.85'"],
    ['"0.9"', 0.85, 'json', '0.85'], // JSON numbers are never quoted
    ['1_000_000', 2_000_000, 'python', '2_000_000'],
    ['6e-4 * 8', 1e-3, 'python', '1e-3'],
  ] as const)('%s → %s in %s', (raw, value, format, expected) => {
    expect(formatNumberLike(raw, value, format)).toBe(expected);
  });

  it('writes a new value plainly unless it is tiny or huge', () => {
    expect(formatNumberLike(null, 0.9, 'yaml')).toBe('0.9');
    expect(formatNumberLike(null, 1e-8, 'yaml')).toBe('1.0e-8');
    expect(formatNumberLike(null, 1e-8, 'json')).toBe('1e-8');
    expect(formatNumberLike(null, 2048, 'toml')).toBe('2048');
  });

  it('round-trips every value it writes', () => {
    for (const value of [0.9, 0.999, 1e-8, 3e-6, 0.000123, 65536, 0.1 + 0.2]) {
      for (const raw of ['1e-8', '0.5', '1.0E+2', '7']) {
        expect(Number(formatNumberLike(raw, value, 'python').replace(/_/g, ''))).toBe(value);
      }
    }
  });
});

describe('isNumericLiteral', () => {
  it('tells numbers from expressions and words', () => {
    expect(isNumericLiteral('1e-8')).toBe(true);
    expect(isNumericLiteral("'5e-4'")).toBe(true);
    expect(isNumericLiteral('.5')).toBe(true);
    expect(isNumericLiteral('6e-4 * 8')).toBe(false);
    expect(isNumericLiteral('auto')).toBe(false);
    expect(isNumericLiteral('.')).toBe(false);
  });
});

describe('formatStringLike', () => {
  it('keeps quotes and quotes where the format needs it', () => {
    expect(formatStringLike('cosine', 'linear', 'yaml')).toBe('linear');
    expect(formatStringLike("'cosine'", 'linear', 'yaml')).toBe("'linear'");
    expect(formatStringLike('"cosine"', 'linear', 'json')).toBe('"linear"');
    expect(formatStringLike(null, 'cosine', 'toml')).toBe('"cosine"');
    expect(formatStringLike("'a'", "it's", 'yaml')).toBe("'it''s'");
  });
});
