import { describe, expect, it } from 'vitest';
import { compactCount } from '../../server/features/display';

describe('compactCount shows only digits that are true', () => {
  it.each([
    [950, '950'],
    [10_000, '10k'],
    [12_345, '12k'],
    [150_000, '150k'],
    [524_288, '524k'], // 2^19 tokens: "520k" would read as three true digits
    [999_700, '1M'], // rounds up to the next unit, not to "1000k"
    [3.3e6, '3.3M'],
    [2.5e9, '2.5B'],
  ])('%d → %s', (n, shown) => {
    expect(compactCount(n)).toBe(shown);
  });
});
