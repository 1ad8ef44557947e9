/**
 * Single-dash options belong to the program they are given to (`./train_gpt2cu -l 0.0006`): the shell reader files
 * them under the program's name, and only a table that knows that program (llm.c) reads them.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { readShell } from '../../../server/extract/shell';
import { value } from './helpers';

const LLMC = [
  'make train_gpt2cu USE_CUDNN=1',
  'out_dir="log"',
  'mpirun -np 8 ./train_gpt2cu \\',
  '    -i "dev/data/train_*.bin" \\',
  '    -o $out_dir \\',
  '    -b 32 -t 2048 \\',
  '    -d 524288 \\',
  '    -c 0.1 \\',
  '    -l 0.0006 \\',
  '    -q 0.1 \\',
  '    -u 700 \\',
  '    -x 572204 \\',
  '    -e "gpt3:c768"',
  '',
].join('\n');

describe('short options', () => {
  test('are read under the program they are given to, each at its own literal', () => {
    const { entries } = readShell(LLMC);
    const at = (path: string): string | undefined => entries.find((e) => e.path.join(' ') === path)?.raw;
    expect(at('train_gpt2cu -l')).toBe('0.0006');
    expect(at('train_gpt2cu -b')).toBe('32');
    expect(at('train_gpt2cu -e')).toBe('"gpt3:c768"');
    // The launcher's own option stays the launcher's.
    expect(at('mpirun -np')).toBe('8');
    expect(entries.some((e) => e.path.length === 1 && e.path[0] === '-l')).toBe(false);
  });

  test('a value only the run knows is marked so', () => {
    const { entries } = readShell('./train_gpt2cu -l $LR -b 4\n');
    const lr = entries.find((e) => e.path.join(' ') === 'train_gpt2cu -l');
    expect(lr?.runtime?.kind).toBe('environment');
  });

  test('another program\'s -l is not a learning rate', () => {
    const x = extract('tail -n 100 log.txt\nls -l /data\npython train.py --lr 3e-4\n', 'run.sh');
    expect(x.ecosystem).not.toBe('llm.c');
    expect(value(x, 'lr')?.raw).toBe('3e-4');
  });
});

describe('llm.c', () => {
  test('train_gpt2cu options: lr, decay, batch in sequences and tokens, warmup, steps; AdamW constants from the code', () => {
    const x = extract(LLMC, 'run_gpt3_125M.sh');
    expect(x.ecosystem).toBe('llm.c');
    expect(x.optimizers).toHaveLength(1);
    expect(x.optimizers[0]).toMatchObject({ kind: 'adamw', weightDecaySemantics: 'lr' });
    expect(value(x, 'lr')).toMatchObject({ value: 0.0006, line: 9, source: 'written' });
    expect(value(x, 'weightDecay')).toMatchObject({ value: 0.1, line: 8 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 32, line: 6 });
    expect(value(x, 'seqLen')).toMatchObject({ value: 2048, line: 6 });
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 524288, line: 7 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 700, line: 11 });
    expect(value(x, 'steps')).toMatchObject({ value: 572204, line: 12 });
    expect(value(x, 'beta2')).toMatchObject({ value: 0.95, source: 'default' });
    expect(value(x, 'eps')).toMatchObject({ value: 1e-8, source: 'default' });
  });
});
