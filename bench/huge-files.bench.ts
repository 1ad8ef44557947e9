/**
 * Files past the read limit with the optimizer written at the end (50 MB of YAML and JSON, 40 MB of TOML, 3 MB
 * of shell and Python, past their 2 MB limit): analyzeText reads them through the excerpt (server/excerpt/).
 * Each row is a fresh `node --expose-gc` process (bench/extract-memory.ts): a cold first run, the peak RSS growth
 * during it and the heap the answer keeps, beside the floor of a process that only read the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { BenchTable } from './types';

const MiB = 1 << 20;

/** `head`, filler lines up to `bytes`, then `tail`. */
function generated(head: string, filler: (i: number) => string, bytes: number, tail: string[]): string {
  const lines = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const l = filler(i);
    lines.push(l);
    size += l.length + 1;
  }
  return `${[...lines, ...tail].join('\n')}\n`;
}

const FILES = (): { name: string; text: string }[] => [
  { name: 'big.yaml', text: generated('data:\n  records:', (i) => `    - {id: ${i}, text: "sample ${i} of the corpus"}`,
    50 * MiB, ['optimizer:', '  name: adamw', '  lr: 3.0e-4', '  betas: [0.9, 0.95]', '  weight_decay: 0.1']) },
  { name: 'ds_config.json', text: generated('{\n  "data": [', (i) => `    {"id": ${i}, "text": "sample ${i}"},`, 50 * MiB,
    ['    {"id": -1}', '  ],', '  "optimizer": {"type": "AdamW", "params": {"lr": 3e-4, "weight_decay": 0.1}}', '}']) },
  { name: 'job.toml', text: generated('[data]', (i) => `key_${i} = "value ${i} with words"`, 40 * MiB,
    ['[optimizer]', 'name = "AdamW"', 'lr = 3e-4', 'weight_decay = 0.1']) },
  { name: 'run.sh', text: generated('#!/bin/bash\nBASE_LR=3e-4', (i) => `echo "step ${i}" a b c >> log.txt`, 3 * MiB,
    ['torchrun train.py --optimizer adamw --lr $BASE_LR --weight_decay 0.1']) },
  { name: 'train.py', text: generated('import torch\nDATA = [', (i) => `    (${i}, "sample ${i}"),`, 3 * MiB,
    [']', 'optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)']) },
];

export default async function hugeFilesBench(): Promise<BenchTable[]> {
  const dir = mkdtempSync(join(tmpdir(), 'optlens-bench-huge-'));
  try {
    const script = join(dir, 'extract-memory.mjs');
    await esbuild.build({
      entryPoints: [join(process.cwd(), 'bench/extract-memory.ts')], bundle: true, platform: 'node', format: 'esm',
      target: 'node20', outfile: script, logLevel: 'warning', mainFields: ['module', 'main'],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const rows: (string | number)[][] = [];
    for (const { name, text } of FILES()) {
      const file = join(dir, name);
      writeFileSync(file, text);
      const run = (op: string) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, file, op],
        { encoding: 'utf8', maxBuffer: 1 << 20 })) as { ms: number; peakGrowth: number; retained: number };
      const floor = run('none');
      const m = run('analyze');
      const mb = Math.round(text.length / MiB);
      rows.push([name, mb, m.ms, m.peakGrowth / MiB, m.retained / MiB, floor.peakGrowth / MiB]);
      rmSync(file);
    }
    return [{
      title: 'Files past the read limit, the optimizer at the end: analyze, first run in a fresh process (ms, MiB)',
      columns: ['file', 'MB', 'ms', 'peak RSS growth', 'retained heap', 'floor'],
      rows,
      notes: [
        'Past the limit only the lines that set the optimizer and the run are read (server/excerpt/).',
        'floor: the growth of a process that read the file and did nothing else.',
        `Load average when measured: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (1, 5, 15 min) on ${cpus().length} cores.`,
      ],
    }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
