/**
 * JSON and JSONC reader (`jsonc-parser`, the parser VS Code itself uses): comments and trailing commas
 * are accepted, as DeepSpeed's and many hand-edited configs need; errors are reported with positions and
 * the rest of the tree is still read.
 */
import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError, type SyntaxKind } from 'jsonc-parser';

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot read; these are its values.
const LINE_COMMENT: SyntaxKind = 12;
const BLOCK_COMMENT: SyntaxKind = 13;
const EOF: SyntaxKind = 17;
import type { ConfigEntry, ReadResult } from './entries';

const MAX_DEPTH = 500;

function walk(node: Node, path: string[], keySpan: ConfigEntry['keySpan'], text: string, out: ConfigEntry[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  switch (node.type) {
    case 'object':
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (!key || !value) continue;
        walk(value, [...path, String(key.value)], { start: key.offset, end: key.offset + key.length }, text, out,
          depth + 1);
      }
      return;
    case 'array':
      (node.children ?? []).forEach((child, i) => walk(child, [...path, String(i)], keySpan, text, out, depth + 1));
      return;
    case 'string':
    case 'number':
    case 'boolean':
    case 'null': {
      const value: unknown = node.value;
      out.push({
        path,
        value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null,
        raw: text.slice(node.offset, node.offset + node.length),
        span: { start: node.offset, end: node.offset + node.length },
        keySpan,
        quoted: node.type === 'string',
      });
      return;
    }
    default:
      return;
  }
}

function collectComments(text: string): ReadResult['comments'] {
  const comments: ReadResult['comments'] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== EOF; kind = scanner.scan()) {
    if (kind === LINE_COMMENT || kind === BLOCK_COMMENT) {
      const start = scanner.getTokenOffset();
      comments.push({ text: text.slice(start, start + scanner.getTokenLength()),
        span: { start, end: start + scanner.getTokenLength() } });
    }
  }
  return comments;
}

export function readJson(text: string): ReadResult {
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors,
    { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const entries: ConfigEntry[] = [];
  if (root) walk(root, [], null, text, entries, 0);
  const errors = parseErrors.map(
    (e) => ({ message: printParseErrorCode(e.error), span: { start: e.offset, end: e.offset + e.length } }));
  return { entries, errors, comments: collectComments(text) };
}
