/**
 * Coverage on real configs nobody annotated (test/fixtures/configs/unannotated, provenance in its SOURCES.md):
 * in how many files extraction finds an optimizer and the learning rate the file writes for it, per format and
 * per ecosystem folder, with crashes; then the optimizer-like keys no rule claims, most frequent first (the
 * next rules to write), counted two ways: OptLens's own `unrecognized-hyperparameter` hints, and a plain scan
 * of key names on lines where OptLens reported nothing. No annotation is needed, so the set can grow to
 * hundreds of files; the annotated dev/blind splits measure correctness (scripts/score-configs.mjs).
 *
 * Many files rightly give no learning rate (a model or dataset file, a config that inherits its optimizer from
 * another file), so the files without one are split by a plain scan that knows no framework: a number under a
 * key that looks like a learning rate (`lr`, `learning_rate`, `<part>_lr`, not a floor such as `min_lr`) on a
 * line that is not a comment or in a Python docstring. A file with such a number and no learning rate read is a
 * miss to look at.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extract, type Extraction } from '../server/extract';
import { lineIndex } from '../server/extract/lines';
import { readFile } from '../server/extract/readers';
import { keyContext } from '../server/extract/roles/context';
import { DECOY_WORDS } from '../server/extract/roles/decoys';
import { NON_ROLE_WORDS } from '../server/extract/roles/places';
import { implausibleReads } from './coverage-checks';
import type { BenchTable } from './types';

const FOLDER = join(process.cwd(), 'test/fixtures/configs/unannotated');

/** Key spellings that name an optimizer setting, a batch, a length or a schedule: worth a rule if unclaimed. */
const OPTIMIZER_LIKE = new RegExp('(^|_)(' + [
  'lr', 'learning_rate', 'betas?\\d?', 'b[12]', 'eps', 'epsilon', 'weight_decay', 'wd', 'momentum',
  'batch_size', 'batch',
  'grad(ient)?_accum\\w*', 'accum\\w*', 'warmup\\w*', 'seq_len\\w*', 'seq_length', 'sequence_length', 'max_len\\w*',
  'max_steps', 'train_steps', '\\w*iters', 'schedul\\w*', 'optim\\w*', 'decay\\w*',
].join('|') + ')$');
/** Key-like tokens of any format: `key:` / `key =` / `key=` / `"key":` / `--key`. */
const KEY_TOKEN = /"([A-Za-z_][\w.-]*)"\s*:|--([A-Za-z][\w.-]*)|\b([A-Za-z_][\w.]*)\s*(?::(?!:)|=(?!=))/g;
const NUMBER = /(^|[^\w.])[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?(?![\w.])/i;
/** A learning-rate key: `lr`, `learning_rate`, or one ending so (`base_lr`, `actor_learning_rate`, `LR`). */
const LR_KEY = /(^|_)(lr|learning_?rate)$/;
/** First words that make such a key a schedule's floor or start rather than the learning rate. */
const NOT_THE_LR = /^(min|final|end|warmup|init|start|cur|current|last)_/;
/** Names of evaluation settings (`per_device_eval_batch_size`, `eval_iters`): never a training value. */
const EVAL_NAME = /(^|_)(eval|val|valid|validation|test|predict|inference)(_|$)/;

interface Sample {
  folder: string;
  file: string;
  text: string;
}

function samples(): Sample[] {
  return readdirSync(FOLDER)
    .filter((d) => statSync(join(FOLDER, d)).isDirectory())
    .sort()
    .flatMap((folder) => readdirSync(join(FOLDER, folder)).sort().map((f) => ({
      folder, file: f.split('__').join('/'), text: readFileSync(join(FOLDER, folder, f), 'utf8'),
    })));
}

/** The lines extraction reported something on: an optimizer, a written value, a finding. */
function claimedLines(x: Extraction): Set<number> {
  const lines = new Set<number>();
  for (const o of x.optimizers) {
    if (o.line !== null) lines.add(o.line);
    for (const v of Object.values(o.hyperparameters)) if (v?.line != null) lines.add(v.line);
  }
  for (const f of x.findings) if (f.line !== null) lines.add(f.line);
  // What extraction reads besides the optimizers: the decay horizon, the precision switch.
  if (x.decayHorizon?.value.line != null) lines.add(x.decayHorizon.value.line);
  if (x.fp16?.line != null) lines.add(x.fp16.line);
  return lines;
}

/**
 * The lines of keys OptLens refuses by where they sit (an evaluation, profiler, norm-layer or rollout block):
 * the reader's entries there, read again here since the extraction keeps only what it uses.
 */
function decoyLines(text: string, x: Extraction): Set<number> {
  const lines = lineIndex(text);
  const out = new Set<number>();
  for (const e of readFile(text, x.format).entries) {
    if (keyContext(e).kind === 'decoy') out.add(lines.lineAt(e.span.start));
  }
  return out;
}

/**
 * Optimizer-like key names written on lines extraction left alone (comments, decoy blocks and names OptLens knows
 * are not a role skipped), once per file.
 */
function unclaimedKeys(text: string, claimed: Set<number>, python: boolean): Set<string> {
  const keys = new Set<string>();
  const prose = python ? docstringLines(text) : new Set<number>();
  text.split('\n').forEach((whole, i) => {
    if (claimed.has(i + 1) || prose.has(i + 1) || /^\s*(#|\/\/)/.test(whole)) return;
    // A function's parameter defaults and a printed message configure nothing.
    if (python && /^\s*(async\s+)?def\s|^\s*print\(/.test(whole)) return;
    // A trailing comment (`optimizer_in_bwd: False  # requires gradient_accumulation_steps=1`) is no key.
    const line = whole.replace(/\s#.*$/, '');
    for (const m of line.matchAll(KEY_TOKEN)) {
      const name = (m[1] ?? m[2] ?? m[3] ?? '').split('.').pop()?.toLowerCase().replace(/-/g, '_') ?? '';
      if (!OPTIMIZER_LIKE.test(name) || DECOY_WORDS.has(name) || NON_ROLE_WORDS.has(name) || EVAL_NAME.test(name)) {
        continue;
      }
      // A number after the key, or a name after an optim/schedule key (`optimizer: lion`), not a block opening, a
      // switch (`optimizer_in_bwd: False`) or a variable passed on (`optimizer=optimizer`).
      const rest = line.slice((m.index ?? 0) + m[0].length);
      const word = /^\s*["']?([A-Za-z][\w.-]*)/.exec(rest)?.[1]?.toLowerCase();
      const named = word !== undefined && !/^(true|false|none|null)$/.test(word) && word !== name;
      if (NUMBER.test(rest) || (/optim|schedul/.test(name) && named)) keys.add(name);
    }
  });
  return keys;
}

/** Lines (1-based) inside or opening a Python triple-quoted string: a docstring's usage example configures nothing. */
function docstringLines(text: string): Set<number> {
  const out = new Set<number>();
  let inString = false;
  text.split('\n').forEach((line, i) => {
    const quotes = (line.match(/"""|'''/g) ?? []).length;
    if (inString || quotes > 0) out.add(i + 1);
    if (quotes % 2 === 1) inString = !inString;
  });
  return out;
}

/** The first line (1-based) where a number is written under a learning-rate key, comments skipped; null if none. */
function writtenLrLine(text: string, python: boolean): number | null {
  const lines = text.split('\n');
  // In Python, a docstring's usage example (`--learning_rate 2e-5` in a script's help) configures nothing.
  const prose = python ? docstringLines(text) : new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (prose.has(i + 1) || /^\s*(#|\/\/)/.test(line)) continue;
    for (const m of line.matchAll(KEY_TOKEN)) {
      const name = (m[1] ?? m[2] ?? m[3] ?? '').split('.').pop()?.toLowerCase().replace(/-/g, '_') ?? '';
      if (!LR_KEY.test(name) || NOT_THE_LR.test(name)) continue;
      if (NUMBER.test(line.slice((m.index ?? 0) + m[0].length))) return i + 1;
    }
  }
  return null;
}

function hasLr(x: Extraction): boolean {
  return x.optimizers.some((o) => o.hyperparameters.lr?.source === 'written');
}

function formatOf(x: Extraction | null, file: string): string {
  return x?.format ?? file.split('.').pop() ?? '?';
}

interface Tally {
  files: number;
  optimizer: number;
  optimizerAndLr: number;
  /** Files where the plain scan sees a written learning rate. */
  writesLr: number;
  /** Of those, files where extraction read none: the misses. */
  lrMissed: number;
  /** Files with no learning rate read that inherit from another file (OptLens's `inherited-values` hint). */
  inherits: number;
  crashes: number;
}

const EMPTY: Tally = { files: 0, optimizer: 0, optimizerAndLr: 0, writesLr: 0, lrMissed: 0, inherits: 0, crashes: 0 };

function bump(t: Record<string, Tally>, key: string, x: Extraction | null, lrLine: number | null): void {
  const row = (t[key] ??= { ...EMPTY });
  row.files += 1;
  if (lrLine !== null) row.writesLr += 1;
  const read = x !== null && x.optimizers.length > 0 && hasLr(x);
  if (lrLine !== null && !read) row.lrMissed += 1;
  if (!read && x?.findings.some((f) => f.code === 'inherited-values')) row.inherits += 1;
  if (x === null) row.crashes += 1;
  else if (x.optimizers.length > 0) {
    row.optimizer += 1;
    if (read) row.optimizerAndLr += 1;
  }
}

function rows(t: Record<string, Tally>): (string | number)[][] {
  const pct = (n: number, d: number): string => `${d === 0 ? 0 : Math.round((1000 * n) / d) / 10}%`;
  return Object.entries(t).sort(([a], [b]) => a.localeCompare(b)).map(([k, r]) =>
    [k, r.files, r.optimizer, r.optimizerAndLr, pct(r.optimizerAndLr, r.files), r.writesLr, r.lrMissed, r.inherits,
      r.crashes]);
}

function top(counts: Map<string, { files: number; example: string }>, n: number): (string | number)[][] {
  return [...counts.entries()].sort((a, b) => b[1].files - a[1].files || a[0].localeCompare(b[0])).slice(0, n)
    .map(([key, c]) => [key, c.files, c.example]);
}

function count(map: Map<string, { files: number; example: string }>, key: string, example: string): void {
  const c = map.get(key);
  if (c) c.files += 1;
  else map.set(key, { files: 1, example });
}

export default function coverageBench(): Promise<BenchTable[]> {
  const all = samples();
  const byFormat: Record<string, Tally> = {};
  const byFolder: Record<string, Tally> = {};
  const hinted = new Map<string, { files: number; example: string }>();
  const scanned = new Map<string, { files: number; example: string }>();
  const missed: (string | number)[][] = [];
  const implausible: (string | number)[][] = [];
  const started = performance.now();
  for (const s of all) {
    let x: Extraction | null = null;
    try {
      x = extract(s.text, s.file);
    } catch {
      x = null;
    }
    const lrLine = writtenLrLine(s.text, s.file.endsWith('.py'));
    bump(byFormat, formatOf(x, s.file), x, lrLine);
    bump(byFolder, s.folder, x, lrLine);
    if (lrLine !== null && (x === null || !hasLr(x))) {
      missed.push([`${s.folder}/${s.file}:${lrLine}`, (s.text.split('\n')[lrLine - 1] ?? '').trim().slice(0, 60)]);
    }
    if (x === null) continue;
    implausible.push(...implausibleReads(x, `${s.folder}/${s.file}`));
    const hints = new Set(x.findings.filter((f) => f.code === 'unrecognized-hyperparameter')
      .map((f) => /`([^`]+)`/.exec(f.message)?.[1]?.split('.').pop() ?? ''));
    for (const key of hints) if (key !== '') count(hinted, key, `${s.folder}/${s.file}`);
    const skipped = new Set([...claimedLines(x), ...decoyLines(s.text, x)]);
    for (const key of unclaimedKeys(s.text, skipped, s.file.endsWith('.py'))) count(scanned, key, `${s.folder}/${s.file}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const total = Object.values(byFormat).reduce((a, r) => ({
    files: a.files + r.files, optimizer: a.optimizer + r.optimizer,
    optimizerAndLr: a.optimizerAndLr + r.optimizerAndLr, writesLr: a.writesLr + r.writesLr,
    lrMissed: a.lrMissed + r.lrMissed, inherits: a.inherits + r.inherits, crashes: a.crashes + r.crashes,
  }), { ...EMPTY });
  const columns = ['', 'files', 'optimizer found', 'optimizer and its lr', 'share', 'writes an lr', 'lr not read',
    'no lr, inherits', 'crashes'];
  return Promise.resolve([
    {
      title: `Coverage of ${total.files} unannotated real configs`,
      columns,
      rows: [...rows(byFormat), ...rows({ all: total })],
      notes: [
        'files where extraction finds an optimizer, and an optimizer whose learning rate is read from the file ' +
          '("written", not a framework default)',
        `unannotated configs from ${Object.keys(byFolder).length} ecosystem folders, provenance in ` +
          `test/fixtures/configs/unannotated/SOURCES.md; ${seconds.toFixed(1)} s for all files`,
        'a file may legitimately write no learning rate (it inherits one from another file), ' +
          'so 100% is not the target; the trend is',
        '"writes an lr": a plain scan finds a number under a learning-rate key (lr, learning_rate, <part>_lr; ' +
          'not min_/final_/warmup_/init_...) on a line that is not a comment; "lr not read": of those, files ' +
          'where extraction reads no written learning rate (the misses; lines in Python docstrings are skipped); ' +
          '"no lr, inherits": files with no learning rate read that OptLens says inherit from another file ' +
          '(`_BASE_`, `_base_`, `defaults`, gin `include`)',
      ],
    },
    { title: 'Coverage per ecosystem folder', columns, rows: rows(byFolder) },
    {
      title: 'Files that write a learning rate OptLens does not read',
      columns: ['file:line', 'first learning-rate line'],
      rows: missed.slice(0, 40),
      notes: [`${missed.length} files; the first 40 in folder order`],
    },
    {
      title: 'Values read that no optimizer takes as written',
      columns: ['file:line', 'why', 'value', 'key'],
      rows: implausible.slice(0, 30),
      notes: [
        `${implausible.length} values; the first 30 in folder order. A written value outside what any optimizer ` +
          'accepts (lr above 1, ε above 1e-3, β outside [0, 1), λ outside [0, 1], a per-device batch above the ' +
          'global one) with no warning or error at its line: a key misread, or a value the framework rescales',
      ],
    },
    {
      title: 'Optimizer-like keys OptLens flags as unrecognized, most frequent first',
      columns: ['key', 'files', 'example'],
      rows: top(hinted, 20),
      notes: ['from the `unrecognized-hyperparameter` hints: numbers inside an optimizer block that no role claims'],
    },
    {
      title: 'Optimizer-like keys on lines OptLens left alone, most frequent first',
      columns: ['key', 'files', 'example'],
      rows: top(scanned, 25),
      notes: [
        'a plain scan of key names (YAML/TOML keys, JSON keys, flags, keyword arguments) matching lr/beta/eps/decay/' +
          'momentum/batch/accumulation/warmup/length/steps/schedule/optim words, on lines with a number ' +
          '(or a name for optim/schedule keys) where extraction reported no value, optimizer or finding; ' +
          'lines in a block OptLens refuses (evaluation, profiler, norm layer, rollout), trailing comments, ' +
          'evaluation names (eval_iters) and names OptLens knows are not a role (min_lr, DPO beta, layer_norm_eps, ' +
          'nesterov) are left out; some are still rightly ignored, the rest are the next rules',
      ],
    },
  ]);
}
