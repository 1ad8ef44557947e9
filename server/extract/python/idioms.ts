/**
 * Python idioms that hold configuration and are read as such: argparse options (`parser.add_argument`),
 * `dict.update(...)` on a config dict, and a schedule function (`def get_lr(it)`). Each is standard Python or
 * standard library, not a framework.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';
import type { ConfigEntry } from '../entries';
import { addArgument, setDefaults } from './argparse';
import { evaluate, lookup } from './evaluate';
import { definedFlag } from './flags';
import { pythonString } from './literals';
import { emit, record, supersede, type Block, type Reader } from './placement';
import { scheduleShape } from './schedule-shape';
import { LIMITS, fieldOf, stampOrigin, type Field, type PyValue } from './values';

/** Help text kept per option: enough for a sentence saying what the value counts. */
const MAX_HELP = 500;

function spanOf(node: SyntaxNode): Span {
  return { start: node.from, end: node.to };
}

/**
 * `parser.add_argument('--lr', default=3e-4)` is an entry `['--lr']` holding its default (the value the
 * script runs with when the flag is not given), keyed by the option string, as a shell flag is, with its help text.
 */
export function readArgument(reader: Reader, block: Block, node: SyntaxNode, call: PyValue): boolean {
  const callee = node.firstChild;
  const method = callee?.name === 'MemberExpression' ? callee.getChild('PropertyName') : null;
  const name = method ? reader.text.slice(method.from, method.to) : '';
  if (call.kind !== 'call' || !callee?.firstChild || (name !== 'add_argument' && name !== 'set_defaults')) return false;
  const target = evaluate({ text: reader.text, scope: block.scope }, callee.firstChild);
  if (name === 'set_defaults') return readSetDefaults(reader, target, call.kwargs, node.from);
  const argument = addArgument(target, call.args, call.kwargs);
  if (!argument) return false;
  const help = fieldOf(call.kwargs, 'help');
  const option: Option = { option: argument.flag, span: argument.flagSpan, default: argument.default };
  if (help?.kind === 'scalar' && typeof help.value === 'string') option.help = help.value;
  const before = reader.entries.length;
  readOption(reader, option, node.from);
  const entries = Array.from({ length: reader.entries.length - before }, (_, i) => before + i);
  if (target.kind === 'call' && target.parser) {
    (reader.parserOptions ??= []).push({ parser: target.parser, dest: argument.dest, entries });
  }
  return true;
}

/**
 * `parser.set_defaults(lr=1e-3)`: each default replaces the option's own (its entry, under the option string, now
 * holds the new literal); a default for no option is an entry under its name.
 */
function readSetDefaults(reader: Reader, target: PyValue, kwargs: Field[], site: number): boolean {
  const defaults = setDefaults(target, kwargs);
  if (!defaults) return false;
  for (const { field, replaces } of defaults) {
    const flag = replaces?.keySpan;
    const written = flag ? pythonString(reader.text.slice(flag.start, flag.end)) : null;
    const option = written ?? field.key;
    supersede(reader, [option]);
    readOption(reader, { option, span: field.keySpan ?? { start: site, end: site }, default: field.value }, site);
  }
  return true;
}

/** `flags.DEFINE_float("lr", 1e-3, "help")` (absl): its option entry; false for any other value. */
export function readFlagDefinition(reader: Reader, value: PyValue, site: number): boolean {
  const flag = definedFlag(value);
  if (flag) readOption(reader, flag, site);
  return flag !== undefined;
}

/** A command-line option declared in code (argparse, absl, click): its name, default and help text. */
export interface Option {
  option: string;
  span: Span;
  default: PyValue;
  help?: string;
}

/**
 * A dotted option's `dest` as its config path: `--optimizer.lr` is stored by argparse under `optimizer.lr`, the
 * `lr` of the `optimizer` section of the config file the same parser also reads (torchtitan's JobConfig and the
 * trainers built on it, jsonargparse), as the shell reader reads such a flag on a command line. Null for an option
 * without an inner dot, which stays under its option string.
 */
