/**
 * Arms of `if`/`elif`/`else` and `case` are alternatives, not a sequence: a value set in two arms is one value or
 * the other, never the later one. Each arm is read from the variables as they were before the branch; after it,
 * the variables are those of the arm the file selects (a `case` whose subject the file writes: `MODEL_SCALE="800M"`
 * runs the arm `"800M")`), else of the first arm, as a reader of the script assumes when the choice is made at run
 * time. A value that differs between arms carries the others (`ConfigEntry.branch`), so what OptLens shows says
 * that it depends on the branch. Flags written inside an arm (a command per arm) are the arm's too: the read arm's
 * are read, another arm's flag with the same key becomes an alternative, and a key only another arm writes is read
 * as written (nothing else says it).
 *
 * A `case` over a command-line argument whose arms are options (`while [[ $# -gt 0 ]]; do case $1 in --lr) lr="$2";
 * shift 2 ;; ...`), or over the variable `getopts` sets, parses options: a run without arguments takes no arm, so the
 * variables after it are the defaults written before it, and each arm's value is an alternative the command line may
 * give. A `case $1 in small) ... big) ...` selects a configuration by its argument: its first arm is read, as above.
 */
import type { Span } from '../../../core/hyperparams';
import type { Branch, BranchPart, ConfigEntry, ScalarValue } from '../entries';
import { fieldsOf, type Chunk, type Environment, type Field, type Variable } from './expand';
import { conditionValue, type Decider } from './conditions';
import { globMatches } from './glob';
import type { Command } from './syntax';

/** Longest text of a condition quoted in a label; a longer one is cut with an ellipsis. */
const LABEL_LENGTH = 60;
/**
 * Branches nested deeper than this are read in source order, as before: each arm copies the variables, so a
 * generated script of thousands of unclosed `if`s costs no more than its lines.
 */
const MAX_FRAMES = 32;

interface Arm {
  part: BranchPart;
  /** The variables at the arm's end (the variables before the branch, for the arm no pattern or condition takes). */
  env: Environment;
  /** Entries written inside the arm. */
  entries: ConfigEntry[];
  /**
   * `selected`: the values the file writes select it (`MODEL_SCALE="800M"` for `"800M")`, `DEBUG=0` for the `else`
   * of `if [[ $DEBUG -eq 1 ]]`); `excluded`: they rule it out; `possible`: only the run decides.
   */
  state: ArmState;
  /** Whether it ends the script (`*) echo "unknown size"; exit 1 ;;`): no run takes its values. */
  exits: boolean;
}

type ArmState = 'selected' | 'excluded' | 'possible';

interface Frame {
  kind: 'if' | 'case';
  construct: BranchPart;
  /** The `case` word's value when the file writes it. */
  subject: Decider | null;
  base: Environment;
  arms: Arm[];
  open: { part: BranchPart; state: ArmState; mark: number; exits: boolean } | null;
  /** Too deep to follow (MAX_FRAMES): its arms are read in source order. */
  flat: boolean;
  /**
   * What a `case` switches on when it is a command-line argument: a positional parameter (`case $1 in`, `key="$1";
   * case $key in`), read as option parsing when every arm's pattern is an option (`--lr)`, `-l|--lr)`); or the
   * variable `getopts` sets (always option parsing).
   */
  argument: 'positional' | 'getopts' | null;
  /** Whether every pattern of the arms so far but `*` is an option (`-l`, `--lr`, `--lr=*`). */
  dashed: boolean;
  /** Whether an arm runs whatever the condition or subject (`else`, `*)`). */
  total: boolean;
  /** An arm is selected; every arm so far is excluded; the value that decided a condition or pattern. */
  decided: boolean;
  allExcluded: boolean;
  decider: Decider | null;
}

/** The branches of a script being walked; `entries` is the list the reader pushes to. */
export class Branches {
  private readonly frames: Frame[] = [];
  /** Literal spans of variable values that differ between arms, with the branch each came from. */
  private readonly bySpan = new Map<string, Branch>();
  /** Variables of several words the arms set differently, by the value the read arm left (shell/arm-words.ts). */
  private readonly byWords = new WeakMap<Variable, ArmWords>();

  /** The `if`/`elif` whose `then` opens the next arm, and the value of its condition when the file decides it. */
  private condition: { part: BranchPart; value: ReturnType<typeof conditionValue> } | null = null;
  /** The variables `getopts` sets in this script (read once, when a `case` first needs them). */
  private getoptsNames: Set<string> | null = null;

  constructor(
    private readonly entries: ConfigEntry[],
    private readonly text: string,
    private readonly scalar: (text: string) => ScalarValue,
  ) {}

