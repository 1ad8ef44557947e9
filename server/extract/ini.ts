/**
 * INI reader, for files Python's `configparser` reads (`.ini`, `.cfg`): `[section]` headers, `key = value` and
 * `key: value` options, `#` and `;` comment lines, values continued on more-indented lines, a `[DEFAULT]` section
 * every section inherits, and interpolations (`%(name)s`, `${name}`, `${section:name}`).
 *
 * A line reader, as gin.ts is, because the INI parsers on npm (`ini`, `config-ini-parser`, `configparser`) return
 * plain objects without offsets, and OptLens needs the exact span of every literal for hints and edits. It follows
 * cpython Lib/configparser.py `RawConfigParser._read_inner`: a line indented deeper than its option's line continues
 * it; a comment line inside a value is skipped; option names are lower-cased (`optionxform`), section names are not;
 * the key ends at the first `=` or `:`. Three differences, so that a file being edited still shows its values:
 * a line configparser refuses (no delimiter, a key before any section, a key written twice in a section under the
 * default `strict=True`) is reported as a syntax error and the rest is read (of a key written twice, the last, as
 * `strict=False` keeps); a section written again is a block of its own (`[section, '1', key]`), as darknet's
 * `.cfg` files write one `[convolutional]` per layer; and `#`/`;` after whitespace starts an inline comment, since
 * code that reads numbers from such a file must have set `inline_comment_prefixes` for `lr = 3e-4  # peak` to work.
 *
 * Entries: `[section, key]` (the key lower-cased, the written form in `origin` when it differs); list-looking values
 * give one entry per element (ini-values.ts); a key a section inherits from `[DEFAULT]` is an entry of that section
 * too, at the DEFAULT literal (`origin` `['DEFAULT', key]`, `inherited`); an interpolation reads through to the
 * literal it names, with `through` the reference, as YAML's `${...}` does (interpolation.ts).
 */
import type { Span } from '../../core/hyperparams';
import type { ConfigEntry, ReadResult } from './entries';
import { iniList, iniScalar, interpolationOf, type IniLiteral } from './ini-values';

const MAX_ENTRIES = 200_000;
/**
 * References followed at most, one after another, as configparser's MAX_INTERPOLATION_DEPTH (cpython
 * Lib/configparser.py; past it, InterpolationDepthError): a longer chain, or a cycle, is read as written.
 */
const MAX_HOPS = 10;
const DEFAULT_SECTION = 'DEFAULT';

interface Option {
  /** null for `[DEFAULT]`; '' for a key written before any header. */
  section: string | null;
  /**
   * Which writing of its section: a section written again (darknet's `[convolutional]` per layer) is read as a
   * block of its own, `[name, '1', key]`, not merged and not an error (configparser's strict mode refuses such a
   * file, DuplicateSectionError; strict=False merges it, the last value of a key winning, as interpolations here
   * are looked up).
   */
  occurrence: number;
  key: string;
  written: string;
  keySpan: Span;
  /** Code pieces of the value: the first line's after the delimiter, then each continuation line's. */
  pieces: Span[];
  /** Its value as read in each section (one entry unless it interpolates), once read (Entries.value). */
  memo?: Map<string | null, Outcome | 'reading'>;
}

interface Read {
  lit: IniLiteral;
  /** The option whose literal it is. */
  from: Option;
  /** Its index in `from`'s list, when it is an element of one. */
  index?: number;
  through?: { expression: string; span: Span };
}
type Value = { scalar: Read } | { list: (Read | null)[] };
interface Outcome {
  value: Value;
  depth: number;
}

/** Where the code of a line ends: at a `#` or `;` that starts the line or follows whitespace, outside quotes. */
function codeEnd(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ((c === '#' || c === ';') && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return i;
  }
  return line.length;
}

/**
 * What configparser makes of a line that does not continue a value (the same tests `readIni` applies): nothing (a
 * blank or comment line), a `[section]` header, an option, or a line it refuses.
 */
export function iniLineKind(line: string): 'none' | 'header' | 'option' | 'refused' {
  const body = line.slice(0, codeEnd(line)).trim();
  if (body === '') return 'none';
  if (body.startsWith('[') && body.lastIndexOf(']') > 1) return 'header';
  const delimiter = body.search(/[=:]/);
  return delimiter > 0 && body.slice(0, delimiter).trimEnd() !== '' ? 'option' : 'refused';
}

/** The value's text from its first to its last code character, everything else blanked (newlines kept). */
function valueSource(text: string, option: Option): { source: string; start: number } {
  const first = option.pieces[0];
  const last = option.pieces[option.pieces.length - 1];
  if (!first || !last) return { source: '', start: 0 };
  const out: string[] = [];
  let at = first.start;
  for (const piece of option.pieces) {
    if (piece.start > at) out.push(text.slice(at, piece.start).replace(/[^\n]/g, ' '));
    out.push(text.slice(piece.start, piece.end));
    at = piece.end;
  }
  return { source: out.join(''), start: first.start };
}

