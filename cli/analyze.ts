/**
 * `optlens analyze FILE...`: reads training configs the way the language server does (server/analyze.ts)
 * and prints hyperparameters, predictions and findings as text, JSON or SARIF 2.1.0 (GitHub code
 * scanning). Exit codes: 0 ok, 1 a finding at or above `--fail-on` (default error), 2 usage error or an
 * unreadable file.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AnalysisSettings, FileAnalysis } from '../core/analysis';
import type { Severity } from '../core/hyperparams';
import { analyzeText } from '../server/analyze';
import { toJsonFile } from './analyze-json';
import { toSarif, type SarifInput } from './analyze-sarif';
import { formatText } from './analyze-text';
import { UsageError, type Command } from './io';

const USAGE = `usage: optlens analyze FILE... [flags]

Reads training configs (YAML, JSON, TOML, Python, shell launch scripts), finds every optimizer and its
hyperparameters as the framework will use them, predicts what training will do, and reports the traps.

flags:
  --format text|json|sarif   output (default text); --json is --format json
  --world-size N             data-parallel size, for the global batch (a value in the file wins)
  --noise-scale S            B_simple in samples (science.md §4), for the Surge prediction
  --params N                 parameter count, for the ε regime
  --fail-on error|warning|never   exit 1 when a finding is at least this severe (default error)
  -h, --help                 show this help
`;

const RANK: Record<Severity, number> = { error: 3, warning: 2, information: 1, hint: 0 };
const VERSION = '0.1.0';

function positiveNumber(flag: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/_/g, ''));
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${flag} needs a positive ${integer ? 'integer' : 'number'}, got '${raw}'`);
  }
  return n;
}

interface Options {
  files: string[];
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
  if (!help && parsed.positionals.length === 0) throw new UsageError('no FILE given (optlens analyze --help)');
  return { files: parsed.positionals, format, settings, failOn, help };
}

export const analyzeCommand: Command = async (args, io) => {
  const options = parse(args);
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const analysed: SarifInput[] = [];
  let unreadable = false;
  for (const file of options.files) {
    if (io.signal.aborted) return 130;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      io.err(`optlens analyze: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      unreadable = true;
      continue;
    }
    const analysis: FileAnalysis = analyzeText(text, file, options.settings);
    analysed.push({ analysis, text });
    if (options.format === 'text') io.out(formatText(analysis));
  }
  if (options.format === 'json') io.out(JSON.stringify({ files: analysed.map((a) => toJsonFile(a.analysis)) }) + '\n');
  if (options.format === 'sarif') io.out(JSON.stringify(toSarif(analysed, VERSION, process.cwd()), null, 2) + '\n');
  if (unreadable) return 2;
  if (options.failOn === 'never') return 0;
  const threshold = RANK[options.failOn];
  return analysed.some((a) => a.analysis.findings.some((f) => RANK[f.severity] >= threshold)) ? 1 : 0;
};
