/**
 * Extraction speed: for every corpus file, the median time of the whole analysis (`analyzeText`:
 * reading, ecosystem, values, traps, predictions) and of extraction alone, beside the bare parse of the
 * same file by its format's library (`yaml` parseAllDocuments, jsonc-parser, toml-eslint-parser,
 * @lezer/python), the peer any YAML tool pays anyway. Then two 10 MB YAML files: a real OLMo config whose
 * data-path list is grown to 10 MB (the shape of real large configs), and the NeMo config repeated under
 * 477 top-level keys (477 optimizer blocks: the worst case for matching), and the torchtune config with
 * its file list, a flow list over several lines, grown to 10 MB (and `lr: *lr`), and a generated list of ~210,000
 * AdamW dicts (each an optimizer block; the first 1,000 are analysed, optimizer-cap.ts): warm timings, then first-run
 * time and memory in fresh processes (extract-memory.ts), then the three YAML readers side by side.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { parser as pythonParser } from '@lezer/python';
import { parseTree } from 'jsonc-parser';
import { parseTOML } from 'toml-eslint-parser';
import { Lexer, parseAllDocuments } from 'yaml';
import { analyzeText } from '../server/analyze';
import { extract } from '../server/extract';
import { readYaml, readYamlDocuments } from '../server/extract/yaml';
import { scanYaml } from '../server/extract/yaml-scan';
import { percentiles, timeRuns, type BenchTable } from './types';

const CORPUS = join(process.cwd(), 'test/fixtures/corpus');

function corpus(): { file: string; text: string }[] {
  return readdirSync(CORPUS)
    .filter((d) => statSync(join(CORPUS, d)).isDirectory())
    .flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => ({ file: `${d}/${f}`, text: readFileSync(join(CORPUS, d, f), 'utf8') })));
}

/** The bare parse of a file by its format's library, or null for shell scripts (no library parser). */
function bareParse(file: string): ((text: string) => unknown) | null {
  if (/\.ya?ml$/.test(file)) return (t) => parseAllDocuments(t);
  if (file.endsWith('.json')) return (t) => parseTree(t, [], { allowTrailingComma: true });
  if (file.endsWith('.toml')) return (t) => parseTOML(t);
  if (file.endsWith('.py')) return (t) => pythonParser.parse(t);
  return null;
}

/** OLMo-7B's config with its `data.paths` list grown (real path lines, numbered) until the file is `bytes` long. */
function bigOlmo(bytes: number): string {
  const lines = readFileSync(join(CORPUS, 'olmo/OLMo-7B-0724.yaml'), 'utf8').split('\n');
  const isPath = (l: string): boolean => /^ {2}- https:\/\//.test(l);
  const first = lines.findIndex(isPath);
  const paths = lines.filter(isPath);
  const extra: string[] = [];
  let size = lines.join('\n').length;
  for (let i = 0; size < bytes; i++) {
    const line = (paths[i % paths.length] ?? '  - x').replace('.npy', `-${i}.npy`);
    extra.push(line);
    size += line.length + 1;
  }
  return [...lines.slice(0, first), ...extra, ...lines.slice(first)].join('\n');
}

/** The NeMo config nested under numbered top-level keys until the file is `bytes` long. */
function repeatedNemo(bytes: number): string {
  const indented = readFileSync(join(CORPUS, 'nemo/megatron_gpt_config.yaml'), 'utf8').split('\n').map((l) => `  ${l}`).join('\n');
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `block${i}:\n${indented}\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

/**
 * The torchtune config with its learning rate an alias (`lr: *lr`, anchored at the top) and its
 * `checkpoint_files` flow list, written over several lines, grown until the file is `bytes` long.
 */
function bigTorchtune(bytes: number): string {
  const config = readFileSync(join(CORPUS, 'torchtune/llama3_1-8B_full.yaml'), 'utf8').replace(/^( *lr:) .*$/m, '$1 *lr');
  const head = 'base_lr: &lr 2.0e-5\n';
  const files: string[] = [];
  let size = head.length + config.length;
  for (let i = 0; size < bytes; i++) {
    const line = `    model-${String(i).padStart(6, '0')}-of-99999.safetensors,`;
    files.push(line);
    size += line.length + 1;
  }
  return head + config.replace(/^( *checkpoint_files: \[\n)/m, `$1${files.join('\n')}\n`);
}

/**
 * A generated sweep: a YAML list of AdamW dicts, each its own optimizer block (3 lines, 47 bytes), until the file is
 * `bytes` long: 10 MB is ~210,000 blocks, past the cap of analysed blocks (optimizer-cap.ts), so what it measures is
 * that the blocks past the cap cost a pass over their lines, not an analysis each.
 */
function manyOptimizers(bytes: number): string {
  const parts = ['optimizers:\n'];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < bytes; i++) {
    const part = `  - name: AdamW\n    lr: ${(i % 9) + 1}.0e-4\n    eps: 1.0e-8\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

const MiB = 2 ** 20;

/** Drains the `yaml` Lexer (a generator: nothing happens until it is read). */
function lexCount(text: string): number {
  let n = 0;
  for (const token of new Lexer().lex(text)) n += token.length > 0 ? 1 : 0;
  return n;
}

/** The YAML readers side by side on one text: the line scanner and the composed documents, beside the bare Lexer. */
function readerRow(name: string, text: string): (string | number)[] {
  const min = (fn: () => unknown, runs: number): number => percentiles(Array.from({ length: runs }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  })).min;
  const entries = scanYaml(text)?.entries.length ?? 'refused';
  return [name, entries, min(() => scanYaml(text), 5), min(() => readYamlDocuments(text), 2),
    min(() => lexCount(text), 2)];
}

