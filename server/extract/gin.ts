/**
 * Gin reader (T5X, many JAX codebases): `selector.param = value` bindings, `selector:` blocks of indented
 * `param = value` lines, macros (`BATCH_SIZE = 128`, used as `%BATCH_SIZE`), configurable references
 * (`@adafactor.Adafactor()`), scopes (`train/utils.DatasetConfig.batch_size`), `include`/`import` lines.
 *
 * Entries, as the other readers give them:
 * - a binding's path is its scope, then its selector's dotted parts, then the parameter
 *   (`['train', 'utils', 'DatasetConfig', 'batch_size']`); `origin` keeps the key as written
 *   (`train/utils.DatasetConfig.batch_size`) for display;
 * - a dict of scalars (`{'inputs': 512, 'targets': 512}`) is one entry per key, below the parameter;
 * - `%MACRO` reads through to the macro's literal (value, raw and span are the macro's, where an edit goes);
 * - each selector gets one entry for itself whose value and callee are the configurable it binds
 *   (`adafactor.Adafactor`), and `@x.Y()` references are strings `x.Y`: tables find optimizers the way they
 *   find Python calls;
 * - imports and includes are `['import']` entries, for detection.
 * Nothing here knows T5X: the ecosystem tables decide what the entries mean.
 */
import type { Span } from '../../core/hyperparams';
import { isImportEntry, type ConfigEntry, type ReadResult, type ScalarValue } from './entries';
import { topLevelParts } from './list-parts';

const MAX_ENTRIES = 200_000;
const BINDING = /^([A-Za-z_][\w./]*)\s*=\s*/;
const BLOCK = /^([A-Za-z_][\w./]*)\s*:\s*(#.*)?$/;
const NUMBER = /^[+-]?(\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)([eE][+-]?\d+)?$/;

interface Literal {
  value: ScalarValue;
  raw: string;
  span: Span;
  quoted: boolean;
}

interface Line {
  text: string;
  start: number;
  indent: number;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const piece of text.split('\n')) {
    const trimmed = piece.replace(/\s+$/, '');
    out.push({ text: trimmed, start, indent: trimmed.length - trimmed.trimStart().length });
    start += piece.length + 1;
  }
  return out;
}

/** The code part of a line: up to a `#` outside quotes. */
function codeEnd(text: string): number {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return i;
  }
  return text.length;
}

