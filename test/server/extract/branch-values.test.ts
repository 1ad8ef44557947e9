/**
 * A value that depends on which arm of a shell `if`/`case` runs (branch-values.ts): predicted from the arm read,
 * a finding at it lists the others, and each other arm that writes a value is predicted as a run of its own.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';

describe('what extraction says about a value that depends on a branch', () => {
  const text = [
    'MODEL_SCALE="800M" # or "8B"',
    'case "${MODEL_SCALE}" in',
    '    "800M") GLOBAL_BATCH_SIZE=32 ;;',
    '    "8B") GLOBAL_BATCH_SIZE=8 ;;',
    'esac',
    'torchrun pretrain_gpt.py --global-batch-size ${GLOBAL_BATCH_SIZE} --micro-batch-size 4 --lr 2.5e-4 \\',
    '  --tensor-model-parallel-size 1 --train-iters 1000',
    '',
  ].join('\n');

  test('the arm read is predicted, a finding at its value lists the others, each other arm is a run of its own', () => {
    const x = extract(text, 'pretrain_gpt.sh');
    expect(x.optimizers.map((o) => [o.hyperparameters.globalBatchSize?.value, o.hyperparameters.globalBatchSize?.line]))
      .toEqual([[32, 3], [8, 4]]);
    expect(x.optimizers[1]?.appliesTo).toContain('"8B")');
    expect(x.optimizers[1]?.hyperparameters.lr).toMatchObject({ value: 2.5e-4, line: 6 });
    const found = x.findings.filter((f) => f.code === 'value-depends-on-branch');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 3, severity: 'information' });
    expect(found[0]?.message).toContain('`8` (line 4) in `"8B")`');
    expect(found[0]?.message).toContain('the value `800M` (line 1) selects');
  });

  test('an arm writing the same value at a literal of its own is a run that reads it there; nothing is told', () => {
    const arms = [
      'if [ "$MODE" = "offload" ]; then',
      '  python train.py --lr 1e-4 --gradient_accumulation_steps 2 --weight_decay 0.1',
      'else',
      '  python train.py --lr 1e-4 --gradient_accumulation_steps 2 --weight_decay 0.05',
      'fi',
      '',
    ].join('\n');
    const x = extract(arms, 'run.sh');
    expect(x.optimizers.map((o) => [o.hyperparameters.lr?.line, o.hyperparameters.gradAccum?.line,
      o.hyperparameters.weightDecay?.value])).toEqual([[2, 2, 0.1], [4, 4, 0.05]]);
    const told = x.findings.filter((f) => f.code === 'value-depends-on-branch');
    expect(told.map((f) => f.line)).toEqual([2]);
    expect(told[0]?.message).not.toContain('1e-4');
  });

  test('a variable of settings each arm fills differently: the command carries the other arm\'s words in its run', () => {
    const text = [
      'SMALL="trainer.optim.lr=1e-4 trainer.optim.weight_decay=0.1"',
      'BIG="trainer.optim.lr=3e-4 trainer.optim.weight_decay=0.1 trainer.max_steps=900"',
      'if [ "$SIZE" = "big" ]; then',
      '  CFG="$BIG"',
      'else',
      '  CFG="$SMALL"',
      'fi',
      'python -m trainer data.batch_size=8 $CFG',
      '',
    ].join('\n');
    const x = extract(text, 'launch.sh');
    expect(x.optimizers.map((o) => [o.hyperparameters.lr?.value, o.hyperparameters.lr?.line,
      o.hyperparameters.weightDecay?.line, o.hyperparameters.microBatchSize?.line])).toEqual([
      [3e-4, 2, 2, 8], [1e-4, 1, 1, 8]]);
    // The key only the read arm writes stays the read arm's; the branch is told at the value that differs.
    expect(x.optimizers[0]?.hyperparameters.steps?.line).toBe(2);
    const told = x.findings.filter((f) => f.code === 'value-depends-on-branch');
    expect(told.map((f) => f.line)).toEqual([2]);
    expect(told[0]?.message).toContain('`1e-4` (line 1) in `else`');
  });
});
