/**
 * Shell reader: Megatron-LM, DeepSpeed and OpenRLHF launch scripts. Every `--flag value`,
 * `--flag=value` and bare `--flag` becomes an entry `['--flag']`, and a second one under the flag's argparse
 * `dest` (`['adam_beta1']`, `['optimizer', 'lr']` for `--optimizer.lr`), wherever it is written: on a command
 * line, in a bash array (`GPT_ARGS=( ... )`), in a string of flags (`OPTS="--lr 1e-4"`), in a
 * here-document read into a variable (OpenRLHF's `read -r -d '' cmd <<EOF`), or in a script passed as a string
 * (`srun ... bash -c "torchrun train.py --lr 1e-4"`, `eval "..."`). Hydra-style overrides on a
 * command line (`model.optim.lr=1e-4`) become entries under their dotted key.
 *
 * Variables are followed in script order (`LR=6e-5` … `--lr $LR`, `${LR:-6e-5}`, `$((8*2))`), and a value
 * taken whole from one literal keeps that literal's span, so the line is the one where the number is written.
 * A flag's value only a run knows (`$1`, `$(nproc)`, an unset variable) is an entry marked as set at run time.
 *
 * The syntax is read by shell/syntax.ts, a tokenizer for the subset launch scripts use. The maintained
 * shell parsers on npm did not fit: `sh-syntax` (mvdan/sh compiled to WebAssembly) only parses
 * asynchronously, reports UTF-8 byte offsets and gives up on the first syntax error (a script being
 * typed yields nothing), and `mvdan-sh` is deprecated in its favour (mvdan/sh#1145).
 *
 * Values are typed as Python's argparse `type=float`/`type=int` would read them: numbers when the text is
 * a number (`.001`, `6.0e-5`), strings otherwise; a bare flag is `true`.
 */
import type { RuntimeValue, Span } from '../../core/hyperparams';
import type { ConfigEntry, ReadResult, ScalarValue } from './entries';
import {
  assignedChunks, boundary, boundedChunks, fieldsOf, type Chunk, type Environment, type Field, type Segment,
} from './shell/expand';
import { readOtherArms } from './shell/arm-words';
import { notTrainingScript } from './shell/command-purpose';
import { defaultSetting } from './shell/default-settings';
import { Branches } from './shell/branches';
import { hereDocJson, hereDocYaml } from './shell/heredoc-json';
import { parseScript, type Assignment, type Command, type Word } from './shell/syntax';

const MAX_ENTRIES = 200_000;
const MAX_NESTING = 16;

