/**
 * Hostile input, class "edits that damage the file": every value the playground and
 * `optlens/applyHyperparameter` can send, written in every literal style of every format, must be read back
 * by the format's own loader as exactly that value (PyYAML for YAML, json, tomllib, Python's parser, argparse's
 * float() on a shell word, configparser's getint/getfloat on an INI option). The loaders are Python's, run once per
 * format in one python3 process; without python3 (or PyYAML), YAML falls back to the repository's YAML 1.1 typing
 * (server/extract/yaml11.ts) and the other formats to JSON.parse / Number.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ConfigFormat } from '../../core/analysis';
import { analyzeText } from '../../server/analyze';
import { applyReplacements, hyperparameterEdit, INTEGER_NAMES, scheduleName } from '../../server/edits';
import { ECOSYSTEMS } from '../../server/extract/ecosystems';
import { pyyamlType } from '../../server/extract/yaml11';
import { formatNumberLike } from '../../server/number-style';

/** What the sliders and the API can send: zero, the extremes of double precision, typical values, ≥ 1e21. */
const FLOATS = [0, 5e-324, 1e-12, 1e-8, 3e-4, 6e-5, 0.0003, 0.1, 0.9, 0.95, 0.999, 1, 1.5, 2, 10, 123.456, 1e7, 1e20,
  1e21, 3.3e25, 1.7976931348623157e308];
const INTEGERS = [0, 1, 8, 100, 5000, 1_000_000, 2 ** 53 - 1];
/** Literal styles a file may already use, per format (the style the written value imitates). */
type Format = Exclude<ConfigFormat, 'gin'>;
const STYLES: Record<Format, (string | null)[]> = {
  yaml: [null, '3e-4', '3.0e-4', '3.0E-04', '3.0e+2', '0.0003', '3', '3.0', '"1e-8"', "'3.0e-4'"],
  json: [null, '3e-4', '3.0E-04', '0.0003', '3', '3.0', '1e+2'],
  toml: [null, '3e-4', '3.0e-4', '0.0003', '3', '3.0', '3E+2'],
  python: [null, '3e-4', '3.0e-4', '0.0003', '3', '3.0', '1_000', '"3e-4"'],
  shell: [null, '3e-4', '3.0e-4', '0.0003', '3', '"3e-4"', "'1e-8'"],
  ini: [null, '3e-4', '3.0e-4', '0.0003', '3', '3.0', '1_000'],
};

/** A one-key document holding `literal`, in `format`. */
function documentWith(format: Format, literal: string): string {
  switch (format) {
    case 'yaml': return `k: ${literal}\n`;
    case 'json': return `{"k": ${literal}}\n`;
    case 'toml': return `k = ${literal}\n`;
    case 'python': return `k = ${literal}\n`;
    case 'shell': return `python train.py --k ${literal}\n`;
    case 'ini': return `[s]\nk = ${literal}\n`;
  }
}

const LOADER = String.raw`
import ast, configparser, json, shlex, sys, tomllib
try:
    import yaml
except ImportError:
    yaml = None
def load(fmt, text):
    if fmt == 'yaml':
        if yaml is None: return None
        v = yaml.safe_load(text)['k']
    elif fmt == 'json': v = json.loads(text)['k']
    elif fmt == 'toml': v = tomllib.loads(text)['k']
    elif fmt == 'python':
        tree = ast.parse(text)
        v = ast.literal_eval(tree.body[0].value)
    else:
        if fmt == 'ini':
            parser = configparser.ConfigParser()
            parser.read_string(text)
            word = parser['s']['k']
        else:
            words = shlex.split(text)
            word = words[words.index('--k') + 1]
        # argparse: type=int for counts, type=float otherwise; configparser's getint and getfloat alike.
        try: return {'type': 'int', 'value': int(word)}
        except ValueError: return {'type': 'float', 'value': float(word)}
    # A quoted number is a string to the loader; the framework reads it with float() (argparse type=float).
    return {'type': type(v).__name__, 'value': float(v) if isinstance(v, str) else v}
out = []
for fmt, text in json.load(sys.stdin):
    try: out.append(load(fmt, text))
    except Exception as e: out.append({'error': repr(e)})
print(json.dumps(out))
`;

type Loaded = { type: string; value: number } | { error: string } | null;

