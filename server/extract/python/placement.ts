/**
 * Where the Python reader's entries go and in what order: the reader's state, the placement rules
 * (a later assignment replaces an earlier one; a second call at the same place gets `#2`), and the
 * emission of a value with the calls hidden inside expressions it could not evaluate.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Span } from '../../../core/hyperparams';
import type { ConfigEntry } from '../entries';
import { evaluate, type EvalContext, type Scope } from './evaluate';
import { givesRunDefaults } from '../roles/context';
import type { Instance } from './instances';
import { emitValue, passedOn, type EmitSink, type Field, type PyValue } from './values';

const MAX_NESTING = 100;

/** Where a statement is: its scope, the key prefix of its entries, and what it may emit. */
export interface Block {
  scope: Scope;
  /** Path prefix of entries written here: the class names around a class body. */
  prefix: string[];
  /** Function bodies and conditional blocks keep only call arguments. */
  callsOnly: boolean;
  /** A class body collects its fields here. */
  classFields: Field[] | null;
  /** Names assigned inside the current conditional statement: how often, and whether bound before it. */
  assigned: Map<string, Assigned> | null;
  depth: number;
  /** In a function body: the values of its `return` statements. */
  returns?: PyValue[];
  /**
   * In a function body, outside any condition: configuration written on an object (`config.lr = 1e-3` in
   * ml_collections' `get_config()`, `cfg.train.micro_batch_size = 2` in a recipe function) and dict literals
   * (`config = {"lr": 2e-5}`) are entries, as a config function is run once to build the run's settings.
   */
  configWrites?: boolean;
  /**
   * The configuration this block's writes belong to, their first path segment: `name()` for the body of function
   * `name`, `name()[branch 2]` for one branch of an `if` in it (each branch is an alternative configuration).
   */
  configuration?: string;
  /** Branches numbered so far in the function, shared by all its blocks so each branch's name is unique. */
  branches?: { next: number };
  /** In a class body: what its methods see as `self` (instances.ts). */
  instance?: Instance;
  /** In the function the module runs: names assigned once at its top, settings as module constants are. */
  settings?: Set<string>;
  /**
   * The function returns what it builds (`return config`): a config function, where a lone `if runlocal:` writes an
   * alternative configuration too (in other functions only an `if`/`else` chain does).
   */
  returnsConfig?: boolean;
  /**
   * In a method of a class holding a configuration (instances.ts `config`): attributes written below `self`
   * (`self.train.batch_size = 100`) are that configuration's settings, as a config function's writes are.
   */
  configSelf?: boolean;
}

export interface Assigned {
  count: number;
  boundBefore: boolean;
  /** The function the file defines that the name held before (kept when only a branch rebinds it). */
  functionBefore?: PyValue;
}

export interface Reader {
  text: string;
  entries: ConfigEntry[];
  /** Offset of the statement that emitted each entry; entries are returned in statement order. */
  sites: number[];
  deferred: (() => void)[];
  /** Module functions without parameters (a registry's recipes), read first, in the order the file defines them. */
  recipes?: (() => void)[];
  emitted: Set<PyValue>;
  /** Entries by the path they were emitted under, for `place`. */
  roots: Map<string, number[]>;
  /** Entries replaced by a later assignment to the same name. */
  superseded: Set<number>;
  /** Next free `#n` suffix per path, so renaming stays linear in the number of calls. */
  renames: Map<string, number>;
  /** The call last written at each path (`optimizer = Adam(...)`), for `place`. */
  callsAt?: Map<string, PyValue>;
  /** Functions a command-line library runs (`fire.Fire(train)`): their parameters are options (command-line.ts). */
  commandLine?: ReadonlySet<string>;
  /** The names the file calls as plain functions (`setup(...)`), collected on first use (command-line.ts). */
  called?: () => ReadonlySet<string>;
  /** The entries of each argparse option, with the parser it was added to (argparse.ts `otherProgramOptions`). */
  parserOptions?: ParserOption[];
}

export interface ParserOption {
  /** The parser's arguments: one array per parser (its argument groups share it). */
  parser: readonly Field[];
  /** The option's `dest`. */
  dest: string;
  entries: number[];
}

/**
 * Calls the callback for each outermost call inside `node`; the callback says whether it took the call,
 * and the walk descends into the calls it did not take (`print(AdamW(...))`).
 */
function forEachOutermostCall(node: SyntaxNode, callback: (call: SyntaxNode) => boolean): void {
  const cursor = node.cursor();
  let depth = 0;
  if (!cursor.firstChild()) return;
  depth++;
  for (;;) {
    if (cursor.name === 'CallExpression' && callback(cursor.node)) {
      // taken: its arguments were emitted with it
    } else if (depth < MAX_NESTING && cursor.firstChild()) {
      depth++;
      continue;
    }
    while (!cursor.nextSibling()) {
      if (depth <= 1 || !cursor.parent()) return;
      depth--;
    }
  }
}

