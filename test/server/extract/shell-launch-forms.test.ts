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

describe('branches: arms of `if` and `case` are alternatives', () => {
  const MAMBA = [
    'MODEL_SCALE="800M" # or "8B"',
    'case "${MODEL_SCALE}" in',
    '    "800M")',
    '        GLOBAL_BATCH_SIZE=32',
    '        ;;',
    '    "8B")',
    '        GLOBAL_BATCH_SIZE=8',
    '        ;;',
    '    *)',
    '        echo "Invalid version specified"',
    '        exit 1',
    '        ;;',
    'esac',
    'torchrun pretrain_mamba.py --global-batch-size ${GLOBAL_BATCH_SIZE} --lr 2.5e-4',
    '',
  ].join('\n');

  test('a `case` whose subject the file writes reads the arm it selects; the other arms are alternatives', () => {
    const gbs = at(MAMBA, '--global-batch-size');
    expect(gbs).toMatchObject({ value: 32, raw: '32' });
    expect(lineOf(MAMBA, gbs)).toBe(4);
    expect(gbs.branch?.construct.text).toBe('case "${MODEL_SCALE}"');
    expect(gbs.branch?.arm.text).toBe('"800M")');
    expect(gbs.branch?.selectedBy?.value).toBe('800M');
    // The arm that exits runs no training: no alternative.
    expect(gbs.branch?.alternatives.map((a) => [a.value, a.raw, a.arm.text])).toEqual([[8, '8', '"8B")']]);
    expect(at(MAMBA, '--lr').branch).toBeUndefined();
  });

  test('the subject selects a later arm, by a glob pattern', () => {
    const text = MAMBA.replace('MODEL_SCALE="800M"', 'MODEL_SCALE=8B').replace('"8B")', '8*|"8b")');
    const gbs = at(text, '--global-batch-size');
    expect(gbs.value).toBe(8);
    expect(lineOf(text, gbs)).toBe(7);
    expect(gbs.branch?.alternatives.map((a) => a.value)).toEqual([32]);
  });

  test('a subject only the run knows: the first arm, and the others listed', () => {
    const text = MAMBA.replace('MODEL_SCALE="800M" # or "8B"', 'MODEL_SCALE=$1');
    const gbs = at(text, '--global-batch-size');
    expect(gbs.value).toBe(32);
    expect(gbs.branch?.selectedBy).toBeNull();
    expect(gbs.branch?.alternatives.map((a) => a.value)).toEqual([8]);
  });

  test('if/elif/else: the first branch; without else, the value before the branch is the alternative', () => {
    const text = [
      'STEPS=1000',
      'if [ "$MODE" == "debug" ]; then STEPS=10',
      'elif [ "$MODE" == "long" ]',
      'then',
      '  STEPS=100000',
      'fi',
      'if [[ $BIG == 1 ]]; then',
      '  LR=1e-4',
      'else',
      '  LR=3e-4',
      'fi',
      'python train.py --max_steps $STEPS --lr $LR',
      '',
    ].join('\n');
    const steps = at(text, '--max_steps');
    expect(steps.value).toBe(10);
    expect(lineOf(text, steps)).toBe(2);
    expect(steps.branch?.arm.text).toBe('if [ "$MODE" == "debug" ]');
    expect(steps.branch?.alternatives.map((a) => [a.value, a.arm.text, a.arm.implicit === true])).toEqual([
      [100000, 'elif [ "$MODE" == "long" ]', false], [1000, 'no branch (no condition holds)', true]]);
    const lr = at(text, '--lr');
    expect(lr.value).toBe(1e-4);
    expect(lr.branch?.alternatives.map((a) => [a.value, a.arm.text])).toEqual([[3e-4, 'else']]);
  });

  test('an unconditional assignment after the branch overrides it', () => {
    const text = ['if [ -n "$X" ]; then LR=1; else LR=2; fi', 'LR=3e-4', 'python t.py --lr $LR', ''].join('\n');
    const lr = at(text, '--lr');
    expect(lr.value).toBe(3e-4);
    expect(lr.branch).toBeUndefined();
  });

  test('a command in each arm: the first arm\'s flags are read, the other arm\'s same flag is its alternative', () => {
    const text = [
      'if [ "$NODES" -gt 1 ]; then',
      '  torchrun --nnodes 2 train.py --lr 1e-4 --warmup 100',
      'else',
      '  python train.py --lr 2e-4 --seed 1',
      'fi',
      '',
    ].join('\n');
    const lr = at(text, '--lr');
    expect(lr.value).toBe(1e-4);
    expect(lr.branch?.alternatives.map((a) => [a.value, a.arm.text])).toEqual([[2e-4, 'else']]);
    expect(at(text, '--warmup').value).toBe(100);
    // A flag only the other arm writes is still read: nothing else says it.
    expect(at(text, '--seed').value).toBe(1);
  });

  test('nested branches, `;&` and a script cut off inside a branch', () => {
    const text = [
      'case $SIZE in',
      '  small) if [ -n "$A" ]; then LR=1e-3; else LR=2e-3; fi ;;',
      '  large) LR=1e-4 ;&',
      'esac',
      'python t.py --lr $LR',
      'if true; then',
      '  python t.py --wd 0.1',
      '',
    ].join('\n');
    const lr = at(text, '--lr');
    expect(lr.value).toBe(1e-3);
    expect(lr.branch?.arm.text).toBe('small)');
    expect(at(text, '--wd').value).toBe(0.1);
  });
});