/** Loads each document with Python's loaders; null per document when python3 (or PyYAML for YAML) is missing. */
function pythonLoad(docs: [ConfigFormat, string][]): Loaded[] {
  const run = spawnSync('python3', ['-c', LOADER], { input: JSON.stringify(docs), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0 || !run.stdout) return docs.map(() => null);
  return JSON.parse(run.stdout) as Loaded[];
}

/** The repository's own reading, where Python is missing: YAML 1.1 typing, JSON.parse, Number. */
function fallbackLoad(format: ConfigFormat, literal: string): Loaded {
  const body = /^(["'])(.*)\1$/.exec(literal)?.[2] ?? literal;
  if (format === 'yaml' && body === literal && pyyamlType(literal) === 'str') return { type: 'str', value: NaN };
  return { type: /[.eE]/.test(body) ? 'float' : 'int', value: Number(body.replace(/_/g, '')) };
}

describe('every written number reads back exactly, in every format and style', () => {
  const cases: { format: Format; style: string | null; value: number; integer: boolean; literal: string }[] = [];
  for (const format of Object.keys(STYLES) as Format[]) {
    for (const style of STYLES[format]) {
      for (const value of FLOATS) cases.push(
        { format, style, value, integer: false, literal: formatNumberLike(style, value, format) });
      for (const value of INTEGERS) cases.push(
        { format, style, value, integer: true, literal: formatNumberLike(style, value, format, true) });
    }
  }
  const loaded = pythonLoad(cases.map((c) => [c.format, documentWith(c.format, c.literal)]));

  it.each(Object.keys(STYLES))('%s', (format) => {
    const failures: string[] = [];
    cases.forEach((c, i) => {
      if (c.format !== format) return;
      const got = loaded[i] ?? fallbackLoad(c.format, c.literal);
      const where = `${c.literal} (for ${c.value}, style ${c.style ?? 'none'})`;
      if (!got || 'error' in got) failures.push(`${where}: ${got ? got.error : 'unread'}`);
      else if (got.type === 'str' && c.style === c.literal.replace(/^["']|["']$/g, '')) failures.push(`${where}: a string`);
      else if (got.value !== c.value) failures.push(`${where}: read ${got.value}`);
      // A count is an integer to the framework: `5.0e+3` would be a float (and `range(5000.0)` fails).
      else if (c.integer && got.type !== 'int' && !/^["']/.test(c.literal)) failures.push(`${where}: read as ${got.type}`);
      // An unquoted literal must not be a YAML string (PyYAML's `1e-8` trap).
      else if (format === 'yaml' && !/^["']/.test(c.literal) && got.type === 'str') failures.push(`${where}: PyYAML reads a string`);
    });
    expect(failures).toEqual([]);
  });
});

describe('schedule names', () => {
  const analysisOf = (ecosystem: string) => ({ ...analyzeText('optimizer:\n  lr: 0.1\n', 'c.yaml', {}), ecosystem });

  it('writes only a name from the framework\'s own list, given as that name or as its kind', () => {
    expect(scheduleName(analysisOf('deepspeed'), 'cosine')).toEqual({ name: 'WarmupCosineLR' });
    expect(scheduleName(analysisOf('deepspeed'), 'WarmupDecayLR')).toEqual({ name: 'WarmupDecayLR' });
    expect(scheduleName(analysisOf('huggingface'), 'cosine')).toEqual({ name: 'cosine' });
    expect(scheduleName(analysisOf('huggingface'), 'wsd')).toEqual({ name: 'warmup_stable_decay' });
    for (const table of ECOSYSTEMS) {
      for (const kind of ['constant', 'cosine', 'linear', 'wsd', 'inverse-sqrt']) {
        const result = scheduleName(analysisOf(table.id), kind);
        if ('name' in result) expect(Object.keys(table.schedules ?? {})).toContain(result.name);
      }
    }
  });

  it('refuses free text: newlines, YAML tags, command substitution, backticks, `;`, unknown names', () => {
    for (const hostile of ['cosine\nlr: 1', '!!python/object/apply:os.system ["id"]', '$(touch /tmp/pwned)', '`id`', 'cosine; rm -rf ~', 'cosine_but_not_known', '']) {
      expect(scheduleName(analysisOf('huggingface'), hostile)).toHaveProperty('message');
    }
  });

  it('never writes an injected schedule into a launch script', () => {
    const text = '#!/bin/bash\ntorchrun pretrain_gpt.py --optimizer adam --lr 6e-5 --lr-decay-style cosine --train-iters 1000\n';
    const analysis = analyzeText(text, 'run.sh', {});
    expect(analysis.optimizers).toHaveLength(1);
    for (const hostile of ['$(touch /tmp/pwned)', '`id`', 'cosine; id', 'cosine --lr 1']) {
      expect(hyperparameterEdit(analysis, text, 0, 'schedule', hostile)).toHaveProperty('message');
    }
  });
});

describe('insertions are valid code', () => {
  it('never inserts a run-level key or a flag into a `torch.optim.AdamW(...)` call', () => {
    const text = 'import torch\nmodel = torch.nn.Linear(4, 4)\nopt = torch.optim.AdamW(model.parameters(), lr=3e-4)\n';
    const analysis = analyzeText(text, 'train.py', {});
    const docs: [ConfigFormat, string][] = [];
    for (const [name, value] of [['steps', 5000], ['warmupSteps', 100], ['schedule', 'cosine'], ['weightDecay', 0.1], ['eps', 1e-8]] as const) {
      const outcome = hyperparameterEdit(analysis, text, 0, name, value);
      if ('message' in outcome) continue;
      const after = applyReplacements(text, outcome.replacements);
      expect(after).not.toMatch(/,\s*--/);
      docs.push(['python', after]);
    }
    // What was written parses as Python (the loader reads the first statement; a syntax error anywhere fails
    // ast.parse).
    for (const got of pythonLoad(docs)) if (got) expect(got).not.toHaveProperty('error', expect.stringMatching(/SyntaxError/));
  });

  it('writes counts as integers wherever it inserts them', () => {
    expect(INTEGER_NAMES.has('steps')).toBe(true);
    const text = 'optimizer:\n  type: AdamW\n  lr: 3.0e-4\nmax_steps: 1.0e+3\n';
    const analysis = analyzeText(text, 'c.yaml', {});
    const outcome = hyperparameterEdit(analysis, text, 0, 'steps', 5000);
    expect(outcome).toHaveProperty('replacements');
    if ('replacements' in outcome) expect(outcome.replacements.map((r) => r.newText)).toEqual(['5000']);
  });
});