  get depth(): number {
    return this.frames.length;
  }

  /** A branch's reserved word: the variables to read the commands after it with. */
  step(command: Command, env: Environment): Environment {
    const span = command.span ?? { start: 0, end: 0 };
    const part = { text: this.label(span, command), span };
    switch (command.keyword) {
      case 'if':
        this.open('if', part, null, env);
        this.condition = { part, value: conditionValue(command.words, env) };
        return env;
      case 'elif': {
        const base = this.endArm(env);
        this.condition = { part, value: conditionValue(command.words, base) };
        return base;
      }
      case 'then': {
        const condition = this.condition;
        this.condition = null;
        return this.arm(condition?.part ?? part, condition?.value?.value ?? null, condition?.value?.by ?? null, env);
      }
      case 'else':
        return this.arm(part, 'else', null, env);
      case 'case': {
        const subject = command.words[1];
        const fields = subject ? fieldsOf(subject, env) : [];
        const [only] = fields;
        const known = fields.length === 1 && only && !only.unknown ? { value: only.value, span: only.span } : null;
        const argument = subject === undefined ? null : isPositional(subject) ? 'positional' :
          fields.length === 1 && only !== undefined && only.unknown ? this.argumentOf(only.span, subject) : null;
        this.open('case', part, known, env, argument);
        return env;
      }
      case 'pattern': {
        const patterns = (command.patterns ?? []).map((w) => fieldsOf(w, env).map((f) => f.value).join(' '));
        const subject = this.frames[this.frames.length - 1]?.subject ?? null;
        const matches = subject ? patterns.some((p) => globMatches(p, subject.value)) : null;
        const frame = this.frames[this.frames.length - 1];
        if (frame && patterns.includes('*')) frame.total = true;
        if (frame && patterns.some((p) => p !== '*' && !p.startsWith('-'))) frame.dashed = false;
        return this.arm(part, patterns.includes('*') ? (matches ?? 'else') : matches, subject, env);
      }
      case ';;':
        return this.endArm(env);
      case 'fi':
      case 'esac':
        return this.close(env);
      default:
        return env;
    }
  }

  /** `if [ "$X" == 1 ]`, `case "${MODEL_SCALE}"`, `"8B")`: the source of the reserved word's command, cut short. */
  private label(span: Span, command: Command): string {
    const last = command.words[command.words.length - 1];
    const end = command.keyword === 'case' ? command.words[1]?.span.end : last?.span.end;
    const text = this.text.slice(span.start, Math.max(span.end, end ?? span.end)).replace(/\s+/g, ' ');
    return text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text;
  }

  /** `if`/`case` seen: `subject` is a `case` word's value when the file writes it. */
  private open(kind: 'if' | 'case', construct: BranchPart, subject: Decider | null, env: Environment,
    argument: Frame['argument'] = null): void {
    this.frames.push({ kind, construct, subject, base: env, arms: [], open: null, total: false, decided: false,
      argument, dashed: true,
      allExcluded: true, decider: null, flat: this.frames.some((f) => f.flat) || this.frames.length >= MAX_FRAMES });
  }

  /**
   * An arm starts (`then`, `else`, a `case` pattern), taken when `verdict` holds (true, false, null: only the run
   * knows; `else`: when no arm before it is): the variables it starts from.
   */
  private arm(part: BranchPart, verdict: boolean | null | 'else', by: Decider | null, env: Environment): Environment {
    const frame = this.frames[this.frames.length - 1];
    if (!frame || frame.flat) return env;
    this.endArm(env);
    if (verdict === 'else') frame.total = true;
    if (by && verdict !== null) frame.decider = by;
    const state: ArmState = frame.decided || verdict === false ? 'excluded' :
      (verdict === true || verdict === 'else') && frame.allExcluded ? 'selected' : 'possible';
    if (state === 'selected') frame.decided = true;
    if (state !== 'excluded') frame.allExcluded = false;
    frame.open = { part, state, mark: this.entries.length, exits: false };
    return new Map(frame.base);
  }

  /** An arm ends (`elif`, `;;`, the next arm, `fi`, `esac`): the variables after it are kept for the merge. */
  endArm(env: Environment): Environment {
    const frame = this.frames[this.frames.length - 1];
    if (!frame?.open || frame.flat) return env;
    const { part, state, mark, exits } = frame.open;
    frame.arms.push({ part, env, entries: this.entries.splice(mark), state, exits });
    frame.open = null;
    return frame.base;
  }

  /** `exit` in the open arm: the script ends there. */
  exit(): void {
    const open = this.frames[this.frames.length - 1]?.open;
    if (open) open.exits = true;
  }