describe('branches the file decides', () => {
  test('`if [[ $DEBUG -eq 1 ]]` with DEBUG=0 written: the else arm, selected by that value', () => {
    const text = [
      'DEBUG=0',
      'if [[ $DEBUG -eq 1 ]]; then',
      '    MBZ=1',
      '    BZ=1',
      'else',
      '    MBZ=1',
      '    BZ=128',
      'fi',
      'torchrun train.py --micro-batch-size ${MBZ} --global-batch-size ${BZ}',
      '',
    ].join('\n');
    const gbs = at(text, '--global-batch-size');
    expect(gbs.value).toBe(128);
    expect(lineOf(text, gbs)).toBe(7);
    expect(gbs.branch).toMatchObject({ arm: { text: 'else' }, selected: true, selectedBy: { value: '0' } });
    expect(lineOf(text, { span: gbs.branch?.selectedBy?.span ?? { start: 0, end: 0 } } as ConfigEntry)).toBe(1);
    expect(gbs.branch?.alternatives.map((a) => a.value)).toEqual([1]);
    // The same value in both arms depends on no arm: the other arm's literal is only where that arm's run reads it.
    const mbz = at(text, '--micro-batch-size').branch?.alternatives ?? [];
    expect(mbz.map((a) => [a.value, a.same, lineOf(text, { span: a.span ?? { start: 0, end: 0 } } as ConfigEntry)]))
      .toEqual([[1, true, 3]]);
  });

  test('string tests, negation, elif after a false condition, and a condition only the run decides', () => {
    const text = [
      'MODE=long',
      'if ! [ "$MODE" != "debug" ]; then STEPS=10',
      'elif [ "$MODE" = "long" ]; then STEPS=100000',
      'else STEPS=1000',
      'fi',
      'if [ -z "$MODE" ]; then WD=0; else WD=0.1; fi',
      'if [ -n "$UNSET" ]; then LR=1; else LR=2; fi',
      'python t.py --max_steps $STEPS --wd $WD --lr $LR',
      '',
    ].join('\n');
    const steps = at(text, '--max_steps');
    expect(steps.value).toBe(100000);
    expect(steps.branch).toMatchObject({ selected: true, selectedBy: { value: 'long' } });
    expect(at(text, '--wd').value).toBe(0.1);
    const lr = at(text, '--lr');
    expect(lr.value).toBe(1);
    expect(lr.branch).toMatchObject({ selected: false, selectedBy: null });
  });
});

describe('branches at scale', () => {
  test('thousands of nested, unclosed branches are read in bounded time, the innermost in source order', () => {
    const text = `${'if [ -n "$X" ]; then\n'.repeat(5000)}LR=1e-4\npython t.py --lr $LR\n`;
    const start = Date.now();
    expect(at(text, '--lr').value).toBe(1e-4);
    expect(Date.now() - start).toBeLessThan(5000);
  });
});