/** Warm timings in this process: median and min of 5 extractions, beside the bare yaml parse. */
function bigRow(name: string, text: string): (string | number)[] {
  const extractTimes: number[] = [];
  let optimizers = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    optimizers = extract(text, name).optimizers.length;
    extractTimes.push(performance.now() - t0);
  }
  const readTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    readYaml(text);
    readTimes.push(performance.now() - t0);
  }
  const parseTimes: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    parseAllDocuments(text);
    parseTimes.push(performance.now() - t0);
  }
  const e = percentiles(extractTimes);
  const p = percentiles(parseTimes);
  return [name, Math.round(text.length / 1e5) / 10, optimizers, e.p50, e.min, percentiles(readTimes).min, p.min,
    e.min / p.min];
}

/** Runs bench/extract-memory.ts in fresh processes: first-run time, peak RSS growth and retained heap. */
async function memoryRows(files: { name: string; text: string }[]): Promise<(string | number)[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'optlens-bench-'));
  try {
    const script = join(dir, 'extract-memory.mjs');
    await esbuild.build({
      entryPoints: [join(process.cwd(), 'bench/extract-memory.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20',
      outfile: script, logLevel: 'warning', mainFields: ['module', 'main'],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const rows: (string | number)[][] = [];
    for (const { name, text } of files) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const run = (op: string): { ms: number; peakGrowth: number; retained: number; answered: boolean } => {
        const out = execFileSync(process.execPath, ['--expose-gc', script, file, op], { encoding: 'utf8', maxBuffer: 1 << 20 });
        return JSON.parse(out) as { ms: number; peakGrowth: number; retained: number; answered: boolean };
      };
      const floor = run('none');
      for (const op of ['extract', 'read', 'full-read']) {
        const m = run(op);
        if (m.answered) rows.push([name, op, m.ms, m.peakGrowth / MiB, m.retained / MiB, floor.peakGrowth / MiB]);
        else rows.push([name, op, `refused after ${m.ms.toFixed(1)} ms`, 'n/a', 'n/a', floor.peakGrowth / MiB]);
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function extractBench(): Promise<BenchTable[]> {
  const rows: (string | number)[][] = [];
  for (const { file, text } of corpus()) {
    const analyze = percentiles(await timeRuns(() => analyzeText(text, file, {}), 5, 150)).p50;
    const extractOnly = percentiles(await timeRuns(() => extract(text, file), 5, 150)).p50;
    const parse = bareParse(file);
    const bare = parse ? percentiles(await timeRuns(() => parse(text), 5, 150)).p50 : null;
    rows.push([file, Math.round(text.length / 100) / 10, analyze, extractOnly, bare ?? 'n/a', bare ? analyze / bare : 'n/a']);
  }
  const big = [
    { name: 'olmo-10mb.yaml', text: bigOlmo(10e6) },
    { name: 'nemo-x477.yaml', text: repeatedNemo(10e6) },
    { name: 'torchtune-10mb.yaml', text: bigTorchtune(10e6) },
    { name: 'optimizers-10mb.yaml', text: manyOptimizers(10e6) },
  ];
  return [
    {
      title: 'Extraction: each corpus file (median ms)',
      columns: ['file', 'KB', 'analyze', 'extract', 'bare parse', 'analyze / parse'],
      rows,
      notes: [
        'analyze = server/analyze.ts analyzeText (read, ecosystem, values, defaults, traps, predictions); extract = server/extract extract() alone.',
        'bare parse = the format library alone: yaml parseAllDocuments, jsonc-parser parseTree, toml-eslint-parser parseTOML, @lezer/python parse; shell has none.',
      ],
    },
    {
      title: 'Extraction: 10 MB YAML, warm (ms; median and min of 5 in one process)',
      columns: ['file', 'MB', 'optimizers', 'extract', 'extract min', 'read min', 'yaml parse min', 'extract / parse (min)'],
      rows: big.map(({ name, text }) => bigRow(name, text)),
      notes: [
        'extract = server/extract extract(); read = readYaml alone (above 256 KB: the line scanner yaml-scan.ts, then, where it gives up, composed documents); yaml parse = parseAllDocuments, the peer.',
        'Target: under 1 s. On a shared machine the minimum and the ratio of minima to the bare yaml parse are the figures that survive load.',
        `Load average when measured: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min) on ${cpus().length} cores.`,
      ],
    },
    {
      title: 'Extraction: 10 MB YAML, first run in a fresh process (ms, MiB)',
      columns: ['file', 'op', 'ms', 'peak RSS growth', 'retained heap', 'floor'],
      rows: await memoryRows(big),
      notes: [
        'One `node --expose-gc bench/extract-memory.ts` process per row: ms is a cold first run (what `optlens analyze` pays); peak RSS growth is the high-water mark of resident memory during the op minus resident memory before it; retained heap is what the answer keeps alive after a GC.',
        'extract and read answer with the entries (every scalar with its path and spans), so their memory is linear in the number of scalars; full-read (readYamlDocuments: the `yaml` CST and composed documents) is the peer.',
        'floor: the same growth measured for an op that does nothing (reading the file sets the mark it is compared with).',
      ],
    },
    {
      title: 'Extraction: the three YAML readers on 10 MB (min ms)',
      columns: ['file', 'entries', 'line scanner', 'composed documents', 'yaml Lexer alone'],
      rows: big.map(({ name, text }) => readerRow(name, text)),
      notes: ['line scanner = yaml-scan.ts (what readYaml uses above 256 KB; it gives exactly the composed documents\' entries wherever it answers: differential and randomised tests), composed documents = readYamlDocuments (yaml.ts).'],
    },
  ];
}
