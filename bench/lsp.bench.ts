/**
 * `npm run bench -- lsp`: the language server as an editor sees it, through a real LSP connection to
 * `node dist/server.js --stdio` (build first: `npm run build`). Per corpus file and for a generated
 * 10,000-line YAML: time from didOpen, and from a didChange, to the first pushed diagnostics (median
 * of fresh documents), and p50/p95 of inlay-hint and hover requests. Beside it, on the YAML files, the
 * peer every YAML user already runs, yaml-language-server, measured the same way (schema store off:
 * there is no network). Targets: p95 < 10 ms for corpus files, < 100 ms for the large one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HoverRequest, InlayHintRequest, type Position } from 'vscode-languageserver-protocol/node';
import type { FileAnalysis } from '../core/analysis';
import { AnalysisRequest } from '../core/protocol';
import { type LspSession, startSession } from './lsp-session';
import { percentiles, type BenchSuite, type BenchTable } from './types';

/** `npm run bench` runs from the repository root. */
const ROOT = process.cwd();
const CORPUS = resolve(ROOT, 'test/fixtures/corpus');
const SERVER = join(ROOT, 'dist/server.js');
const YAML_LS = join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');
const OPENS = 7;
const REQUESTS = 100;

interface BenchFile {
  name: string;
  text: string;
  languageId: string;
}

const LANGUAGES: Record<string, string> = { yaml: 'yaml', yml: 'yaml', json: 'json', toml: 'toml', py: 'python', sh: 'shellscript' };

function corpusFiles(dir = CORPUS): BenchFile[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return corpusFiles(path);
    const ext = /\.([a-z]+)$/.exec(entry)?.[1] ?? '';
    if (!LANGUAGES[ext] || entry === 'MANIFEST.json') return [];
    return [{ name: relative(CORPUS, path), text: readFileSync(path, 'utf8'), languageId: LANGUAGES[ext] }];
  });
}

/** An axolotl config padded with a 10,000-line dataset list, the shape of a large real config. */
export function largeYaml(lines = 10_000): string {
  const out = ['base_model: microsoft/phi-2', 'optimizer: adamw_torch_fused', 'adam_beta1: 0.9', 'adam_beta2: 0.95', 'learning_rate: 0.0003',
    'weight_decay: 0.1', 'micro_batch_size: 16', 'gradient_accumulation_steps: 8', 'max_steps: 50000', 'sequence_len: 4096', 'datasets:'];
  for (let i = 0; out.length < lines; i++) out.push(`  - path: org/dataset-${i}`, '    type: alpaca', '    split: train', `    weight: ${(i % 7) / 10}`);
  return out.slice(0, lines).join('\n') + '\n';
}

/** A change an editor would send: the same text with one more comment line at the end. */
const edited = (text: string, n: number) => `${text}${text.endsWith('\n') ? '' : '\n'}# edit ${n}\n`;

const positionAt = (text: string, offset: number): Position => {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
};

/** A position on a written hyperparameter (OptLens's analysis says where), else the middle of line 2. */
function hoverPosition(file: BenchFile, analysis: FileAnalysis | null): Position {
  for (const opt of analysis?.optimizers ?? []) {
    for (const v of Object.values(opt.hyperparameters)) if (v?.span) return positionAt(file.text, v.span.start);
  }
  return { line: Math.min(1, file.text.split('\n').length - 1), character: 2 };
}

async function timed(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  await fn(); // first call warms caches and the JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

interface Measured {
  open: number;
  change: number;
  inlay: { p50: number; p95: number } | null;
  hover: { p50: number; p95: number };
}

async function measure(session: LspSession, file: BenchFile, tag: string, position: Position, inlay: boolean):
  Promise<Measured> {
  const opens: number[] = [];
  const changes: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    // A fresh URI each time: the server has nothing cached for it.
    const uri = pathToFileURL(join('/bench', tag, String(i), file.name)).href;
    opens.push(await session.openToDiagnostics(uri, file.languageId, file.text));
    changes.push(await session.changeToDiagnostics(uri, 2, edited(file.text, i)));
    session.close(uri);
  }
  const uri = pathToFileURL(join('/bench', tag, 'requests', file.name)).href;
  await session.openToDiagnostics(uri, file.languageId, file.text);
  const doc = { textDocument: { uri } };
  const range = { start: { line: 0, character: 0 }, end: { line: file.text.split('\n').length, character: 0 } };
  const hover = percentiles(await timed(
    () => session.connection.sendRequest(HoverRequest.type, { ...doc, position }), REQUESTS));
  const hints = inlay ? percentiles(
    await timed(() => session.connection.sendRequest(InlayHintRequest.type, { ...doc, range }), REQUESTS)) : null;
  session.close(uri);
  return { open: percentiles(opens).p50, change: percentiles(changes).p50, inlay: hints, hover };
}