  /** `fi`/`esac`: the variables after the branch, those of the arm read. */
  close(env: Environment): Environment {
    this.endArm(env);
    const frame = this.frames.pop();
    if (!frame || frame.flat) return env;
    if (!frame.total) {
      const none = frame.kind === 'if' ? 'no branch (no condition holds)' : 'no arm (no pattern matches)';
      const state: ArmState = frame.decided ? 'excluded' : frame.allExcluded ? 'selected' : 'possible';
      frame.arms.push({ part: { text: none, span: frame.construct.span, implicit: true }, env: frame.base, entries: [],
        state, exits: false });
    }
    // An arm that ends the script (`*) echo "unknown size"; exit 1`) runs nothing after it: its values are no
    // alternative of the run's (what it writes is still read). Without a selected arm, the first that may run.
    const options = frame.argument === 'getopts' || (frame.argument === 'positional' && frame.dashed &&
      frame.arms.some((a) => !a.part.implicit));
    const read = (options && !frame.decided ? noOption(frame) : undefined) ??
      frame.arms.find((a) => a.state === 'selected' && !a.exits) ??
      frame.arms.find((a) => a.state === 'possible' && !a.exits) ?? frame.arms.find((a) => !a.exits);
    if (!read) return frame.base;
    const branch = (alternatives: Branch['alternatives']): Branch => ({
      construct: frame.construct, arm: read.part, alternatives,
      selected: read.state === 'selected', selectedBy: read.state === 'selected' ? frame.decider : null,
    });
    this.mergeEntries(frame, read, branch);
    return this.mergeVariables(frame, read, branch);
  }