const sectionLabel = (section: string | null): string => (section === null ? DEFAULT_SECTION : section);

export function readIni(text: string): ReadResult {
  const errors: ReadResult['errors'] = [];
  const comments: ReadResult['comments'] = [];
  const options: Option[] = [];
  const defaults = new Map<string, Option>();
  const sections = new Map<string, Map<string, Option>>();
  const occurrences = new Map<string | null, number>();
  const superseded = new Set<Option>();
  let section: Map<string, Option> | null = null;
  let sectionName: string | null = '';
  let occurrence = 0;
  /** The keys of the section as written since its header (a key written twice there is an error). */
  let ownKeys = new Map<string, Option>();
  let current: Option | null = null;
  let indentLevel = 0;

  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    const next = lineEnd + 1;
    const indent = line.length - line.trimStart().length;
    const cut = codeEnd(line);
    if (cut < line.length) {
      const commentText = line.slice(cut).trimEnd();
      comments.push({ text: commentText, span: { start: lineStart + cut, end: lineStart + cut + commentText.length } });
    }
    const code = line.slice(0, cut).trimEnd();
    if (code.trim() === '') {
      lineStart = next;
      continue;
    }
    const codeSpan = { start: lineStart + indent, end: lineStart + code.length };
    if (current && indent > indentLevel) {
      current.pieces.push(codeSpan);
      lineStart = next;
      continue;
    }
    indentLevel = indent;
    const body = code.slice(indent);
    const header = body.startsWith('[') ? body.lastIndexOf(']') : -1;
    if (header > 1) {
      const name = body.slice(1, header);
      sectionName = name === DEFAULT_SECTION ? null : name;
      occurrence = sectionName === null ? 0 : (occurrences.get(sectionName) ?? 0);
      occurrences.set(sectionName, occurrence + 1);
      ownKeys = new Map<string, Option>();
      section = sectionName === null ? defaults : (sections.get(name) ?? new Map<string, Option>());
      if (sectionName !== null) sections.set(name, section);
      current = null;
      lineStart = next;
      continue;
    }
    const delimiter = body.search(/[=:]/);
    const written = delimiter > 0 ? body.slice(0, delimiter).trimEnd() : '';
    if (written === '') {
      errors.push({ message: 'not an INI line (`key = value`, `key: value` or `[section]`): configparser stops with a ' +
        'ParsingError here', span: codeSpan });
      lineStart = next;
      continue;
    }
    if (!section) {
      errors.push({ message: 'a key before any [section]: configparser refuses the file (MissingSectionHeaderError)',
        span: codeSpan });
      section = new Map<string, Option>();
      sections.set('', section);
    }
    const key = written.toLowerCase();
    const keySpan = { start: codeSpan.start, end: codeSpan.start + written.length };
    const valueAt = body.slice(delimiter + 1).search(/\S/);
    const valueStart = valueAt < 0 ? codeSpan.end : codeSpan.start + delimiter + 1 + valueAt;
    const pieces = [{ start: valueStart, end: codeSpan.end }];
    const option: Option = { section: sectionName, occurrence, key, written, keySpan, pieces };
    const previous = ownKeys.get(key);
    if (previous) {
      errors.push({ message: `\`${key}\` is set twice in [${sectionLabel(sectionName)}]: configparser refuses the file ` +
        '(DuplicateOptionError) unless strict=False, which keeps the last', span: keySpan });
      superseded.add(previous);
    }
    ownKeys.set(key, option);
    section.set(key, option);
    options.push(option);
    current = option;
    lineStart = next;
  }

  const entries = new Entries(text, defaults, sections);
  for (const option of options) if (!superseded.has(option)) entries.emit(option, option.section);
  // Sections × DEFAULT keys can be quadratic in the file's size: the copies stop with the entries' budget.
  inheriting: for (const [name, own] of sections) {
    if (name === '') continue;
    for (const inherited of defaults.values()) {
      if (entries.full()) break inheriting;
      if (!own.has(inherited.key)) entries.emit(inherited, name);
    }
  }
  return { entries: entries.out, errors, comments };
}

/** Turns options into entries, reading each value once per section it is read in (interpolations depend on it). */
class Entries {
  readonly out: ConfigEntry[] = [];
  /** Set when a read was cut short by the stack limit, so that what depended on it is not memoised. */
  private cut = false;
  private readonly sources = new Map<Option, { source: string; start: number; interpolates: boolean }>();

  constructor(private readonly text: string, private readonly defaults: Map<string, Option>,
    private readonly sections: Map<string, Map<string, Option>>) {}

  full(): boolean {
    return this.out.length >= MAX_ENTRIES;
  }

