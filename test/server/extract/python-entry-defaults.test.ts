/**
 * An entry point's defaults (python/command-line.ts readEntryDefaults): a module function whose parameters default to
 * objects of settings built with keywords, run from outside the file, is read with those defaults.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import { readPython } from '../../../server/extract/python';
import { value } from './helpers';

const paths = (text: string): string[] => readPython(text).entries.map((e) => `${e.path.join('.')}=${String(e.value)}`);

describe('entry point defaults', () => {
  const entry = [
    'from mytrainer.args import OptimArgs, EvalArgs',
    '',
    'def run(',
    '    model: str,',
    '    optim: OptimArgs = OptimArgs(',
    '        learning_rate=3e-4,',
    '        weight_decay=0.05,',
    '        global_batch_size=256,',
    '        micro_batch_size=8,',
    '        warmup_steps=500,',
    '    ),',
    '    evaluation: EvalArgs = EvalArgs(interval=250, max_iters=50),',
    '    optimizer: str = "Lion",',
    '    seed: int = 7,',
    '):',
    '    train(model, optim, evaluation, optimizer)',
    '',
  ];

  test('settings objects are read under their parameter, scalar defaults under their name', () => {
    const read = paths(entry.join('\n'));
    expect(read).toEqual(expect.arrayContaining(['optim.learning_rate=0.0003', 'optim.global_batch_size=256',
      'optim.micro_batch_size=8', 'evaluation.max_iters=50', 'optimizer=Lion', 'seed=7']));
    const x = extract(entry.join('\n'), 'run.py');
    expect(value(x, 'globalBatchSize')).toMatchObject({ value: 256, source: 'written', line: 8 });
    expect(value(x, 'microBatchSize')).toMatchObject({ value: 8, source: 'written', line: 9 });
    expect(value(x, 'warmupSteps')).toMatchObject({ value: 500, source: 'written', line: 10 });
    // An evaluation's iterations are no run length.
    expect(value(x, 'steps')?.line).not.toBe(12);
  });

  test('a function the file calls itself is read with its call, not its defaults', () => {
    const text = [...entry, 'run("small", optimizer="AdamW")', ''].join('\n');
    expect(paths(text)).not.toContain('optimizer=Lion');
    expect(paths(text)).not.toContain('optim.micro_batch_size=8');
  });

  test('a function without a settings object keeps its scalar defaults unread', () => {
    const text = 'def run(model, batch_size: int = 64, optimizer: str = "Lion"):\n    train(model, batch_size)\n';
    expect(paths(text)).not.toContain('batch_size=64');
  });

  test('a call without keywords or of a function is no settings object', () => {
    const text = 'from pathlib import Path\ndef run(out: Path = Path("out"), n=make(steps=4), batch_size=3):\n    pass\n';
    expect(paths(text)).not.toContain('batch_size=3');
  });
});
