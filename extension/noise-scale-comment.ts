/**
 * Where a measured noise scale is kept when it belongs to one config: an `# optlens: noise-scale=…` comment
 * in that file (server/extract/settings-comments.ts reads it), saying where the number came from. Pure: the
 * edit is computed here and applied by the command as one undoable workspace edit.
 */
import { formatSignificant } from '../core/format-number';

/** The comment marker of each language OptLens reads; plain JSON has none (DeepSpeed's json.load rejects one). */
const COMMENT_MARKER: Record<string, string> = {
  yaml: '#', toml: '#', python: '#', shellscript: '#', gin: '#', ini: '#', properties: '#', jsonc: '//',
};

export type CommentEdit =
  | { ok: true; offset: number; deleteLength: number; insert: string; line: number }
  | { ok: false; reason: string };

/** The directive's value as written: three significant digits (the estimate's own error is larger). */
export function noiseScaleLiteral(value: number): string {
  return formatSignificant(Number(value.toPrecision(3)));
}

/**
 * The edit that makes `text` carry `noise-scale=<value>`: the value of an existing directive replaced in place,
 * else a new comment line at the top (after a `#!` line and a Python encoding line, which must stay first).
 * `provenance` says where the number came from, e.g. "estimated from grad_norms.csv on 2026-12-07".
 */
export function noiseScaleCommentEdit(
  text: string, languageId: string, value: number, provenance: string): CommentEdit {
  const marker = COMMENT_MARKER[languageId];
  if (!marker) {
    return { ok: false, reason: languageId === 'json' ? 'JSON has no comments (a JSON loader would reject one)' : `OptLens reads no comments in ${languageId} files` };
  }
  const literal = noiseScaleLiteral(value);
  const existing = /(optlens:[^\n]*?\b(?:noise-scale|noise_scale|b-simple)=)([^\s,;]+)/i.exec(text);
  if (existing) {
    const offset = existing.index + (existing[1]?.length ?? 0);
    return { ok: true, offset, deleteLength: existing[2]?.length ?? 0, insert: literal, line: text.slice(0, offset).split('\n').length };
  }
  const lines = text.split('\n');
  let skip = 0;
  if (lines[0]?.startsWith('#!')) skip++;
  if (languageId === 'python' && /^#.*coding[:=]/.test(lines[skip] ?? '')) skip++;
  const offset = lines.slice(0, skip).reduce((sum, l) => sum + l.length + 1, 0);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // The provenance goes after the pair; the comment reader takes only name=value pairs from the line.
  const clean = provenance.replace(/[=\r\n]/g, ' ');
  return { ok: true, offset: Math.min(offset, text.length), deleteLength: 0, insert: `${marker} optlens: noise-scale=${literal}  (B_simple ${clean})${eol}`, line: skip + 1 };
}
