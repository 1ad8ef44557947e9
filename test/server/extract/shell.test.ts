/** The shell reader: flags wherever a launch script writes them, variables followed to their literal. */
import { describe, expect, test } from 'vitest';
import type { ConfigEntry } from '../../../server/extract/entries';
import { renderPath } from '../../../server/extract/keypath';
import { readShell } from '../../../server/extract/shell';

function at(text: string, key: string): ConfigEntry {
  const found = readShell(text).entries.filter((e) => renderPath(e.path) === key);
  expect(found.map((e) => renderPath(e.path)), `exactly one entry at ${key}`).toEqual([key]);
  return found[0];
}

/** Keys of the flag entries (the `dest` twins are checked on their own). */
function keys(text: string): string[] {
  return readShell(text).entries.filter((e) => e.path[0]?.startsWith('-')).map((e) => renderPath(e.path));
}

function literal(text: string, e: ConfigEntry): string {
  return text.slice(e.span.start, e.span.end);
}

describe('flags', () => {
  test('--flag value, --flag=value and bare --flag', () => {
    const text = 'python train.py --lr 6.0e-5 --min-lr=6e-6 --fp16 --lr-warmup-fraction .001 --split 949,50,1\n';
    const lr = at(text, '--lr');
    expect(lr).toMatchObject({ value: 6e-5, raw: '6.0e-5', quoted: false });
    expect(text.slice(lr.keySpan?.start, lr.keySpan?.end)).toBe('--lr');
    const minLr = at(text, '--min-lr');
    expect(minLr).toMatchObject({ value: 6e-6, raw: '6e-6' });
    expect(text.slice(minLr.keySpan?.start, minLr.keySpan?.end)).toBe('--min-lr');
    expect(at(text, '--fp16')).toMatchObject({ value: true, raw: '--fp16' });
    expect(at(text, '--lr-warmup-fraction').value).toBe(0.001);
    expect(at(text, '--split').value).toBe('949,50,1');
  });

  test('each flag is also read under its argparse dest', () => {
    const text = 'python t.py --adam-beta1 0.8 --optimizer.lr=3e-4 --training.local_batch_size 8 --fp16\n';
    expect(at(text, 'adam_beta1')).toMatchObject({ value: 0.8, origin: ['--adam-beta1'] });
    expect(at(text, 'optimizer.lr')).toMatchObject({ value: 3e-4, raw: '3e-4' });
    expect(at(text, 'training.local_batch_size').value).toBe(8);
    expect(at(text, 'fp16').value).toBe(true);
  });

  test('a negative number is a value, not a flag', () => {
    expect(at('run --lr-warmup-iters -1 --x 2\n', '--lr-warmup-iters').value).toBe(-1);
  });

  test('a flag with several values also gives each by index (argparse nargs)', () => {
    const text = 'openrlhf --adam_betas 0.9 0.95 --l2 0.1\n';
    expect(at(text, '--adam_betas').value).toBe(0.9);
    expect(at(text, '--adam_betas[0]').value).toBe(0.9);
    expect(at(text, '--adam_betas[1]').value).toBe(0.95);
    expect(at(text, '--l2').value).toBe(0.1);
  });

  test('line continuations, comments and quotes', () => {
    const text = [
      'torchrun pretrain.py \\',
      '    --lr 1e-4 \\',
      '    --schedule "0:16 2.4B:320" \\',
      "    --name 'run 1' # --wd 0.5 is a comment",
      '',
    ].join('\n');
    expect(at(text, '--lr').value).toBe(1e-4);
    const schedule = at(text, '--schedule');
    expect(schedule).toMatchObject({ value: '0:16 2.4B:320', raw: '"0:16 2.4B:320"', quoted: true });
    expect(at(text, '--name').value).toBe('run 1');
    expect(keys(text)).not.toContain('--wd');
    expect(readShell(text).comments.map((c) => c.text)).toEqual(['# --wd 0.5 is a comment']);
  });

  test('Hydra overrides on a command line', () => {
    const text = 'python train.py model.optim.lr=1e-4 ++trainer.max_steps=1000 trainer.precision=bf16 model.use_flash=true\n';
    expect(at(text, 'model.optim.lr')).toMatchObject({ value: 1e-4, raw: '1e-4' });
    expect(at(text, 'trainer.max_steps').value).toBe(1000);
    expect(at(text, 'trainer.precision').value).toBe('bf16');
    expect(at(text, 'model.use_flash').value).toBe(true);
  });

  test('a Hydra list override is one entry per element', () => {
    const text = 'python train.py model.optim.betas=[0.9,0.98] trainer.devices=8\n';
    const b2 = at(text, 'model.optim.betas[1]');
    expect(b2.value).toBe(0.98);
    expect(literal(text, b2)).toBe('0.98');
    expect(at(text, 'model.optim.betas[0]').value).toBe(0.9);
  });

  test('a list override held in a variable of settings keeps each element at its literal', () => {
    const text = 'CFG="\\\n  opt.lr=1e-4 \\\n  opt.betas="[0.8,0.97]" \\\n  opt.wd=0.1"\n\npython train.py $CFG\n';
    const b1 = at(text, 'opt.betas[0]');
    expect(b1.value).toBe(0.8);
    expect(b1.span.start).toBe(text.indexOf('0.8'));
    expect(literal(text, at(text, 'opt.betas[1]'))).toBe('0.97');
  });
});

