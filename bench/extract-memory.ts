/**
 * Run by extract.bench.ts in a fresh `node --expose-gc` process, one per measurement, so that a reading's
 * peak memory is the process's own high-water mark and its time is a first (cold) run, as `optlens
 * analyze` pays it: `node extract-memory.mjs FILE extract|read|full-read|analyze|none` prints one JSON line.
 *
 * - extract: server/extract extract() (the YAML reader chain, then ecosystem, values, traps);
 * - read: readYaml alone (the line scanner for a plain block file);
 * - full-read: readYamlDocuments, composing documents with the `yaml` package: the peer;
 * - analyze: server/analyze.ts analyzeText (a file past the read limit is read through its excerpt);
 * - none: nothing, the baseline of the process that has read the file.
 */
import { readFileSync } from 'node:fs';
import { analyzeText } from '../server/analyze';
import { extract } from '../server/extract';
import { readYaml, readYamlDocuments } from '../server/extract/yaml';

const OPS: Record<string, (text: string, file: string) => unknown> = {
  extract: (text, file) => extract(text, file),
  read: (text) => readYaml(text),
  'full-read': (text) => readYamlDocuments(text),
  analyze: (text, file) => analyzeText(text, file, {}),
  none: () => null,
};

function main(): void {
  const [file, opName] = process.argv.slice(2);
  const op = opName ? OPS[opName] : undefined;
  if (!file || !op) throw new Error('usage: extract-memory FILE extract|read|full-read|analyze|none');
  const gc = globalThis.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const text = readFileSync(file, 'utf8');
  gc();
  // Current RSS, not the high-water mark: reading the file may have set that, and the op's peak is
  // what matters. The `none` op gives what that earlier mark alone shows as growth (the floor).
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = op(text, file);
  const ms = performance.now() - t0;
  const rssPeak = process.resourceUsage().maxRSS * 1024;
  gc();
  // The result is still referenced here, so this is what the answer itself keeps alive.
  const retained = process.memoryUsage().heapUsed - heapBefore;
  process.stdout.write(`${JSON.stringify({ ms, peakGrowth: Math.max(0, rssPeak - rssBefore), retained, answered: result !== null })}\n`);
}

main();
