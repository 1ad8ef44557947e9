/**
 * TOML reader (`toml-eslint-parser`, which keeps ranges for every key and value). TOML parsers stop at the
 * first syntax error; to still read the rest of a file being edited, the offending line is blanked (same
 * length, so every offset stays valid) and the file parsed again, a few times at most.
 */
import { parseTOML, type AST } from 'toml-eslint-parser';
import type { ConfigEntry, ReadResult } from './entries';

const MAX_RECOVERIES = 8;

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((k) => (k.type === 'TOMLBare' ? k.name : k.value));
}

function walkValue(node: AST.TOMLContentNode, path: string[], keySpan: ConfigEntry['keySpan'], text: string, out: ConfigEntry[]): void {
  if (node.type === 'TOMLArray') {
    node.elements.forEach((element, i) => walkValue(element, [...path, String(i)], keySpan, text, out));
    return;
  }
  if (node.type === 'TOMLInlineTable') {
    for (const kv of node.body) walkKeyValue(kv, path, text, out);
    return;
  }
  const [start, end] = node.range;
  const v: unknown = node.value;
  out.push({
    path,
    value: typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : node.kind === 'integer' ? Number(node.bigint) : text.slice(start, end),
    raw: text.slice(start, end),
    span: { start, end },
    keySpan,
    quoted: node.kind === 'string',
  });
}

function walkKeyValue(kv: AST.TOMLKeyValue, prefix: string[], text: string, out: ConfigEntry[]): void {
  walkValue(kv.value, [...prefix, ...keyNames(kv.key)], { start: kv.key.range[0], end: kv.key.range[1] }, text, out);
}

function read(text: string): ConfigEntry[] {
  const ast = parseTOML(text);
  const entries: ConfigEntry[] = [];
  for (const item of ast.body[0].body) {
    if (item.type === 'TOMLKeyValue') walkKeyValue(item, [], text, entries);
    else for (const kv of item.body) walkKeyValue(kv, item.resolvedKey.map(String), text, entries);
  }
  return entries;
}

function blankLine(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(offset - 1, 0)) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (start >= end) return text.slice(0, start) + text.slice(start).replace(/^[^\n]/, ' ');
  return text.slice(0, start) + text.slice(start, end).replace(/[^\r]/g, ' ') + text.slice(end);
}

function collectComments(text: string): ReadResult['comments'] {
  try {
    return parseTOML(text).comments.map(
      (c) => ({ text: text.slice(c.range[0], c.range[1]), span: { start: c.range[0], end: c.range[1] } }));
  } catch {
    return [];
  }
}

export function readToml(text: string): ReadResult {
  const errors: ReadResult['errors'] = [];
  let current = text;
  for (let attempt = 0; attempt <= MAX_RECOVERIES; attempt++) {
    try {
      const entries = read(current);
      return { entries, errors, comments: collectComments(current) };
    } catch (error) {
      const index = typeof (error as { index?: unknown }).index === 'number' ? (error as { index: number }).index : 0;
      const message = error instanceof Error ? error.message : String(error);
      const at = Math.min(Math.max(index, 0), text.length);
      errors.push({ message, span: { start: at, end: Math.min(at + 1, text.length) } });
      const next = blankLine(current, at);
      if (next === current) break;
      current = next;
    }
  }
  return { entries: [], errors, comments: [] };
}
