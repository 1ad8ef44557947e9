/**
 * From an entry to the value the framework will see. Readers report each format's standard typing
 * (YAML 1.2 for YAML); Python frameworks load YAML with PyYAML or OmegaConf, which type a few plain
 * scalars differently (`150_001` is an int there, a string in YAML 1.2). Dot-less exponents stay numbers
 * here, so that predictions use them; the PyYAML trap reports what a plain `safe_load` would do.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { ConfigEntry, ScalarValue } from './entries';
import { decimalValue, pyyamlType } from './yaml11';

export function frameworkValue(entry: ConfigEntry, format: ConfigFormat): ScalarValue {
  if (format !== 'yaml' || entry.quoted || typeof entry.value !== 'string') return entry.value;
  const type = pyyamlType(entry.raw);
  if (type === 'int' || type === 'float' || type === 'str') {
    const n = decimalValue(entry.raw);
    if (n !== null) return n;
  }
  return entry.value;
}

/** Numbers inside a string written where a list was meant: `"(0.9, 0.999)"`, `"0.9,0.95"`, `"[0.9, 0.95]"`. */
export function numbersInString(value: string): number[] | null {
  const trimmed = value.trim();
  if (!/^[([]?\s*[-+.\d][-+.\deE_\s,]*[)\]]?$/.test(trimmed) || !trimmed.includes(',')) return null;
  const parts = trimmed.replace(/^[([]|[)\]]$/g, '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  const numbers = parts.map((p) => decimalValue(p));
  return numbers.every((n): n is number => n !== null) ? numbers : null;
}
