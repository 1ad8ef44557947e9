/**
 * A DeepSpeed JSON config written by a here-document in a launch script (Megatron-DeepSpeed's
 * `cat <<EOT > $DS_CONFIG`): read as JSON, its values at the lines where their literals are written.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import type { ConfigEntry } from '../../../server/extract/entries';
import { renderPath } from '../../../server/extract/keypath';
import { readShell } from '../../../server/extract/shell';

const SCRIPT = [
  'DS_CONFIG=./tmp/deepspeed.json', // 1
  'MICRO_BATCH_SIZE=4',
  'GLOBAL_BATCH_SIZE=32',
  'LR=3e-4',
  'cat <<EOT > $DS_CONFIG', // 5
  '{',
  '  "train_batch_size" : $GLOBAL_BATCH_SIZE,',
  '  "train_micro_batch_size_per_gpu": $MICRO_BATCH_SIZE,',
  '  "optimizer": {',
  '    "type": "Adam",', // 10
  '    "params": {"lr": $LR, "betas": [0.9, 0.95], "weight_decay": 0.1}',
  '  },',
  '  "scheduler": {"type": "WarmupDecayLR", "params": {"warmup_num_steps": 2000, "total_num_steps": $STEPS}},',
  '  "wall_clock_breakdown": false,',
  '  "tag": "run_$GLOBAL_BATCH_SIZE"', // 15
  '}',
  'EOT',
  'deepspeed train.py --deepspeed_config $DS_CONFIG',
  '',
].join('\n');

function at(text: string, key: string): ConfigEntry {
  const found = readShell(text).entries.filter((e) => renderPath(e.path) === key);
  expect(found.map((e) => renderPath(e.path)), `exactly one entry at ${key}`).toEqual([key]);
  return found[0];
}

function lineOf(text: string, e: { span: { start: number } }): number {
  return text.slice(0, e.span.start).split('\n').length;
}

describe('a JSON config written by a here-document', () => {
  test('its keys are entries; a variable set in the file is its literal, at its line', () => {
    const gbs = at(SCRIPT, 'train_batch_size');
    expect(gbs).toMatchObject({ value: 32, raw: '32' });
    expect(lineOf(SCRIPT, gbs)).toBe(3);
    expect(SCRIPT.slice(gbs.keySpan?.start, gbs.keySpan?.end)).toBe('"train_batch_size"');
    expect(lineOf(SCRIPT, at(SCRIPT, 'optimizer.params.lr'))).toBe(4);
    const beta2 = at(SCRIPT, 'optimizer.params.betas[1]');
    expect(beta2).toMatchObject({ value: 0.95, raw: '0.95' });
    expect(lineOf(SCRIPT, beta2)).toBe(11);
    expect(at(SCRIPT, 'optimizer.type')).toMatchObject({ value: 'Adam', raw: '"Adam"' });
    expect(at(SCRIPT, 'wall_clock_breakdown').value).toBe(false);
  });

  test('a variable only the run knows is set at run time, at its use; a string pieced together is at its use', () => {
    const steps = at(SCRIPT, 'scheduler.params.total_num_steps');
    expect(steps).toMatchObject({ value: '$STEPS', raw: '$STEPS', runtime: { kind: 'environment', expression: '$STEPS' } });
    expect(lineOf(SCRIPT, steps)).toBe(13);
    const tag = at(SCRIPT, 'tag');
    expect(tag).toMatchObject({ value: 'run_32', raw: '"run_$GLOBAL_BATCH_SIZE"' });
  });

  test('a quoted delimiter keeps the body literal; a body that is not JSON is read as commands', () => {
    const literal = ['LR=1', "cat > ds.json <<'EOT'", '{"optimizer": {"params": {"lr": 1e-4, "tag": "$LR"}}}', 'EOT', '']
      .join('\n');
    expect(at(literal, 'optimizer.params.tag')).toMatchObject({ value: '$LR', raw: '"$LR"' });
    expect(lineOf(literal, at(literal, 'optimizer.params.lr'))).toBe(3);
    // Unquoted `$X` in a literal body is no JSON: the body is read as commands, and says nothing.
    expect(readShell(SCRIPT.replace('cat <<EOT', "cat <<'EOT'")).entries.some((e) => e.path[0] === 'train_batch_size'))
      .toBe(false);
    const script = ['cat <<EOF > run.sh', 'python train.py --lr 1e-4', 'EOF', ''].join('\n');
    expect(at(script, '--lr').value).toBe(1e-4);
  });

  test('extraction: the optimizer and batch of the here-document, at their lines, DeepSpeed\'s batch read as global', () => {
    const x = extract(SCRIPT, 'pretrain_gpt_ds.sh');
    const o = x.optimizers[0];
    expect(o?.name).toBe('Adam');
    expect(o?.line).toBe(10);
    const line = (name: 'lr' | 'beta2' | 'weightDecay' | 'microBatchSize' | 'globalBatchSize' | 'warmupSteps'):
      [unknown, number | null | undefined] => [o?.hyperparameters[name]?.value, o?.hyperparameters[name]?.line];
    expect(line('lr')).toEqual([3e-4, 4]);
    expect(line('beta2')).toEqual([0.95, 11]);
    expect(line('weightDecay')).toEqual([0.1, 11]);
    expect(line('microBatchSize')).toEqual([4, 2]);
    expect(line('globalBatchSize')).toEqual([32, 3]);
    expect(line('warmupSteps')).toEqual([2000, 13]);
  });
});
