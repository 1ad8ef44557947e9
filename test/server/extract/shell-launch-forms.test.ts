/**
 * Launch-script forms the shell reader follows beyond plain flags: `expr` arithmetic in a command substitution, a
 * command held in a variable and run later (`$TRAIN_CMD`, `eval "$CMD"`, `CMD+=" --lr 1e-4"`).
 */
import { describe, expect, test } from 'vitest';
import type { ConfigEntry } from '../../../server/extract/entries';
import { renderPath } from '../../../server/extract/keypath';
import { readShell } from '../../../server/extract/shell';

function all(text: string, key: string): ConfigEntry[] {
  return readShell(text).entries.filter((e) => renderPath(e.path) === key);
}

function at(text: string, key: string): ConfigEntry {
  const found = all(text, key);
  expect(found.map((e) => renderPath(e.path)), `exactly one entry at ${key}`).toEqual([key]);
  return found[0];
}

function lineOf(text: string, e: ConfigEntry): number {
  return text.slice(0, e.span.start).split('\n').length;
}

describe('arithmetic in a command substitution', () => {
  test('`$(expr 16 / $N)` with N written in the file is the number, at the substitution', () => {
    const text = ['nproc_per_node=2', 'swift rlhf --gradient_accumulation_steps $(expr 16 / $nproc_per_node)', ''].join('\n');
    const accum = at(text, '--gradient_accumulation_steps');
    expect(accum).toMatchObject({ value: 8, raw: '$(expr 16 / $nproc_per_node)' });
    expect(accum.runtime).toBeUndefined();
  });

  test('escaped and quoted operators, backticks, nesting with $(( ))', () => {
    const text = [
      'GPUS=8',
      'MICRO=4',
      'python t.py --a $(expr $GPUS \\* $MICRO) --b `expr 64 / $GPUS` --c $(expr "$MICRO" + 1)' +
        ' --d $(( $(expr 2 \\* 3) * GPUS ))',
      '',
    ].join('\n');
    expect(at(text, '--a').value).toBe(32);
    expect(at(text, '--b').value).toBe(8);
    expect(at(text, '--c').value).toBe(5);
    expect(at(text, '--d').runtime).toBeDefined();
  });

  test('an operand only the run knows, or another command, stays set at run time', () => {
    const text = 'python t.py --a $(expr 16 / $NGPU) --b $(nproc) --c $(expr 16/2) --d $(expr 16 / 0)\n';
    for (const key of ['--a', '--b', '--c', '--d']) expect(at(text, key).runtime, key).toBeDefined();
  });

  test('`$(( ))` over variables written in the file', () => {
    const text = ['A=6', 'B=$((A * 2))', 'python t.py --steps $(( (A + B) * 10 ))', ''].join('\n');
    expect(at(text, '--steps').value).toBe(180);
  });
});

describe('a command held in a variable', () => {
  test('key=value overrides in a command string run as `$TRAIN_CMD`: a value from a variable is at its literal', () => {
    const text = [
      'export STEPS=2550',
      'TRAIN_CMD="python3 -m train base.yml run_name=$RUN_NAME \\',
      '        steps=$STEPS learning_rate=3e-4 \\',
      '        per_device_batch_size=4 scan_layers=false"',
      'TRAIN_CMD+=$CMD_DATA',
      '$TRAIN_CMD',
      '',
    ].join('\n');
    const steps = at(text, 'steps');
    expect(steps).toMatchObject({ value: 2550, raw: '2550' });
    expect(lineOf(text, steps)).toBe(1);
    expect(text.slice(steps.keySpan?.start, steps.keySpan?.end)).toBe('steps');
    const lr = at(text, 'learning_rate');
    expect(lr).toMatchObject({ value: 3e-4, raw: '3e-4' });
    expect(lineOf(text, lr)).toBe(3);
    expect(lineOf(text, at(text, 'per_device_batch_size'))).toBe(4);
  });

  test('`CMD+=" --lr 1e-4"` and `eval "$CMD"`: flags and overrides at the lines that write them', () => {
    const text = [
      'STEPS=1000',
      'CMD="python train.py --max_steps $STEPS"',
      'CMD+=" --lr 1e-4 warmup=$((STEPS / 10))"',
      'eval "$CMD"',
      '',
    ].join('\n');
    const steps = at(text, '--max_steps');
    expect(steps.value).toBe(1000);
    expect(lineOf(text, steps)).toBe(1);
    const lr = at(text, '--lr');
    expect(lr).toMatchObject({ value: 1e-4, raw: '1e-4' });
    expect(lineOf(text, lr)).toBe(3);
    // The override after the flag's value is an override of its own, not a second value of --lr.
    expect(all(text, '--lr[1]')).toEqual([]);
    const warmup = at(text, 'warmup');
    expect(warmup).toMatchObject({ value: 100, raw: '$((STEPS / 10))' });
    expect(lineOf(text, warmup)).toBe(3);
  });

  test('`eval "$CMD"` of a command whose flags only the eval reads', () => {
    const text = ['LR=3e-4', 'OPTS="--weight_decay 0.1"', 'CMD="torchrun t.py $OPTS --lr $LR"', 'eval "$CMD"', ''].join('\n');
    expect(lineOf(text, at(text, '--lr'))).toBe(1);
    expect(at(text, '--weight_decay').value).toBe(0.1);
  });
});
