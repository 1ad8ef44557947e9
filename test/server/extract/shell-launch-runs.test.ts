/**
 * A launch script of several commands: each training command's flags are its own run (roles/launch-runs.ts), the
 * first the main one; a command whose script samples, evaluates or exports (shell/command-purpose.ts) sets no run's
 * values.
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const runs = (text: string, file = 'launch.sh'): (number | string | boolean | null | undefined)[][] =>
  extract(text, file).optimizers.map((o) => {
    const h = o.hyperparameters;
    return [h.lr?.value, h.lr?.line, h.globalBatchSize?.value, h.microBatchSize?.value, h.steps?.value];
  });

test('each training command of a launcher is a run of its own, read from its own flags', () => {
  const text = [
    '# stage one',
    'torchrun --nproc_per_node 4 pretrain_unet.py --learning_rate 3e-4 --total_batch_size 1024 --wd 0.01',
    '',
    '# stage two, a smaller rate',
    'torchrun --nproc_per_node 4 pretrain_unet.py --learning_rate 5e-5 --total_batch_size 512 --wd 0.01',
    '',
    'python -m tools.finetune_head --learning_rate 1e-5 --wd 0.0',
  ].join('\n');
  expect(runs(text)).toEqual([
    [3e-4, 2, 1024, undefined, undefined],
    [5e-5, 5, 512, undefined, undefined],
    // The third command writes no global batch: it is not the first command's.
    [1e-5, 7, undefined, undefined, undefined],
  ]);
});

test('a sampling command between training commands lends them no batch or step count', () => {
  const text = [
    'srun python fit_model.py --lr 2e-4 --global_batch_size 256',
    'srun python generate_images.py --batch_size 64 --steps 50 --ckpt out/model.pt',
    'srun python scripts/eval_fid.py --batch_size 500 --num_steps 18',
    'srun python fit_model.py --lr 1e-4 --global_batch_size 128',
  ].join('\n');
  expect(runs(text)).toEqual([
    [2e-4, 1, 256, undefined, undefined],
    [1e-4, 4, 128, undefined, undefined],
  ]);
});

test("a later command's flag for a role the first did not write is not the first run's", () => {
  const text = [
    'python train_lm.py --lr 6e-4 --max_steps 1000',
    'python quantize_checkpoint.py --batch_size 32 --calib_steps 200',
  ].join('\n');
  expect(runs(text)).toEqual([[6e-4, 1, undefined, undefined, 1000]]);
});

test('a tool run after training (a converter, a calibration) makes no run and lends it nothing', () => {
  const text = [
    'torchrun train_gpt.py --lr 3e-4 --micro_batch_size 8',
    'python tools/to_hf_checkpoint.py --micro_batch_size 1 --tp 8',
    'python calibrate_int8.py --batch_size 16 --num_steps 100',
  ].join('\n');
  expect(runs(text)).toEqual([[3e-4, 1, undefined, 8, undefined]]);
});

test('variables set between commands apply to the commands after them', () => {
  const text = [
    'LR=1e-3', 'python train.py --lr $LR --batch_size 16',
    'LR=3e-4', 'python train.py --lr $LR --batch_size 16',
  ].join('\n');
  expect(runs(text).map((r) => [r[0], r[1], r[3]])).toEqual([[1e-3, 1, 16], [3e-4, 3, 16]]);
});

test('a program whose subcommand or name says it evaluates or exports is not a run', () => {
  const text = [
    'mytool export --learning_rate 1 --batch_size 8',
    'lm_eval --model hf --batch_size 16',
    'accelerate launch train_and_eval.py --learning_rate 2e-5 --per_device_train_batch_size 4',
  ].join('\n');
  expect(runs(text)).toEqual([[2e-5, 3, undefined, 4, undefined]]);
});

test('a script in a folder named for evaluation is no run; another folder says nothing', () => {
  const text = [
    'python -m vlm.evaluation.score_vqa --batch_size 64',
    'python tools/eval/run_bench.py --batch_size 32',
    'python /home/me/sample_project/run.py --lr 1e-4 --batch_size 16',
  ].join('\n');
  expect(runs(text)).toEqual([[1e-4, 3, undefined, 16, undefined]]);
});

test("a here-document's lines, and a line of flags whose line before lacks its backslash, are one command", () => {
  const manifest = ['cat > job.yaml <<EOF', 'spec:', '  args:', '    - --learning_rate=3e-4', '    - --batch_size=24',
    'EOF', 'kubectl apply -f job.yaml'].join('\n');
  expect(runs(manifest)).toEqual([[3e-4, 4, undefined, 24, undefined]]);
  const typo = ['python train.py --lr 2e-4 \\', '  --batch_size 12', '  --max_steps 500 --warmup_steps 20'].join('\n');
  expect(runs(typo)).toEqual([[2e-4, 1, undefined, 12, 500]]);
});

test('one command, and flags held in a variable, stay one run; a builtin is no script', () => {
  const text = [
    'export LR=5e-4',
    'ARGS="--weight_decay 0.05 --batch_size 32"',
    'python main.py --lr $LR $ARGS',
    'echo done | tee test.log',
  ].join('\n');
  const x = extract(text, 'run.sh');
  expect(x.optimizers).toHaveLength(1);
  const h = x.optimizers[0]?.hyperparameters;
  expect([h?.lr?.value, h?.weightDecay?.value, h?.microBatchSize?.value]).toEqual([5e-4, 0.05, 32]);
});
