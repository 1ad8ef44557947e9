/**
 * A YAML config a launch script writes with a here-document (`cat > train.yaml <<EOF` before `llamafactory-cli train
 * train.yaml`): read as YAML, each value at the line of its literal, the script's variables expanded as the shell
 * expands them (shell/heredoc-json.ts).
 */
import { expect, test } from 'vitest';
import { extract } from '../../../server/extract';

const script = [
  'GA=8',
  'cat > config.yaml <<EOF',
  '# written for the run',
  'model_name_or_path: Qwen/Qwen2.5-7B',
  'learning_rate: 1.0e-4',
  'per_device_train_batch_size: 2',
  'gradient_accumulation_steps: ${GA}',
  'lr_scheduler_type: cosine',
  'EOF',
  'llamafactory-cli train config.yaml',
].join('\n');

test('the here-document\'s YAML is read at its lines, a variable at its assignment', () => {
  const hp = extract(script, 'run.sh').optimizers[0]?.hyperparameters;
  expect([hp?.lr?.value, hp?.lr?.line]).toEqual([1e-4, 5]);
  expect([hp?.microBatchSize?.value, hp?.microBatchSize?.line]).toEqual([2, 6]);
  expect([hp?.gradAccum?.value, hp?.gradAccum?.line]).toEqual([8, 1]);
  expect(hp?.schedule?.value).toBe('cosine');
});

test('a quoted delimiter keeps the body literal; a body of commands is still read as commands', () => {
  const literal = script.replace('<<EOF', "<<'EOF'");
  expect(extract(literal, 'run.sh').optimizers[0]?.hyperparameters.gradAccum?.value).not.toBe(8);
  const commands = ['bash <<EOF', 'python train.py --learning_rate 3e-4', 'EOF'].join('\n');
  const lr = extract(commands, 'run.sh').optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line]).toEqual([3e-4, 2]);
});

test('flags in a YAML manifest\'s list are read too', () => {
  const manifest = ['kubectl apply -f - <<EOF', 'kind: Job', 'spec:', '  args:', '    - --lr=2e-4', 'EOF'].join('\n');
  const lr = extract(manifest, 'submit.sh').optimizers[0]?.hyperparameters.lr;
  expect([lr?.value, lr?.line]).toEqual([2e-4, 5]);
});
