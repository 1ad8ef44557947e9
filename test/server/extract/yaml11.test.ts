/** PyYAML 6 typing of plain scalars, checked against what `yaml.safe_load` returns (MANIFEST parsers_checked). */
import { describe, expect, test } from 'vitest';
import {
  decimalValue, isPyYamlStringNumber, omegaconfReadsFloat, pyyamlSafeLiteral, pyyamlType,
} from '../../../server/extract/yaml11';

describe('pyyamlType', () => {
  test.each([
    ['1e-8', 'str'],
    ['5e-4', 'str'],
    ['5e12', 'str'],
    ['1.0e8', 'str'],
    ['1.0e-8', 'float'],
    ['1.e-8', 'float'],
    ['.001', 'float'],
    ['0.', 'float'],
    ['-.5', 'str'],
    ['150_001', 'int'],
    ['0x1F', 'int'],
    ['True', 'bool'],
    ['on', 'bool'],
    ['None', 'str'],
    ['~', 'null'],
    ['cosine', 'str'],
  ])('%s → %s', (raw, type) => expect(pyyamlType(raw)).toBe(type));
});

test('only numbers that PyYAML turns into strings are flagged', () => {
  expect(['1e-8', '5E+3', '1.0e8'].map(isPyYamlStringNumber)).toEqual([true, true, true]);
  expect(['1.0e-8', '0.001', 'auto', '2e12T'].map(isPyYamlStringNumber)).toEqual([false, false, false, false]);
});

test('OmegaConf reads dot-less exponents as floats', () => {
  expect(omegaconfReadsFloat('1e-8')).toBe(true);
  expect(omegaconfReadsFloat('2e12T')).toBe(false);
});

test.each([
  ['1e-8', '1.0e-8'],
  ['5e12', '5.0e+12'],
  ['-3E-4', '-3.0E-4'],
  ['1.0e8', '1.0e+8'],
  ['1.e8', '1.0e+8'],
  ['2.5e-3', null],
  ['0.001', null],
])('safe literal of %s is %s', (raw, safe) => {
  const out = pyyamlSafeLiteral(raw);
  expect(out).toBe(safe);
  if (out !== null) {
    expect(pyyamlType(out)).toBe('float');
    expect(Number(out)).toBe(Number(raw));
  }
});

test('decimalValue: a sign, a digit or a dot starts a decimal; names and paths are none', () => {
  expect([decimalValue('+1e3'), decimalValue('-.5'), decimalValue('.5'), decimalValue('1_000'), decimalValue('7')])
    .toEqual([1000, -0.5, 0.5, 1000, 7]);
  for (const raw of ['', 'e5', 'model-0001-of-9.bin', ' 1', '_1', '-', '.', '+e1', 'Infinity', '1e5x']) {
    expect(decimalValue(raw)).toBeNull();
  }
});