const suite: BenchSuite = async () => {
  if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const files = [...corpusFiles(), { name: 'generated-10000-lines.yaml', text: largeYaml(), languageId: 'yaml' }];
  const optlens = await startSession({ command: ['node', SERVER, '--stdio'], settings: { optlens: { noiseScale: 1000 } }, versioned: true });
  const yamlLs = existsSync(YAML_LS)
    ? await startSession({
      command: ['node', YAML_LS, '--stdio'],
      settings: { yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: {} },
        http: {}, editor: {}, files: {} },
      versioned: false,
    })
    : null;

  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  let responsiveness: number[] = [];
  try {
    for (const file of files) {
      const analysis = await optlens.connection.sendRequest(
        AnalysisRequest.type, { uri: pathToFileURL(join(CORPUS, file.name)).href }).catch(() => null);
      const position = hoverPosition(file, analysis);
      const lines = file.text.split('\n').length;
      const o = await measure(optlens, file, 'optlens', position, true);
      rows.push([file.name, lines, 'OptLens', o.open, o.change, o.inlay?.p50 ?? '', o.inlay?.p95 ?? '', o.hover.p50, o.hover.p95]);
      if (yamlLs && file.languageId === 'yaml') {
        const y = await measure(yamlLs, file, 'yamlls', position, false);
        rows.push(['', '', 'yaml-language-server', y.open, y.change, 'n/a', 'n/a', y.hover.p50, y.hover.p95]);
        notes.push(`${file.name}: didOpen→diagnostics OptLens ${o.open.toFixed(1)} ms vs yaml-language-server ${y.open.toFixed(1)} ms (${(y.open / o.open).toFixed(1)}×)`);
      }
    }
    responsiveness = await hoverDuringBigAnalysis(optlens, files[0], files[files.length - 1]);
  } finally {
    await optlens.stop();
    await yamlLs?.stop();
  }
  const table: BenchTable = {
    title: 'Language server over stdio (ms): time to first pushed diagnostics, request latency',
    columns: ['file', 'lines', 'server', 'didOpen→diag p50', 'didChange→diag p50', 'inlay p50', 'inlay p95', 'hover p50', 'hover p95'],
    rows,
    notes: [
      `didOpen/didChange: median of ${OPENS} fresh documents; requests: ${REQUESTS} after one warm-up. OptLens runs with optlens.noiseScale = 1000 (so the Surge findings are computed); files of 64,000 characters or more are analysed on its worker thread.`,
      'Targets: inlay and hover p95 < 10 ms for corpus files, < 100 ms for the 10,000-line YAML. yaml-language-server has no inlay hints; without a schema its hover is a fast null, so its hover column is a floor, not a like-for-like figure.',
      ...notes,
    ],
  };
  const during = percentiles(responsiveness);
  const busy: BenchTable = {
    title: 'OptLens stays responsive while it analyses a big file (ms)',
    columns: ['request', 'p50', 'p95', 'runs'],
    rows: [[`hover on ${files[0].name} sent right after didOpen of the 10,000-line YAML`, during.p50, during.p95, responsiveness.length]],
    notes: ['The big file is analysed on the worker thread, so the hover on the small file does not wait for it.'],
  };
  return [table, busy];
};

/** Hover latency on an open small document, each time sent just after a 10,000-line document is opened. */
async function hoverDuringBigAnalysis(session: LspSession, small: BenchFile, big: BenchFile): Promise<number[]> {
  const smallUri = pathToFileURL(join('/bench', 'busy', small.name)).href;
  await session.openToDiagnostics(smallUri, small.languageId, small.text);
  const times: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const bigUri = pathToFileURL(join('/bench', 'busy', String(i), big.name)).href;
    const analysed = session.openToDiagnostics(bigUri, big.languageId, big.text);
    const t0 = performance.now();
    await session.connection.sendRequest(
      HoverRequest.type, { textDocument: { uri: smallUri }, position: { line: 1, character: 2 } });
    times.push(performance.now() - t0);
    await analysed;
    session.close(bigUri);
  }
  session.close(smallUri);
  return times;
}

export default suite;
