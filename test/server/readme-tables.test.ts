/**
 * The README's tables follow the code: every registered ecosystem table has its row (with the formats it reads),
 * and every finding code the server can report has its row in the diagnostics table (diagnostics link to it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANALYSIS_FINDING_CODES } from '../../server/analyze';
import { ECOSYSTEMS, GENERIC } from '../../server/extract/ecosystems/index';
import { PREDICTION_FINDING_CODES } from '../../server/prediction-findings';
import { RECIPE_FINDING_CODES } from '../../server/recipe-findings';

const ROOT = join(__dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The rows of the Markdown table that follows `heading`, as cells. */
function tableAfter(heading: string): string[][] {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const lines = README.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

const FORMAT_WORDS: Record<string, string> = {
  yaml: 'YAML', json: 'JSON', toml: 'TOML', python: 'Python', shell: 'shell', gin: 'gin', ini: 'INI',
};

describe('the README\'s ecosystems table', () => {
  const rows = tableAfter('## Supported ecosystems and formats');
  const idOf = (row: string[]) => /\(`([a-z0-9.-]+)`\)/.exec(row[0] ?? '')?.[1];

  it.each([...ECOSYSTEMS, GENERIC].map((t) => [t.id, t] as const))('has a row for %s with its formats', (id, table) => {
    const row = rows.find((r) => idOf(r) === id);
    expect(row, `README row for (\`${id}\`)`).toBeDefined();
    if (table === GENERIC) return;
    for (const format of table.formats) expect(row?.[1], `${id} reads ${format}`).toContain(FORMAT_WORDS[format]);
  });

  it('names no table that is not registered', () => {
    const ids = new Set([...ECOSYSTEMS, GENERIC].map((t) => t.id));
    expect(rows.map(idOf).filter((id) => id === undefined || !ids.has(id))).toEqual([]);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every code the server can put on a finding: the code tables, and each `code:` written in its sources. */
function findingCodes(): Set<string> {
  const codes = new Set<string>([
    ...Object.values(ANALYSIS_FINDING_CODES), ...Object.values(PREDICTION_FINDING_CODES),
    ...Object.values(RECIPE_FINDING_CODES),
  ]);
  const texts = sources(join(ROOT, 'server')).map((path) => readFileSync(path, 'utf8'));
  const constants = new Map(texts.flatMap((t) =>
    Array.from(t.matchAll(/\bconst ([A-Z][A-Z0-9_]*) = '([a-z0-9-]+)'/g), (m) => [m[1], m[2]] as const)));
  for (const text of texts) {
    for (const m of text.matchAll(/\bcode: '([a-z0-9-]+)'/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\bcode: ([A-Z][A-Z0-9_]*)\b(?!\.)/g)) {
      const code = constants.get(m[1]);
      if (code !== undefined) codes.add(code);
    }
  }
  return codes;
}

describe('the README\'s diagnostics table', () => {
  const rows = tableAfter('## Diagnostics');
  const documented = new Set(rows.map((r) => /id="finding-([a-z0-9-]+)"/.exec(r[0] ?? '')?.[1]));
  const codes = findingCodes();

  it('finds the codes the server reports', () => {
    expect(codes.size).toBeGreaterThan(25);
    for (const code of ['surge-risk', 'invalid-value', 'file-truncated', 'generic-extraction']) expect(codes).toContain(code);
  });

  it.each([...findingCodes()].sort().map((c) => [c]))('documents %s', (code) => {
    expect(documented.has(code), `README row with id="finding-${code}"`).toBe(true);
  });

  it('documents no code the server does not report', () => {
    expect([...documented].filter((code) => code === undefined || !codes.has(code))).toEqual([]);
  });
});