function pathKey(path: readonly string[]): string {
  return path.join('\u0000');
}

/** Entries written under `path` so far are replaced by what is written next (`parser.set_defaults(lr=...)`). */
export function supersede(reader: Reader, path: string[]): void {
  const key = pathKey(path);
  for (const i of reader.roots.get(key) ?? []) reader.superseded.add(i);
  reader.roots.delete(key);
}

/**
 * Where a value's entries go. A later unconditional assignment to the same name at the same level replaces
 * the earlier one (Python keeps the last: `batch_size = 12` … `batch_size = 24`); a second call written to
 * the same place in another branch or function (`opt = SGD(...)` / `opt = AdamW(...)`) keeps both, the
 * second under `opt#2`, so two optimizers never mix their keywords.
 */
function place(reader: Reader, path: string[], isCall: boolean, supersedes: boolean): string[] {
  const key = pathKey(path);
  // A call the module already ran a function of its own with (`optimizer = Adam(...)`, `train(..., optimizer)`, then
  // `optimizer = Adam(...)` again for a second model) was used before it is replaced: both are the script's.
  const earlier = reader.callsAt?.get(key);
  const used = isCall && earlier !== undefined && passedOn.has(earlier);
  if (supersedes && !used) {
    for (const i of reader.roots.get(key) ?? []) reader.superseded.add(i);
    reader.roots.delete(key);
    // `train['max_iter'] = 1000` after `train = dict(max_iter=90000)` replaces that one key.
    for (let k = 1; k < path.length; k++) {
      for (const i of reader.roots.get(pathKey(path.slice(0, k))) ?? []) {
        const entry = reader.entries[i];
        if (entry && path.every((segment, n) => entry.path[n] === segment)) reader.superseded.add(i);
      }
    }
    return path;
  }
  if (!isCall || !reader.roots.has(key)) return path;
  const last = path.length - 1;
  for (let n = reader.renames.get(key) ?? 2; ; n++) {
    const renamed = [...path.slice(0, last), `${path[last] ?? ''}#${n}`];
    if (reader.roots.has(pathKey(renamed))) continue;
    reader.renames.set(key, n + 1);
    return renamed;
  }
}

export function record(reader: Reader, path: string[], before: number, site: number): void {
  if (reader.entries.length === before) return;
  const key = pathKey(path);
  const indices = reader.roots.get(key) ?? [];
  for (let i = before; i < reader.entries.length; i++) {
    reader.sites[i] = site;
    indices.push(i);
  }
  reader.roots.set(key, indices);
}

export function emit(reader: Reader, block: { scope: Scope }, site: number, value: PyValue, path: string[],
  keySpan: Span | null, options: { callsOnly: boolean; supersedes: boolean }): void {
  const ctx: EvalContext = { text: reader.text, scope: block.scope };
  const sink: EmitSink = {
    text: reader.text,
    entries: reader.entries,
    emitted: reader.emitted,
    searchCalls(node) {
      forEachOutermostCall(node, (call) => {
        const found = evaluate(ctx, call);
        if (found.kind !== 'call') return false;
        if (reader.emitted.has(found)) return true;
        const at = place(reader, [found.callee], true, false);
        const start = reader.entries.length;
        emitValue(sink, found, at, null, false);
        record(reader, at, start, site);
        return true;
      });
    },
  };
  const isCall = value.kind === 'call';
  // A name bound again to an object already written (`model, loader = build()` receiving the `DataLoader(...)` the
  // function wrote under `loader`) is the same object: what it was written with stands.
  const supersedes = options.supersedes && !(path.length === 1 && value.kind === 'call' && reader.emitted.has(value));
  const at = place(reader, value.kind === 'call' && path.length === 0 ? [value.callee] : path, isCall, supersedes);
  if (isCall) (reader.callsAt ??= new Map()).set(pathKey(at), value);
  const before = reader.entries.length;
  emitValue(sink, value, at, keySpan, options.callsOnly);
  record(reader, at, before, site);
}

/**
 * A dict or list an expression statement gives (`return {"optimizer": AdamW(...), ...}` in Lightning): the calls
 * inside, under their keys. A dict a function that gives the run's defaults returns (`get_default_params`) is that
 * function's configuration: its settings, under the configuration's segment (one per branch of the function).
 */
export function emitGiven(reader: Reader, block: Block, site: number, value: PyValue, returned: boolean): void {
  const returnsDict = returned && value.kind === 'map' && block.configWrites === true;
  const configuration = returnsDict ? block.configuration : undefined;
  const defaults = configuration !== undefined && givesRunDefaults(configuration);
  emit(reader, block, site, value, defaults ? [configuration] : [], null, { callsOnly: !defaults, supersedes: false });
}
