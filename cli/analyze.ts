/**
 * `optlens analyze PATH...`: reads training configs the way the language server does (server/analyze.ts)
 * and prints hyperparameters, predictions and findings as text, JSON or SARIF 2.1.0 (GitHub code
 * scanning). Exit codes: 0 ok, 1 a finding at or above `--fail-on` (default error), 2 usage error or an
 * unreadable file.
 */
import { parseArgs } from 'node:util';
import type { AnalysisSettings } from '../core/analysis';
import type { Severity } from '../core/hyperparams';
import { analyzeExcerpt, analyzeText } from '../server/analyze';
import { readOpenFile } from '../server/excerpt/index';
import { lineIndex } from '../server/extract/lines';
import { openRegularFile } from '../server/file-access';
import { readLimitFor } from '../server/read-limit';
import { toJsonFile } from './analyze-json';
import { binaryReason, DEFAULT_EXCLUDE, DEFAULT_INCLUDE, expandPaths } from './files';
import { toSarif, type SarifInput } from './analyze-sarif';
import { formatText } from './analyze-text';
import { UsageError, type Command } from './io';
import { VERSION } from './version';

const USAGE = `usage: optlens analyze PATH... [flags]

Reads training configs (YAML, JSON, TOML, Python, shell launch scripts), finds every optimizer and its
hyperparameters as the framework will use them, predicts what training will do, and reports the traps.
A directory is searched recursively for configs (${DEFAULT_INCLUDE.join(' ')}), skipping
${DEFAULT_EXCLUDE.join(' ')}; a file that is not text is refused in one line.

flags:
  --format text|json|sarif   output (default text); --json is --format json
  --world-size N             data-parallel size, for the global batch (a value in the file wins)
  --noise-scale S            B_simple in samples (science.md §4), for the Surge prediction
  --params N                 parameter count, for the ε regime
  --fail-on error|warning|never   exit 1 when a finding is at least this severe (default error)
  --include GLOB             in directories, read only files matching GLOB (repeatable; replaces the default)
  --exclude GLOB             in directories, skip files and folders matching GLOB (repeatable; adds to the default)
  -h, --help                 show this help
`;

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };

function positiveNumber(flag: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/_/g, ''));
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${flag} needs a positive ${integer ? 'integer' : 'number'}, got '${raw}'`);
  }
  return n;
}

interface Options {
  paths: string[];
  include: string[];
  exclude: string[];
  format: 'text' | 'json' | 'sarif';
  settings: AnalysisSettings;
  failOn: Severity | 'never';
  help: boolean;
}

function parse(args: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        json: { type: 'boolean' },
        'world-size': { type: 'string' },
        'noise-scale': { type: 'string' },
        params: { type: 'string' },
        'fail-on': { type: 'string' },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const v = parsed.values;
  const format = v.json ? 'json' : (v.format ?? 'text');
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, got '${format}'`);
  const failOn = v['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') throw new UsageError(`--fail-on must be error, warning or never, got '${failOn}'`);
  const settings: AnalysisSettings = {};
  const worldSize = positiveNumber('world-size', v['world-size'], true);
  const noiseScale = positiveNumber('noise-scale', v['noise-scale'], false);
  const params = positiveNumber('params', v.params, false);
  if (worldSize !== undefined) settings.worldSize = worldSize;
  if (noiseScale !== undefined) settings.noiseScale = noiseScale;
  if (params !== undefined) settings.params = params;
  const help = v.help ?? false;
  if (!help && parsed.positionals.length === 0) throw new UsageError('no FILE or directory given (optlens analyze --help)');
  return {
    paths: parsed.positionals,
    include: v.include?.length ? v.include : DEFAULT_INCLUDE,
    exclude: [...DEFAULT_EXCLUDE, ...(v.exclude ?? [])],
    format, settings, failOn, help,
  };
}

/**
 * The file analysed, or why it cannot be (one line: unreadable, not a regular file, too large, or not text).
 * A FIFO or a device is refused rather than read (server/file-access.ts). A file past the read limit is
 * streamed through the excerpt reader (server/excerpt/), so its text is never held whole.
 */
async function analyseFile(file: string, settings: AnalysisSettings): Promise<SarifInput | { problem: string }> {
  const opened = await openRegularFile(file);
  if ('refused' in opened) return { problem: `cannot read ${file}: ${opened.refused}` };
  const { handle, size } = opened;
  try {
    const head = Buffer.alloc(Math.min(size, 8192));
    await handle.read(head, 0, head.length, 0);
    const binary = binaryReason(head);
    if (binary) return { problem: `${file} is not a text config: ${binary}; skipped` };
    const read = await readOpenFile(handle, size, file, readLimitFor(file));
    if ('excerpt' in read) {
      const { excerpt } = read;
      const analysis = analyzeExcerpt(excerpt, file, settings);
      return { analysis, lines: excerpt.originalLines, length: excerpt.totalChars };
    }
    const { text } = read;
    return { analysis: analyzeText(text, file, settings), lines: lineIndex(text), length: text.length };
  } finally {
    await handle.close();
  }
}

export const analyzeCommand: Command = async (args, io) => {
  const options = parse(args);
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const analysed: SarifInput[] = [];
  const { files, problems, empty } = expandPaths(options.paths, { include: options.include, exclude: options.exclude });
  for (const problem of problems) io.err(`optlens analyze: ${problem}\n`);
  for (const dir of empty) io.err(`optlens analyze: no config files under ${dir} (--include ${options.include.join(' ')})\n`);
  let unreadable = problems.length > 0;
  for (const file of files) {
    if (io.signal.aborted) return 130;
    const read = await analyseFile(file, options.settings);
    if ('problem' in read) {
      io.err(`optlens analyze: ${read.problem}\n`);
      unreadable = true;
      continue;
    }
    analysed.push(read);
    if (options.format === 'text') io.out(formatText(read.analysis));
  }
  if (options.format === 'json') io.out(JSON.stringify({ files: analysed.map((a) => toJsonFile(a.analysis)) }) + '\n');
  if (options.format === 'sarif') io.out(JSON.stringify(toSarif(analysed, VERSION, process.cwd()), null, 2) + '\n');
  if (unreadable) return 2;
  if (options.failOn === 'never') return 0;
  const threshold = RANK[options.failOn];
  return analysed.some((a) => a.analysis.findings.some((f) => RANK[f.severity] >= threshold)) ? 1 : 0;
};