const NUMBER = /^[+-]?(?:[0-9](?:_?[0-9])*(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const FLAG = /^(--[A-Za-z0-9][A-Za-z0-9_.-]*)(=?)/;
const OVERRIDE = /^(?:\+\+|\+|~)?([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*)=/;

interface Sink {
  text: string;
  entries: ConfigEntry[];
  seen: Set<string>;
  branches: Branches;
  /** The command whose flags are being read (ConfigEntry.launch), and how many commands have been read. */
  launch?: number;
  /** The script of the command being read when it runs no training (shell/command-purpose.ts). */
  notTraining?: string;
  commands: number;
}

function numberOrText(text: string): ScalarValue {
  return NUMBER.test(text) ? Number(text.replace(/_/g, '')) : text;
}

/** Hydra's override grammar also reads booleans and null. */
function overrideValue(text: string): ScalarValue {
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (lower === 'null') return null;
  return numberOrText(text);
}

function push(sink: Sink, path: string[], value: ScalarValue, span: Span, keySpan: Span, quoted: boolean,
  origin?: string[], runtime?: RuntimeValue): void {
  const entry: ConfigEntry = { path, value, raw: sink.text.slice(span.start, span.end), span, keySpan, quoted };
  if (sink.launch !== undefined) entry.launch = sink.launch;
  if (sink.launch !== undefined && sink.notTraining !== undefined) entry.notTraining = sink.notTraining;
  if (origin) entry.origin = origin;
  if (runtime) entry.runtime = runtime;
  pushEntry(sink, entry);
}

/** Adds an entry once: the same key read at the same literal twice (a command seen again through eval) counts once. */
function pushEntry(sink: Sink, entry: ConfigEntry): void {
  const id = `${entry.path.join('\u0000')}\u0000${entry.span.start}:${entry.span.end}`;
  if (sink.seen.has(id) || sink.entries.length >= MAX_ENTRIES) return;
  sink.seen.add(id);
  sink.entries.push(entry);
}

/**
 * Pushes a flag's value under the flag (`['--adam-beta1']`) and under the name the program reads it by,
 * argparse's `dest` (`['adam_beta1']`; `--optimizer.lr` → `['optimizer', 'lr']` for jsonargparse-style
 * dotted options), so tables that spell a framework's config keys read its command line too.
 */
function pushFlag(sink: Sink, flag: string, index: string[], value: ScalarValue, span: Span, keySpan: Span,
  quoted: boolean, runtime?: RuntimeValue): void {
  push(sink, [flag, ...index], value, span, keySpan, quoted, undefined, runtime);
  const dest = flag.replace(/^-+/, '').replace(/-/g, '_').split('.');
  if (dest.every((segment) => segment !== '')) {
    push(sink, [...dest, ...index], value, span, keySpan, quoted, [flag, ...index], runtime);
  }
}

/**
 * A value that is a quotient of the file's own variables (`--gradient_accumulation_steps $((BATCH / MICRO / GPUS))`):
 * the literal of the variable it divides, under `[...key, 'dividend']` with that variable as its origin, so role
 * inference can read what the division says the dividend is. Nothing when the value divides no such variable.
 */
function pushDividend(sink: Sink, key: string[], keySpan: Span, field: Field): void {
  const dividend = field.dividend;
  if (!dividend) return;
  const { literal } = dividend;
  const dest = key.length === 1 && key[0]?.startsWith('-') ? key[0].replace(/^-+/, '').replace(/-/g, '_').split('.') : key;
  push(sink, [...dest, 'dividend'], numberOrText(literal.text.trim()), literal.span, keySpan, literal.quoted,
    [dividend.name]);
}

/** A flag's value only the run knows (`--lr $LR` with LR unset here, `--lr $(cat lr.txt)`): its expression. */
function pushRuntimeFlag(sink: Sink, flag: string, index: string[], value: Field, keySpan: Span): void {
  const expression = sink.text.slice(value.span.start, value.span.end);
  pushFlag(sink, flag, index, expression, value.span, keySpan, value.quoted, { kind: 'environment', expression });
}

/** The segment holding all of `value.slice(from, to)`, if one does. */
function segmentOver(field: Field, from: number, to: number): Segment | undefined {
  return field.segments?.find((s) => s.from <= from && to <= s.to);
}

/** The source of `value.slice(from, to)` when one literal holds it; null otherwise. */
function sourceOf(field: Field, from: number, to: number): Span | null {
  const s = segmentOver(field, from, to);
  if (!s) return null;
  if (s.offset !== null) return { start: s.offset + from - s.from, end: s.offset + to - s.from };
  return s.from === from && s.to === to ? s.span : null;
}

/**
 * The part of a field after `cut` characters, with an exact span when the field is exact, or when the part was
 * written in one place of a field pieced together (`steps=$STEPS` in a command held in a variable: `2550` where
 * STEPS is set).
 */
function tail(field: Field, cut: number): { span: Span; keySpan: Span } {
  if (field.offset === null) {
    return { span: sourceOf(field, cut, field.value.length) ?? field.span,
      keySpan: sourceOf(field, 0, Math.max(0, cut - 1)) ?? field.span };
  }
  return {
    span: { start: field.offset + cut, end: field.offset + field.value.length },
    keySpan: { start: field.offset, end: field.offset + cut - 1 },
  };
}

/** A single-dash option (`-l`, `-np`): its meaning belongs to the program it is given to, not to shared words. */
const SHORT = /^-[A-Za-z][A-Za-z0-9]*$/;

/**
 * The program a command word runs (`./train_gpt2cu` → `train_gpt2cu`, `mpirun`): short options are read under its
 * name (`['train_gpt2cu', '-l']`), so only a table that knows that program's options reads them.
 */
function programOf(word: string): string | null {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return /^[A-Za-z_][A-Za-z0-9_.+-]*$/.test(base) ? base : null;
}

function isFlagLike(value: string): boolean {
  return value.startsWith('-') && !/^-[0-9.]/.test(value);
}

/**
 * `key=value` on a command line, in Hydra's override grammar: a flat list (`betas=[0.9,0.98]`) is one
 * entry per element, each with its own span, as a YAML list would be.
 */
function pushOverride(sink: Sink, field: Field, cut: number, path: string[]): void {
  const { span, keySpan } = tail(field, cut);
  const text = field.value.slice(cut);
  const list = /^\[([^[\]'"]*)\]$/.exec(text);
  if (!list) {
    push(sink, path, overrideValue(text), span, keySpan, field.quoted);
    pushDividend(sink, path, keySpan, field);
    return;
  }
  let at = cut + 1;
  (list[1] ?? '').split(',').forEach((item, i) => {
    const lead = item.length - item.trimStart().length;
    const value = item.trim();
    const start = at + lead;
    at += item.length + 1;
    if (value === '') return;
    // An element of a list pieced together from several places (an override held in a variable of settings,
    // `CFG="optim.betas="[0.9,0.95]" ..."`) keeps the literal it was written in.
    const itemSpan = field.offset === null ? sourceOf(field, start, start + value.length) ?? field.span : {
      start: field.offset + start, end: field.offset + start + value.length };
    push(sink, [...path, String(i)], overrideValue(value), itemSpan, keySpan, field.quoted);
  });
}

/** Finds flags and overrides in a list of fields; `from` skips a command's name. */
function scanFields(sink: Sink, fields: Field[], from: number): void {
  let program = from > 0 ? programOf(fields[0]?.value ?? '') : null;
  for (let i = from; i < fields.length; i++) {
    const field = fields[i];
    if (!field) continue;
    if (field.unknown) {
      pushRuntimeAssignment(sink, field);
      continue;
    }
    if (SHORT.test(field.value)) {
      const next = fields[i + 1];
      if (!next || isFlagLike(next.value) || (!next.unknown && OVERRIDE.test(next.value))) continue;
      if (program !== null) pushShort(sink, program, field, next);
      i++;
      continue;
    }
    const flag = FLAG.exec(field.value);
    if (flag) {
      const key = flag[1] ?? '';
      if (flag[2] === '=') {
        const { span, keySpan } = tail(field, flag[0].length);
        pushFlag(sink, key, [], numberOrText(field.value.slice(flag[0].length)), span, keySpan, field.quoted);
        pushDividend(sink, [key], keySpan, field);
        continue;
      }
      // The words up to the next flag are the flag's values: one for most flags, several for
      // argparse `nargs` (`--adam_betas 0.9 0.95`), which are also given by index.
      let end = i + 1;
      // A Hydra-style `key=value` after the first value is an override of its own, not one more value.
      while (end < fields.length && !isFlagLike(fields[end]?.value ?? '-') &&
        (end === i + 1 || !OVERRIDE.test(fields[end]?.value ?? ''))) end++;
      const values = fields.slice(i + 1, end);
      const [first] = values;
      if (!first) pushFlag(sink, key, [], true, field.span, field.span, false);
      else if (!first.unknown) pushFlag(sink, key, [], numberOrText(first.value), first.span, field.span, first.quoted);
      else pushRuntimeFlag(sink, key, [], first, field.span);
      if (first) pushDividend(sink, [key], field.span, first);
      if (values.length > 1) {
        values.forEach((v, n) => {
          if (!v.unknown) pushFlag(sink, key, [String(n)], numberOrText(v.value), v.span, field.span, v.quoted);
          else pushRuntimeFlag(sink, key, [String(n)], v, field.span);
        });
      }
      i = end - 1;
      continue;
    }
    const override = OVERRIDE.exec(field.value);
    if (override) pushOverride(sink, field, override[0].length, (override[1] ?? '').split('.'));
    else program = programOf(field.value) ?? program;
  }
}

/** `-l 0.0006` given to `train_gpt2cu`: an entry `['train_gpt2cu', '-l']`; a value only the run knows is marked so. */
function pushShort(sink: Sink, program: string, option: Field, value: Field): void {
  if (!value.unknown) {
    push(sink, [program, option.value], numberOrText(value.value), value.span, option.span, value.quoted);
    return;
  }
  const expression = sink.text.slice(value.span.start, value.span.end);
  push(sink, [program, option.value], expression, value.span, option.span, value.quoted, undefined,
    { kind: 'environment', expression });
}

/**
 * `--lr=$LR` or a Hydra override `optim.lr=$LR` whose value only the run knows: an entry marked as set at run time,
 * when the key is written as is (not itself expanded from a variable).
 */
function pushRuntimeAssignment(sink: Sink, field: Field): void {
  const raw = sink.text.slice(field.span.start, field.span.end);
  const flag = FLAG.exec(field.value);
  const override = flag ? null : OVERRIDE.exec(field.value);
  const head = flag?.[2] === '=' ? flag[0] : override?.[0];
  if (head === undefined || !raw.startsWith(head)) return;
  const span = { start: field.span.start + head.length, end: field.span.end };
  const keySpan = { start: field.span.start, end: span.start - 1 };
  const expression = raw.slice(head.length);
  const runtime = { kind: 'environment' as const, expression };
  if (flag?.[1]) pushFlag(sink, flag[1], [], expression, span, keySpan, false, runtime);
  else if (override?.[1]) push(sink, override[1].split('.'), expression, span, keySpan, false, undefined, runtime);
  const key = flag?.[1] ?? override?.[1];
  if (key) pushDividend(sink, flag ? [key] : key.split('.'), keySpan, field);
}

function chunkOf(field: Field): Chunk {
  return { text: field.value, span: field.span, offset: field.offset, quoted: field.quoted, split: false,
    unknown: field.unknown, boundary: false };
}

/** The fields a scalar variable splits into when used unquoted (`python train.py $OPTS`). */
function splitVariable(name: string, env: Environment, span: Span): Field[] {
  return fieldsOf({ parts: [{ kind: 'var', name, index: '@', op: null, operand: null, span, quoted: false }], span }, env);
}

/**
 * An array element holding a flag and its value in one quoted string (`"--split 99,1,0"`) is two fields
 * where the array is used, as launch scripts expand arrays unquoted (`${ARGS[@]}`); split it the same way.
 */
function splitAtBlanks(field: Field): Field[] {
  if (!/\s/.test(field.value) || !field.value.trimStart().startsWith('--')) return [field];
  const out: Field[] = [];
  for (const m of field.value.matchAll(/\S+/g)) {
    const at = m.index ?? 0;
    const span = field.offset === null ? field.span : {
      start: field.offset + at, end: field.offset + at + m[0].length };
    const { segments: _whole, ...rest } = field;
    out.push({ ...rest, value: m[0], span, offset: field.offset === null ? null : span.start });
  }
  return out;
}

function assign(sink: Sink, assignment: Assignment, env: Environment): void {
  const previous = assignment.append ? env.get(assignment.name)?.elements ?? [] : [];
  if (assignment.elements) {
    const fields = assignment.elements.flatMap((word) => fieldsOf(word, env));
    env.set(assignment.name, { elements: [...previous, ...fields.map((f) => [chunkOf(f)])] });
    scanFields(sink, fields.flatMap(splitAtBlanks), 0);
    return;
  }
  const chunks = assignment.value ? assignedChunks(assignment.value, env) : [];
  const [first, ...rest] = previous;
  env.set(assignment.name, { elements: first ? [boundedChunks([...first, ...chunks], assignment.nameSpan), ...rest] : [
    chunks] });
  const fields = splitVariable(assignment.name, env, assignment.nameSpan);
  if (fields.some((f) => f.value.startsWith('--'))) scanFields(sink, fields, 0);
  const setting = defaultSetting(sink.text, assignment, chunks);
  if (setting) pushEntry(sink, setting);
}

/** `read -r -d '' NAME <<EOF`: NAME holds the here-document's words. */
function readTarget(fields: Field[]): string | null {
  if (fields[0]?.value !== 'read') return null;
  const last = fields[fields.length - 1];
  return last && /^[A-Za-z_][A-Za-z0-9_]*$/.test(last.value) ? last.value : null;
}

/**
 * `eval "$CMD"` runs the command held in CMD: eval joins its arguments and reads them again as a command line, so a
 * quoted expansion splits into words there as an unquoted one does (`$CMD`).
 */
function evalWords(words: Word[]): Word[] {
  const [head] = words;
  if (!head || head.parts.length !== 1 || head.parts[0]?.kind !== 'text' || head.parts[0].text !== 'eval') return words;
  return words.map((w) => ({ ...w, parts: w.parts.map((p) => (p.kind === 'var' || p.kind === 'arith' ? { ...p, quoted: false } : p)) }));
}

function walk(sink: Sink, commands: Command[], start: Environment, depth: number, launch?: number): void {
  if (depth > MAX_NESTING) return;
  let env = start;
  const outer = sink.branches.depth;
  for (const command of commands) {
    if (command.keyword) {
      env = sink.branches.step(command, env);
      if (command.words.length === 0) continue;
    }
    for (const assignment of command.assignments) assign(sink, assignment, env);
    const words = evalWords(command.words);
    const fields = words.flatMap((word) => fieldsOf(word, env));
    if (sink.branches.loop(fields, env)) continue;
    if (fields[0]?.value === 'exit') sink.branches.exit();
    // A line of flags alone (the line before lacks its `\`) continues the command before it.
    const continued = launch === undefined && sink.commands > 0 && /^--[A-Za-z]/.test(fields[0]?.value ?? '');
    sink.launch = launch ?? (continued ? sink.commands : ++sink.commands);
    if (!continued) sink.notTraining = notTrainingScript(fields) ?? undefined;
    const mark = sink.entries.length;
    scanFields(sink, fields, continued ? 0 : 1);
    readOtherArms(sink.branches, words, env, sink.entries.slice(mark), (other) => {
      const scratch: Sink = { ...sink, entries: [], seen: new Set() };
      scanFields(scratch, words.flatMap((word) => fieldsOf(word, other)), 1);
      return scratch.entries;
    }, (entry) => pushEntry(sink, entry));
    sink.launch = undefined;
    walk(sink, command.inline, env, depth + 1);
    const target = readTarget(fields);
    for (const doc of command.hereDocs) {
      // A JSON config written out by the script (`cat <<EOT > $DS_CONFIG`): read as JSON, not as commands.
      const json = hereDocJson(sink.text, doc.body, doc.literal, env);
      if (json) {
        for (const e of json) pushEntry(sink, e);
        continue;
      }
      // A YAML one (`cat > train.yaml <<EOF`) is read as YAML, and its lines as commands too: a manifest's
      // `args: [--lr=1e-4]` holds flags.
      for (const e of hereDocYaml(sink.text, doc.body, doc.literal, env) ?? []) pushEntry(sink, e);
      walk(sink, doc.commands, env, depth + 1, launch ?? ++sink.commands); // its lines: one command's words
      if (!target) continue;
      const chunks: Chunk[] = [];
      for (const body of doc.commands) {
        for (const field of body.words.flatMap((word) => fieldsOf(word, env))) {
          if (chunks.length > 0) chunks.push({ ...boundary(field.span), split: true });
          chunks.push(chunkOf(field));
        }
      }
      env.set(target, { elements: [chunks] });
    }
  }
  // A branch left open (`if` with no `fi` in a script being typed) ends with the script.
  while (sink.branches.depth > outer) env = sink.branches.close(env);
}

export function readShell(text: string): ReadResult {
  const script = parseScript(text);
  const entries: ConfigEntry[] = [];
  const sink: Sink = {
    text, entries, seen: new Set(), branches: new Branches(entries, text, numberOrText), commands: 0,
  };
  walk(sink, script.commands, new Map(), 0);
  sink.branches.finish();
  return { entries: sink.entries, errors: script.errors, comments: script.comments };
}