  /** The option's entries as read in `section` (its own, or a section inheriting it from DEFAULT). */
  emit(option: Option, section: string | null): void {
    if (this.out.length >= MAX_ENTRIES) return;
    const own = option.section === section;
    const block = own && option.occurrence > 0 ? [String(option.occurrence)] : [];
    const path = section === null ? [DEFAULT_SECTION, option.key] : section === '' ? [option.key]
      : [section, ...block, option.key];
    const written = own ? [...path.slice(0, -1), option.written] : this.writtenPath(option);
    const { value } = this.value(option, section, 0);
    const inherited = !own;
    if ('scalar' in value) this.push(path, written, option.keySpan, value.scalar, inherited);
    else value.list.forEach((read, i) => {
      if (read) this.push([...path, String(i)], [...written, String(i)], option.keySpan, read, inherited);
    });
  }

  private writtenPath(option: Option): string[] {
    if (option.section === '') return [option.written];
    const block = option.occurrence > 0 ? [String(option.occurrence)] : [];
    return [sectionLabel(option.section), ...block, option.written];
  }

  private push(path: string[], written: string[], keySpan: Span, read: Read, inherited: boolean): void {
    if (this.out.length >= MAX_ENTRIES) return;
    const origin = read.through === undefined ? written
      : [...this.writtenPath(read.from), ...(read.index === undefined ? [] : [String(read.index)])];
    const { span } = read.lit;
    this.out.push({
      path,
      value: read.lit.value,
      // The file's own text: a value continued over lines keeps the comment lines configparser skips inside it.
      raw: read.lit.raw.includes('\n') ? this.text.slice(span.start, span.end) : read.lit.raw,
      span: { ...span },
      keySpan,
      quoted: read.lit.quoted,
      ...(origin.join('\0') !== path.join('\0') ? { origin } : {}),
      ...(read.through ? { through: read.through } : {}),
      ...(inherited ? { inherited } : {}),
    });
  }

  /** The option a reference names, looked up as configparser does: the section, then DEFAULT. */
  private target(section: string | null, ref: { section: string | null; option: string }): Option | undefined {
    const key = ref.option.trim().toLowerCase();
    const name = ref.section ?? section;
    const own = name === null || name === DEFAULT_SECTION ? undefined : this.sections.get(name);
    return own?.get(key) ?? this.defaults.get(key);
  }

  /** The option's value text, built once: a long value inherited by many sections is not copied again for each. */
  private sourceOf(option: Option): { source: string; start: number; interpolates: boolean } {
    const known = this.sources.get(option);
    if (known) return known;
    const { source, start } = valueSource(this.text, option);
    const built = { source, start, interpolates: source.includes('%(') || source.includes('${') };
    this.sources.set(option, built);
    return built;
  }

  /**
   * The option's value as read in `readIn`, and its depth: 0 for its own literal, n for a literal reached through n
   * references, -1 for a reference left as written (missing, a cycle, or deeper than configparser follows).
   * Memoised per option and section, so a chain is followed once; a result cut short by `stack` is not kept.
   */
  private value(option: Option, readIn: string | null, stack: number): Outcome {
    const { source, start, interpolates } = this.sourceOf(option);
    const asWritten = (depth: number): Outcome =>
      ({ value: { scalar: { lit: iniScalar(source, start), from: option } }, depth });
    if (stack > MAX_HOPS) {
      this.cut = true;
      return asWritten(-1);
    }
    // Only an interpolation depends on the section that reads the value.
    const section = interpolates ? readIn : option.section;
    let bySection = option.memo;
    if (!bySection) {
      bySection = new Map<string | null, Outcome | 'reading'>();
      option.memo = bySection;
    }
    const known = bySection.get(section);
    if (known === 'reading') return asWritten(-1);
    if (known) return known;
    bySection.set(section, 'reading');
    const outer = this.cut;
    this.cut = false;
    const reference = (expression: string, at: number): Outcome | null => {
      const ref = interpolationOf(expression);
      const target = ref ? this.target(section, ref) : undefined;
      if (!target || target === option) return null;
      // configparser interpolates a DEFAULT value in the section that reads it.
      const got = this.value(target, target.section === null ? section : target.section, stack + 1);
      if (got.depth < 0 || got.depth + 1 > MAX_HOPS) return null;
      const lead = expression.length - expression.trimStart().length;
      const written = expression.trim();
      const through = { expression: written, span: { start: at + lead, end: at + lead + written.length } };
      const mark = (r: Read | null): Read | null => (r ? { ...r, through } : null);
      const value = 'scalar' in got.value ? { scalar: { ...got.value.scalar, through } } : { list: got.value.list.map(mark) };
      return { value, depth: got.depth + 1 };
    };
    let index = 0;
    const list = iniList(source, start, (part, at, plain): Read | null => {
      const i = index++;
      const resolved = reference(part, at);
      if (resolved) return 'scalar' in resolved.value ? resolved.value.scalar : null;
      return plain ? { lit: plain, from: option, index: i } : null;
    });
    const outcome = reference(source, start) ??
      (list ? { value: { list }, depth: 0 } : asWritten(interpolationOf(source) ? -1 : 0));
    if (this.cut) bySection.delete(section);
    else bySection.set(section, outcome);
    this.cut ||= outer;
    return outcome;
  }
}
