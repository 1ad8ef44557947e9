/**
 * Hydra command-line overrides written as Python strings. A pipeline script that launches a Hydra trainer builds its
 * command line from strings (NVIDIA/NeMo-Skills@0b012df recipes/openmathreasoning/scripts/simplified_recipe.py:
 * `base_args = ["++policy.lr=1e-5", "++policy.train_global_batch_size=32"]`, joined and passed to the SFT job), so
 * each override sets that key of the trainer's config as it would in a shell launcher (shell.ts reads the same
 * words). Hydra's grammar: `key=value` overrides, `+key=value` appends, `++key=value` appends or overrides
 * (hydra.cc/docs/advanced/override_grammar/basic). Only the `+` and `++` forms are read here: a bare `a=b` inside a
 * Python string is too often something else (a query, a format, a shell assignment). A bare string statement (a
 * docstring) is documentation, not a command line; a value holding a `{…}` replacement field is not written.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { ScalarValue } from '../entries';
import { record, type Reader } from './placement';
import { LIMITS } from './values';

/** An override inside a string: its prefix, its dotted key and its value, up to whitespace or a quote. */
const OVERRIDE = /(^|\s)\+\+?([A-Za-z_][\w-]*(?:\.[\w-]+)*)=([^\s'"{}]+)(?=$|[\s'"])/g;
const NUMBER = /^[-+]?(\d[\d_]*(?:\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
/** Strings read (a file of many strings must not cost more). */
const MAX_STRINGS = 50_000;

function scalar(text: string): ScalarValue {
  if (NUMBER.test(text)) return Number(text.replace(/_/g, ''));
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  return text;
}

/** Where the string's content starts: after its prefix letters (`f`, `r`, `b`, `u`) and its opening quotes. */
function contentStart(text: string, node: SyntaxNode): number {
  const opening = /^[A-Za-z]*("""|'''|"|')/.exec(text.slice(node.from, Math.min(node.to, node.from + 8)));
  return node.from + (opening?.[0].length ?? 0);
}

function readString(reader: Reader, node: SyntaxNode): void {
  const start = contentStart(reader.text, node);
  const content = reader.text.slice(start, node.to);
  for (const m of content.matchAll(OVERRIDE)) {
    if (reader.entries.length >= LIMITS.entries) return;
    const [, space = '', key = '', raw = ''] = m;
    const keyFrom = start + (m.index ?? 0) + space.length + m[0].slice(space.length).indexOf(key);
    const valueFrom = keyFrom + key.length + 1;
    const path = key.split('.');
    const before = reader.entries.length;
    reader.entries.push({ path, value: scalar(raw), raw, span: { start: valueFrom, end: valueFrom + raw.length },
      keySpan: { start: keyFrom, end: keyFrom + key.length }, quoted: false });
    record(reader, path, before, node.from);
  }
}

/** Every `+key=value` / `++key=value` override in the file's strings, as an entry under its dotted key. */
export function readOverrideStrings(reader: Reader, tree: Tree): void {
  if (!reader.text.includes('+')) return;
  let strings = 0;
  tree.iterate({
    enter(ref) {
      if (strings >= MAX_STRINGS) return false;
      if (ref.name !== 'String' && ref.name !== 'FormatString') return undefined;
      strings++;
      const node = ref.node;
      if (node.parent?.name !== 'ExpressionStatement' && reader.text.slice(node.from, node.to).includes('+')) {
        readString(reader, node);
      }
      return false;
    },
  });
}