function dottedDest(option: string): string[] | null {
  const segments = option.replace(/^-+/, '').replace(/-/g, '_').split('.');
  return segments.length > 1 && segments.every((s) => s !== '') ? segments : null;
}

/** `Class.MEMBER` (PEP 8's CapWords class, an upper-case member), after any module path. */
const ENUM_MEMBER = /(^|\.)[A-Z]\w*\.[A-Z][A-Z0-9_]*$/;

/**
 * An option whose default is an enum's member (absl's `flags.DEFINE_enum_class('lr_schedule',
 * optimizer.LRSchedule.NONE, optimizer.LRSchedule, ...)`, argparse's `default=Schedule.COSINE`) defaults to that
 * member, a constant written here, not a value the run computes: its text as written. Null for any other default.
 */
function enumMember(value: PyValue): { value: string; raw: string; span: Span; quoted: boolean } | null {
  if (value.kind !== 'symbol' || !value.use || !ENUM_MEMBER.test(value.use.raw)) return null;
  return { value: value.use.raw, raw: value.use.raw, span: { ...value.use.span }, quoted: false };
}

/**
 * An option is an entry under the option string (`['--lr']`) holding its default, the value the script runs with
 * when the flag is not given, with its help text; the default, wherever the code reads it, is named by the option.
 */
export function readOption(reader: Reader, option: Option, site: number): void {
  stampOrigin(option.default, [option.option]);
  const written = enumMember(option.default) ?? (option.default.kind === 'scalar' ? option.default : null);
  if (written === null) return;
  const { value, raw, span, quoted } = written;
  const before = reader.entries.length;
  const path = dottedDest(option.option) ?? [option.option];
  const entry: ConfigEntry = { path, value, raw, span, keySpan: option.span, quoted };
  if (option.help !== undefined) entry.help = option.help.slice(0, MAX_HELP);
  if (before < LIMITS.entries) reader.entries.push(entry);
  record(reader, [option.option], before, site);
}

/**
 * `train_dataloader.update(batch_size=128)` sets keys of a dict (one often star-imported from a base config):
 * each is an entry under the dict's name, as `train_dataloader['batch_size'] = 128` would be.
 */
export function readDictUpdate(reader: Reader, block: Block, node: SyntaxNode, call: PyValue): boolean {
  const callee = node.firstChild;
  const object = callee?.name === 'MemberExpression' ? callee.firstChild : null;
  const method = callee?.getChild('PropertyName');
  if (call.kind !== 'call' || !object || object.name !== 'VariableName' || !method || reader.text.slice(method.from, method.to) !== 'update') return false;
  const name = reader.text.slice(object.from, object.to);
  const target = lookup(block.scope, name);
  const [base, ...rest] = call.args;
  if ((target && target.kind !== 'map') || rest.length > 0 || (base && base.kind !== 'map')) return false;
  const fields = [...(base?.kind === 'map' ? base.fields : []), ...call.kwargs];
  const supersedes = !block.callsOnly && !block.assigned;
  for (const field of fields) {
    stampOrigin(field.value, [name, field.key]);
    emit(reader, block, node.from, field.value, [name, field.key], field.keySpan,
      { callsOnly: block.callsOnly, supersedes });
  }
  if (target?.kind === 'map') target.fields.push(...fields);
  return true;
}

/** A module-level function that computes a learning-rate multiplier is an entry: its schedule's shape. */
export function readScheduleFunction(reader: Reader, node: SyntaxNode, name: SyntaxNode): void {
  const found = scheduleShape(reader.text, node);
  if (!found || reader.entries.length >= LIMITS.entries) return;
  const span = { start: found.node.from, end: found.node.to };
  const path = [reader.text.slice(name.from, name.to)];
  const before = reader.entries.length;
  reader.entries.push({ path, value: found.shape, raw: reader.text.slice(span.start, span.end), span,
    keySpan: spanOf(name), quoted: false });
  // Recorded like an assignment, so a later call `get_lr(step)` does not share its path.
  record(reader, path, before, node.from);
}
