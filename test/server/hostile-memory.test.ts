/**
 * Hostile input, class "memory": a 16 MB shell script, an unterminated heredoc and a 50 MB TOML once killed
 * the server (heap out of memory at 4.4 GB). Each is analysed here on the real analysis worker, whose heap is
 * capped (analysis-worker.ts): had the analysis needed more, the worker would have died and the file got an
 * `analysis-stopped` finding instead of its values. Past the read limit only the head is read, and a
 * finding says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { workerAnalyzer } from '../../server/analysis-worker';
import { analyzeText } from '../../server/analyze';
import { READ_LIMITS } from '../../server/read-limit';
import { serverBundle } from './server-bundle';

let analyze: ReturnType<typeof workerAnalyzer>;
beforeAll(async () => {
  analyze = workerAnalyzer(await serverBundle(), analyzeText, { budgetMs: 120_000 });
});

/** `head` then generated lines up to `bytes`. */
function padded(head: string, line: (i: number) => string, bytes: number): string {
  const lines = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const l = line(i);
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n') + '\n';
}

const codes = (a: { findings: { code: string }[] }) => a.findings.map((f) => f.code);
const SLOW = { timeout: 180_000 };

describe('huge files are read up to a limit, on a worker that cannot take the server down', () => {
  it('a 16 MB shell script', SLOW, async () => {
    const text = padded('#!/bin/bash\npython train.py --optimizer adamw --lr 1e-4 --weight_decay 0.1', (i) => `echo "step ${i}" a b c $X${i % 9} >> log.txt`, 16 << 20);
    const a = await analyze(text, '/w/run.sh', {}, { languageId: 'shellscript' });
    expect(codes(a)).toContain('file-truncated');
    expect(codes(a)).not.toContain('analysis-stopped');
    expect(a.optimizers[0]?.hyperparameters.lr?.value).toBe(1e-4);
  });

  it('an unterminated heredoc of 16 MB', SLOW, async () => {
    const text = padded('LR=1e-4\npython train.py --optimizer adamw --lr $LR\ncat <<EOF', () => 'x y z $A ${B} "c" d', 16 << 20);
    const a = await analyze(text, '/w/run.sh', {}, { languageId: 'shellscript' });
    expect(codes(a)).toEqual(expect.arrayContaining(['file-truncated']));
    expect(codes(a)).not.toContain('analysis-stopped');
    expect(a.optimizers[0]?.hyperparameters.lr?.value).toBe(1e-4);
  });

  it('a 50 MB TOML', SLOW, async () => {
    const text = padded('[optimizer]\nname = "AdamW"\nlr = 3e-4\nweight_decay = 0.1\n[data]', (i) => `key_${i} = "value ${i} with words"`, 50 << 20);
    const a = await analyze(text, '/w/job.toml', {}, { languageId: 'toml' });
    expect(codes(a)).toContain('file-truncated');
    expect(codes(a)).not.toContain('analysis-stopped');
    expect(a.optimizers[0]?.hyperparameters.lr?.value).toBe(3e-4);
    const truncated = a.findings.find((f) => f.code === 'file-truncated');
    expect(truncated?.span?.end).toBeLessThanOrEqual(READ_LIMITS.other);
  });
});