describe('variables', () => {
  test('a flag given a variable points at the variable\'s literal', () => {
    const text = 'LR=6e-5\nGBS="1536"\npython train.py --lr $LR --global-batch-size ${GBS}\n';
    const lr = at(text, '--lr');
    expect(lr.value).toBe(6e-5);
    expect(lr.span.start).toBe(text.indexOf('6e-5'));
    expect(literal(text, lr)).toBe('6e-5');
    const gbs = at(text, '--global-batch-size');
    expect(gbs).toMatchObject({ value: 1536, raw: '"1536"', quoted: true });
  });

  test('defaults, arithmetic and concatenation', () => {
    const text = [
      'MICRO=${MICRO:-4}',
      'GPUS=8',
      'GLOBAL=$((MICRO * GPUS * 2))',
      'NAME=run',
      'python t.py --micro-batch-size $MICRO --global-batch-size $GLOBAL --save ckpt/${NAME}_x',
      '',
    ].join('\n');
    const micro = at(text, '--micro-batch-size');
    expect(micro.value).toBe(4);
    expect(literal(text, micro)).toBe('4');
    const global = at(text, '--global-batch-size');
    expect(global.value).toBe(64);
    expect(global.raw).toBe('$((MICRO * GPUS * 2))');
    const save = at(text, '--save');
    expect(save).toMatchObject({ value: 'ckpt/run_x', raw: 'ckpt/${NAME}_x' });
  });

  test('a value only a run knows is an entry marked as set at run time, with its expression', () => {
    const text = 'python t.py --load $1 --nodes $(hostname) --lr $UNSET --wd 0.1\n';
    expect(keys(text)).toEqual(['--load', '--nodes', '--lr', '--wd']);
    expect(at(text, '--nodes')).toMatchObject({ value: '$(hostname)', runtime: { kind: 'environment', expression: '$(hostname)' } });
    expect(at(text, '--lr')).toMatchObject({ value: '$UNSET', runtime: { kind: 'environment', expression: '$UNSET' } });
    expect(at(text, '--wd')?.runtime).toBeUndefined();
  });

  test('`--flag=$X` and a Hydra override `key=$X` that only a run knows are entries set at run time', () => {
    const text = 'python t.py --lr=$LR optim.weight_decay=${WD} --wd=0.1\n';
    const lr = at(text, '--lr');
    expect(lr).toMatchObject({ value: '$LR', runtime: { kind: 'environment', expression: '$LR' } });
    expect(literal(text, lr)).toBe('$LR');
    expect(text.slice(lr.keySpan?.start, lr.keySpan?.end)).toBe('--lr');
    expect(at(text, 'optim.weight_decay')).toMatchObject({ value: '${WD}', runtime: { kind: 'environment' } });
    expect(at(text, '--wd')).toMatchObject({ value: 0.1 });
  });
});

describe('arrays, strings of flags and here-documents', () => {
  test('bash arrays expanded on the command line are read once, at their definition', () => {
    const text = [
      'TRAINING_ARGS=(',
      '    --micro-batch-size 1 ',
      '    --weight-decay 0.1 # decay',
      '    --fp16',
      ')',
      'torchrun ${DISTRIBUTED_ARGS[@]} pretrain_gpt.py \\',
      '    ${TRAINING_ARGS[@]}',
      '',
    ].join('\n');
    expect(keys(text)).toEqual(['--micro-batch-size', '--weight-decay', '--fp16']);
    expect(literal(text, at(text, '--weight-decay'))).toBe('0.1');
  });

  test('a string of flags split at its use keeps exact spans', () => {
    const text = 'OPTS="--lr 3e-4 --adam-beta2 0.95"\ndeepspeed train.py $OPTS\n';
    const beta2 = at(text, '--adam-beta2');
    expect(beta2.value).toBe(0.95);
    expect(beta2.span.start).toBe(text.indexOf('0.95'));
    expect(literal(text, at(text, '--lr'))).toBe('3e-4');
  });

  test('OpenRLHF: flags in a here-document read into a variable', () => {
    const text = [
      'set -x',
      'read -r -d \'\' training_commands <<EOF',
      'openrlhf.cli.train_sft \\',
      '   --max_len 2048 \\',
      '   --learning_rate 5e-6 \\',
      '   --bf16',
      'EOF',
      'deepspeed --module $training_commands',
      '',
    ].join('\n');
    expect(at(text, '--learning_rate').value).toBe(5e-6);
    expect(at(text, '--max_len').value).toBe(2048);
    expect(literal(text, at(text, '--learning_rate'))).toBe('5e-6');
    expect(at(text, '--bf16').value).toBe(true);
  });
});