  /**
   * `for LR in 1e-5 3e-5; do`: the loop variable takes each word in turn, one run per iteration. It holds the first
   * word (at its literal); the other words are alternatives, predicted beside it as runs of their own (a sweep).
   * False when the command is no such loop.
   */
  loop(fields: readonly Field[], env: Environment): boolean {
    const [head, name, word, ...values] = fields;
    if (head?.value !== 'for' || !name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.value) || word?.value !== 'in') {
      return false;
    }
    const [first, ...rest] = values;
    if (!first) return true;
    env.set(name.value, { elements: [[{ text: first.value, span: first.span, offset: first.offset, quoted: first.quoted,
      split: false, unknown: first.unknown, boundary: false }]] });
    const others = rest.filter((f) => !f.unknown && f.value !== first.value);
    if (first.unknown || others.length === 0) return true;
    const end = values[values.length - 1]?.span.end ?? word.span.end;
    const text = this.text.slice(head.span.start, end).replace(/\s+/g, ' ');
    const construct = { text: text.length > LABEL_LENGTH ? `${text.slice(0, LABEL_LENGTH - 1)}…` : text,
      span: { start: head.span.start, end } };
    const arm = (f: Field): BranchPart => ({ text: `${name.value}=${f.value}`, span: f.span });
    this.bySpan.set(spanKey(first.span), {
      construct, arm: arm(first), selected: false, selectedBy: null, loop: true,
      alternatives: others.map((f) => ({ value: this.scalar(f.value), raw: this.raw(f.span), span: f.span,
        arm: arm(f) })),
    });
    return true;
  }

  /** Gives every entry whose literal is a value that differs between arms its branch. */
  finish(): void {
    if (this.bySpan.size === 0) return;
    for (const entry of this.entries) {
      const branch = this.bySpan.get(spanKey(entry.span));
      if (branch && !entry.branch) entry.branch = branch;
    }
  }

  private mergeEntries(frame: Frame, read: Arm, branch: (a: Branch['alternatives']) => Branch): void {
    const byPath = new Map<string, ConfigEntry>();
    for (const e of read.entries) byPath.set(e.path.join('\u0000'), e);
    this.entries.push(...read.entries);
    for (const arm of frame.arms) {
      if (arm === read) continue;
      for (const e of arm.entries) {
        const twin = arm.exits ? undefined : byPath.get(e.path.join('\u0000'));
        if (!twin) {
          this.entries.push(e);
          continue;
        }
        // The same value in another arm changes nothing the run does; written at a literal of the arm's own (each
        // arm writes its config file), it is where that arm's run reads it.
        const same = !e.runtime && !twin.runtime && e.value === twin.value;
        if (same && e.span.start === twin.span.start) continue;
        const alternative = { value: e.runtime ? null : e.value, raw: e.raw, span: e.runtime ? null : e.span,
          arm: arm.part, ...(same ? { same: true as const } : {}) };
        twin.branch ??= branch([]);
        twin.branch.alternatives.push(alternative);
      }
    }
  }

  private mergeVariables(frame: Frame, read: Arm, branch: (a: Branch['alternatives']) => Branch): Environment {
    const merged = new Map(read.env);
    const names = new Set<string>();
    for (const arm of frame.arms) {
      for (const [name, v] of arm.env) if (frame.base.get(name) !== v) names.add(name);
    }
    for (const name of names) {
      const own = literalOf(read.env.get(name));
      if (!own || /\S\s+\S/.test(own.text)) this.recordWords(frame, read, name, branch);
      if (!own) continue;
      const alternatives: Branch['alternatives'] = [];
      for (const arm of frame.arms) {
        const other = arm.env.get(name);
        if (arm === read || arm.exits || other === read.env.get(name)) continue;
        const literal = literalOf(other);
        const same = literal !== null && this.scalar(literal.text.trim()) === this.scalar(own.text.trim());
        if (same && spanKey(literal.span) === spanKey(own.span)) continue;
        alternatives.push(literal ? { value: this.scalar(literal.text.trim()), raw: this.raw(literal.span),
          span: literal.span, arm: arm.part, ...(same ? { same: true as const } : {}) } :
          { value: null, raw: '', span: null, arm: arm.part });
      }
      if (alternatives.length > 0) this.bySpan.set(spanKey(own.span), branch(alternatives));
    }
    return merged;
  }

  /**
   * A variable of several words the arms set differently (`CONFIG="$FSDP_CONFIG"` in one, `"$MEGATRON_CONFIG"` in
   * another): what each other arm puts in it, for the commands that expand it.
   */
  private recordWords(frame: Frame, read: Arm, name: string, branch: (a: Branch['alternatives']) => Branch): void {
    const value = read.env.get(name);
    if (!value) return;
    const others: ArmWords['others'] = [];
    for (const arm of frame.arms) {
      const other = arm.env.get(name);
      if (arm !== read && !arm.exits && other && other !== value) others.push({ arm: arm.part, value: other });
    }
    if (others.length > 0) this.byWords.set(value, { branch: () => branch([]), others });
  }

  /** What the other arms of a branch put in a variable of several words, when a branch set it. */
  armWords(variable: Variable | undefined): ArmWords | undefined {
    return variable ? this.byWords.get(variable) : undefined;
  }

  private raw(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  /**
   * A `case` subject holding a command-line argument: a variable set from one (`key="$1"; case $key in`, whose value
   * is written as `$1` where it was set), or the option variable of `getopts` (`while getopts "l:b:" opt; ... case
   * $opt in`).
   */
  private argumentOf(source: Span, subject: Command['words'][number]): Frame['argument'] {
    if (POSITIONAL.test(this.raw(source).trim())) return 'positional';
    const [only] = subject.parts;
    if (subject.parts.length !== 1 || only?.kind !== 'var' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(only.name)) return null;
    this.getoptsNames ??= new Set([...this.text.matchAll(/\bgetopts[ \t]+\S+[ \t]+([A-Za-z_][A-Za-z0-9_]*)/g)]
      .map((m) => m[1] ?? ''));
    return this.getoptsNames.has(only.name) ? 'getopts' : null;
  }
}

/** The source of a positional parameter: `$1`, `"$1"`, `${1}`, `$@`. */
const POSITIONAL = /^"?\$(?:[1-9@*]|\{[1-9@*]\})"?$/;

/** `$1`, `"$1"`, `${1}`, `$@`: a word that is one positional parameter, as option-parsing loops switch on. */
function isPositional(word: Command['words'][number]): boolean {
  const [only, ...rest] = word.parts;
  return rest.length === 0 && only?.kind === 'var' && /^[1-9@*]$/.test(only.name) && only.op === null;
}

/** The run without arguments of an option-parsing `case`: no arm, the variables as they were before it. */
function noOption(frame: Frame): Arm {
  return { part: { text: 'the run without options', span: frame.construct.span, implicit: true }, env: frame.base,
    entries: [], state: 'possible', exits: false };
}

function spanKey(span: Span): string {
  return `${span.start}:${span.end}`;
}

/** A variable's value when it is one literal written in the file (`GLOBAL_BATCH_SIZE=32`). */
function literalOf(variable: Variable | undefined): Chunk | null {
  const [only, ...more] = variable?.elements ?? [];
  const [chunk, ...rest] = only ?? [];
  return chunk && more.length === 0 && rest.length === 0 && !chunk.unknown ? chunk : null;
}

/** A variable's value in the other arms of the branch that set it, and the branch for the values they change. */
export interface ArmWords {
  branch: () => Branch;
  others: { arm: BranchPart; value: Variable }[];
}