function scalar(raw: string, start: number): Literal | null {
  const text = raw.trim();
  const at = start + raw.indexOf(text);
  const span = { start: at, end: at + text.length };
  if (NUMBER.test(text)) return { value: Number(text.replace(/_/g, '')), raw: text, span, quoted: false };
  if (/^(["']).*\1$/s.test(text)) return { value: text.slice(1, -1), raw: text, span, quoted: true };
  if (text === 'True' || text === 'False') return { value: text === 'True', raw: text, span, quoted: false };
  if (text === 'None') return { value: null, raw: text, span, quoted: false };
  // `@adafactor.Adafactor()` or `@train/utils.DatasetConfig()`: the configurable's name.
  const ref = /^@([\w./]+)(\(\))?$/.exec(text);
  if (ref) return { value: ref[1] ?? text, raw: text, span, quoted: false };
  return null;
}

/**
 * The value text of a binding, joined over following lines while brackets stay open or a line ends in `\` (gin's
 * operative configs write `run.learning_rate_schedule = \` and the list on the next lines); the backslash reads as a
 * space, so offsets in the text stay the file's.
 */
function valueText(lines: Line[], i: number, from: number): { text: string; start: number; last: number } {
  let text = lines[i]?.text.slice(from, codeEnd(lines[i]?.text ?? '')) ?? '';
  const start = (lines[i]?.start ?? 0) + from;
  let depth = 0;
  const count = (s: string): number => (s.match(/[([{]/g)?.length ?? 0) - (s.match(/[)\]}]/g)?.length ?? 0);
  const continued = (): boolean => {
    if (!text.endsWith('\\')) return false;
    text = `${text.slice(0, -1)} `;
    return true;
  };
  depth = count(text);
  let last = i;
  while ((depth > 0 || continued()) && last + 1 < lines.length) {
    last++;
    const next = lines[last]?.text ?? '';
    const code = next.slice(0, codeEnd(next));
    text += '\n' + code;
    depth += count(code);
  }
  return { text, start, last };
}

/** `train/utils.DatasetConfig` → `['train', 'utils', 'DatasetConfig']`; the written form stays in `origin`. */
function selectorPath(selector: string): { path: string[]; written: string[] } {
  const slash = selector.lastIndexOf('/');
  const scope = slash >= 0 ? selector.slice(0, slash).split('/') : [];
  const rest = slash >= 0 ? selector.slice(slash + 1) : selector;
  const parts = rest.split('.');
  const written = slash >= 0 ? [`${selector.slice(0, slash)}/${parts[0] ?? ''}`, ...parts.slice(1)] : parts;
  return { path: [...scope, ...parts], written };
}

export function readGin(text: string): ReadResult {
  const entries: ConfigEntry[] = [];
  const comments: ReadResult['comments'] = [];
  const errors: ReadResult['errors'] = [];
  const macros = new Map<string, Literal>();
  const seenSelectors = new Set<string>();
  const lines = splitLines(text);
  let block: { selector: string; indent: number } | null = null;

  const push = (entry: ConfigEntry): void => {
    if (entries.length < MAX_ENTRIES) entries.push(entry);
  };
  const selectorEntry = (selector: string, span: Span): void => {
    const configurable = selector.slice(selector.lastIndexOf('/') + 1);
    if (seenSelectors.has(selector) || !/[A-Z]|\./.test(configurable)) return;
    seenSelectors.add(selector);
    const { path, written } = selectorPath(selector);
    push({
      path,
      value: configurable,
      raw: selector,
      span,
      keySpan: span,
      quoted: false,
      callee: configurable,
      origin: written,
    });
  };
  const bindValue = (path: string[], written: string[], raw: string, start: number, keySpan: Span): void => {
    const trimmed = raw.trim();
    const macro = /^%([A-Za-z_]\w*)$/.exec(trimmed);
    const target = macro ? macros.get(macro[1] ?? '') : undefined;
    if (target) {
      // The literal is the macro's: its line is where the value is written and where an edit must go.
      push({
        path,
        value: target.value,
        raw: target.raw,
        span: { ...target.span },
        keySpan,
        quoted: target.quoted,
        origin: written,
      });
      return;
    }
    const lit = scalar(raw, start);
    if (lit) {
      push({
        path,
        value: lit.value,
        raw: lit.raw,
        span: lit.span,
        keySpan,
        quoted: lit.quoted,
        ...(written.join('.') !== path.join('.') ? { origin: written } : {}),
      });
      return;
    }
    let offset = start + raw.indexOf(trimmed) + 1;
    // A dict of scalars keyed by strings (Mesh TensorFlow's `run.sequence_length = {'inputs': 512, 'targets': 512}`):
    // one entry per key, under it.
    if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
      for (const { text: part, at } of topLevelParts(trimmed.slice(1, -1)) ?? []) {
        const pair = /^(\s*)(["'])([\w.-]+)\2\s*:/.exec(part);
        const element = pair ? scalar(part.slice(pair[0].length), offset + at + pair[0].length) : null;
        const key = pair?.[3];
        if (element && key !== undefined)
          push({ path: [...path, key], value: element.value, raw: element.raw, span: element.span, keySpan,
            quoted: element.quoted, origin: [...written, key] });
      }
      return;
    }
    // A list or tuple of scalars or references: one entry per element (`betas = (0.9, 0.98)`,
    // `transformations = [@optax.clip(), @optax.adamw()]`).
    if (!/^[([]/.test(trimmed) || !/[)\]]$/.test(trimmed)) return;
    const parts = topLevelParts(trimmed.slice(1, -1));
    if (!parts) return;
    parts.forEach(({ text: part }, index) => {
      const element = part.trim() === '' ? null : scalar(part, offset);
      offset += part.length + 1;
      if (element)
        push({
          path: [...path, String(index)],
          value: element.value,
          raw: element.raw,
          span: element.span,
          keySpan,
          quoted: element.quoted,
          origin: [...written, String(index)],
        });
    });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const code = line.text.slice(0, codeEnd(line.text));
    if (code.length < line.text.length)
      comments.push({
        text: line.text.slice(code.length),
        span: { start: line.start + code.length, end: line.start + line.text.length },
      });
    const body = code.trim();
    if (body === '') continue;
    if (block && line.indent <= block.indent) block = null;
    const lead = line.start + line.indent;
    const module = /^(?:from\s+([\w.]+)\s+)?import\s+([\w.]+)|^include\s+(["'])(.+)\3/.exec(body);
    if (module) {
      const name = module[4] ?? (module[1] ? `${module[1]}.${module[2] ?? ''}` : (module[2] ?? ''));
      const span = { start: lead, end: lead + body.length };
      push({ path: ['import'], value: name, raw: body, span, keySpan: null, quoted: false, callee: name });
      continue;
    }
    const header = BLOCK.exec(body);
    if (header && !block) {
      block = { selector: header[1] ?? '', indent: line.indent };
      selectorEntry(block.selector, { start: lead, end: lead + (header[1] ?? '').length });
      continue;
    }
    const binding = BINDING.exec(body);
    if (!binding) {
      errors.push({
        message: 'not a gin binding (`name = value`) or block (`selector:`)',
        span: { start: lead, end: lead + body.length },
      });
      continue;
    }
    const key = binding[1] ?? '';
    const keySpan = { start: lead, end: lead + key.length };
    const { text: raw, start, last } = valueText(lines, i, line.indent + binding[0].length);
    i = last;
    if (block) {
      const { path, written } = selectorPath(block.selector);
      bindValue([...path, key], [...written, key], raw, start, keySpan);
      continue;
    }
    if (!key.includes('.') && !key.includes('/')) {
      // A macro: remembered for `%NAME`, and an entry of its own (`TRAIN_STEPS = 5000`).
      const lit = scalar(raw, start);
      if (lit) macros.set(key, lit);
      bindValue([key], [key], raw, start, keySpan);
      continue;
    }
    const dot = key.lastIndexOf('.');
    const selector = key.slice(0, dot);
    selectorEntry(selector, { start: keySpan.start, end: keySpan.start + selector.length });
    const { path, written } = selectorPath(selector);
    bindValue([...path, key.slice(dot + 1)], [...written, key.slice(dot + 1)], raw, start, keySpan);
  }
  placeAtReferences(entries);
  return { entries, errors, comments };
}

/**
 * A configurable is chosen where it is referenced (`transformations = [@optax.clip(), @optax.adamw()]`,
 * `OPTIMIZER = @adafactor.Adafactor()`); its block (`optax.adamw:`) only binds its parameters. So the entry a
 * selector gets for itself sits at its first reference when the file writes one (its key span stays the block's).
 */
function placeAtReferences(entries: ConfigEntry[]): void {
  const references = new Map<string, ConfigEntry>();
  // By the configurable's own name too: gin finds `AdafactorOptimizer.beta1`'s configurable however the reference
  // qualifies it (`run.optimizer = @optimize.AdafactorOptimizer`).
  const byName = new Map<string, ConfigEntry>();
  const keep = (map: Map<string, ConfigEntry>, key: string, e: ConfigEntry): void => {
    const previous = map.get(key);
    if (!previous || e.span.start < previous.span.start) map.set(key, e);
  };
  for (const e of entries) {
    if (e.callee !== undefined || typeof e.value !== 'string' || !e.raw.startsWith('@')) continue;
    keep(references, e.value, e);
    keep(byName, e.value.slice(e.value.lastIndexOf('.') + 1), e);
  }
  for (const e of entries) {
    if (e.callee === undefined || isImportEntry(e)) continue;
    const exact = references.get(e.raw);
    const reference = exact ?? (e.raw.includes('.') || e.raw.includes('/') ? undefined : byName.get(e.raw));
    if (!reference) continue;
    // The name inside the reference (`optax.adamw` of `@optax.adamw()`, `AdafactorOptimizer` of
    // `@optimize.AdafactorOptimizer`), so the span still holds the entry's raw.
    const at = reference.span.start + (exact ? 1 : reference.raw.lastIndexOf(e.raw));
    e.span = { start: at, end: at + e.raw.length };
  }
}