describe('a script passed as a string', () => {
  test('the script after a shell\'s -c is read, values at their own spans', () => {
    const text = [
      'LR=2e-5',
      'srun -N 1 --ntasks=1 bash -lc "cd /work && torchrun train.py \\',
      '    --learning_rate $LR \\',
      '    --report \\"none\\" --per_device_train_batch_size 4"',
      'docker run img /bin/sh -c \'python t.py optim.eps=1e-8 --weight_decay 0.01\'',
      '',
    ].join('\n');
    const lr = at(text, '--learning_rate');
    expect(lr.value).toBe(2e-5);
    expect(lr.span.start).toBe(text.indexOf('2e-5'));
    expect(literal(text, at(text, '--per_device_train_batch_size'))).toBe('4');
    expect(at(text, '--report').value).toBe('"none"');
    expect(literal(text, at(text, '--weight_decay'))).toBe('0.01');
    expect(literal(text, at(text, 'optim.eps'))).toBe('1e-8');
  });

  test('eval of one quoted string is read; a shell without -c, or -c on another program, is not', () => {
    const text = [
      'eval "python t.py --lr 3e-4"',
      'bash "run.sh --warmup 100"',
      'gcc -c "python t.py --momentum 0.9"',
      '',
    ].join('\n');
    expect(literal(text, at(text, '--lr'))).toBe('3e-4');
    expect(keys(text)).toEqual(['--lr']);
  });

  test('scripts nested in scripts are read to a bounded depth', () => {
    const two = 'bash -c "sh -c \'python t.py --lr 0.5\'"\n';
    expect(literal(two, at(two, '--lr'))).toBe('0.5');
    const deep = `${'bash -c "'.repeat(60)}python t.py --lr 0.5${'"'.repeat(60)}\n`;
    expect(() => readShell(deep)).not.toThrow();
  });
});

describe('broken input', () => {
  test('an unterminated quote is an error and earlier flags are still read', () => {
    const result = readShell('python t.py --lr 1e-4 --name "oops\n');
    expect(result.errors.map((e) => e.message)).toContain('unterminated quote');
    expect(result.entries.map((e) => renderPath(e.path))).toContain('--lr');
  });
});

describe('what real launch scripts do', () => {
  test('quoted flag-and-value array elements, appended arrays, conditional blocks', () => {
    const text = [
      'CKPT=${1:-"checkpoints/run"}',
      'DDP_ARGS=(',
      '    --use-distributed-optimizer',
      ')',
      'TRAINING_ARGS=(',
      '    --lr 0.00015',
      ')',
      'TRAINING_ARGS+=("${DDP_ARGS[@]}")',
      'if [[ "$DTYPE" == "fp8" ]]; then',
      '    DTYPE_ARGS+=(',
      '        "--fp8-format hybrid"',
      '        "--fp8-amax-history-len 1024"',
      '    )',
      'fi',
      'torchrun pretrain_gpt.py ${TRAINING_ARGS[@]} ${DTYPE_ARGS[@]} --save "$CKPT"',
      '',
    ].join('\n');
    const hybrid = at(text, '--fp8-format');
    expect(hybrid).toMatchObject({ value: 'hybrid', raw: 'hybrid' });
    expect(literal(text, at(text, '--fp8-amax-history-len'))).toBe('1024');
    // The appended array's element keeps the span of its definition (line 3).
    const ddp = at(text, '--use-distributed-optimizer');
    expect(ddp.span.start).toBe(text.indexOf('--use-distributed-optimizer'));
    expect(at(text, '--save')).toMatchObject({ value: 'checkpoints/run', raw: '"checkpoints/run"' });
  });

  test('an empty quoted word is a value', () => {
    expect(at('python t.py --suffix "" --lr 1\n', '--suffix').value).toBe('');
  });
});
