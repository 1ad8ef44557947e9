/**
 * How PyYAML (YAML 1.1, `yaml.safe_load`) and OmegaConf type a plain scalar, decided from its raw text.
 * npm `yaml` cannot reproduce PyYAML: with either of its schemas `1e-8` is a number, while PyYAML's float
 * resolver needs a dot and a signed exponent (PyYAML 6.0.3 resolver.py), so `1e-8`, `5e12` and `1.0e8`
 * are strings there. OmegaConf's loader (omegaconf/_utils.py `get_yaml_loader`) adds a float resolver with
 * optional dot and sign, so under OmegaConf they are floats.
 */
export type PyYamlType = 'int' | 'float' | 'bool' | 'null' | 'str';

// PyYAML 6.0.3 yaml/resolver.py, implicit resolvers for float, int, bool and null (verbatim alternations).
const PYYAML_FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const PYYAML_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const PYYAML_BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const PYYAML_NULL = /^(?:~|null|Null|NULL|)$/;
// omegaconf/_utils.py get_yaml_loader: dot and exponent sign both optional.
const OMEGACONF_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** What a JavaScript reader (and a human) takes for a decimal number. */
const DECIMAL = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?$/;

export function pyyamlType(raw: string): PyYamlType {
  if (PYYAML_NULL.test(raw)) return 'null';
  if (PYYAML_BOOL.test(raw)) return 'bool';
  if (PYYAML_INT.test(raw)) return 'int';
  if (PYYAML_FLOAT.test(raw)) return 'float';
  return 'str';
}

export function omegaconfReadsFloat(raw: string): boolean {
  return OMEGACONF_FLOAT.test(raw);
}

/** The number a plain scalar denotes (underscores allowed, as PyYAML allows them), or null. */
export function decimalValue(raw: string): number | null {
  // DECIMAL starts with a sign, a digit or a dot: the cheap test spares the regex on the names and paths of a big file.
  const c = raw.charCodeAt(0);
  if (!(c >= 0x30 && c <= 0x39) && c !== 0x2b && c !== 0x2d && c !== 0x2e) return null;
  if (!DECIMAL.test(raw)) return null;
  const value = Number(raw.replace(/_/g, ''));
  return Number.isFinite(value) ? value : null;
}

/** A plain scalar that looks like a decimal number but that PyYAML loads as a string (`1e-8`, `5e12`, `1.0e8`). */
export function isPyYamlStringNumber(raw: string): boolean {
  return decimalValue(raw) !== null && pyyamlType(raw) === 'str';
}

/**
 * The same number written so that PyYAML reads a float: a dot in the mantissa and a signed exponent
 * (`1e-8` → `1.0e-8`, `5e12` → `5.0e+12`, `1.0e8` → `1.0e+8`). Returns null when no rewrite is needed.
 */
export function pyyamlSafeLiteral(raw: string): string | null {
  if (!isPyYamlStringNumber(raw)) return null;
  const match = /^([-+]?)([0-9_]*)(\.[0-9_]*)?(?:([eE])([-+]?)([0-9]+))?$/.exec(raw);
  if (!match) return null;
  const [, sign = '', int = '', frac, e, expSign, exp] = match;
  const mantissa = `${int === '' ? '0' : int}${frac === undefined ? '.0' : frac === '.' ? '.0' : frac}`;
  const exponent = e === undefined ? '' : `${e}${expSign === '' ? '+' : expSign}${exp}`;
  const out = `${sign}${mantissa}${exponent}`;
  return pyyamlType(out) === 'float' ? out : null;
}
