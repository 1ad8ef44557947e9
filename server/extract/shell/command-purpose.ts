/**
 * What a command of a launch script runs, told by the name of its script: a launcher that trains a model and then
 * samples from it (`mpiexec -n 8 python image_sample.py --batch_size 64 --steps 40`), evaluates it (`lm_eval
 * --batch_size 8`, `python eval.py`) or exports it (`swift export`, `llamafactory-cli export`) passes flags whose
 * batch and step counts are the sampler's, not the training run's. Such a command's flags are marked
 * (ConfigEntry.notTraining) so that no run reads them.
 */
import type { Field } from './expand';

/**
 * Words of a script's name that say it runs no training (split at `_`, `-`, `.`, `/` and case changes):
 * sampling, evaluation, testing, generation, export, inference, serving, and the tools around a run (converting,
 * quantizing or merging a checkpoint, downloading, benchmarking, plotting).
 */
const NOT_TRAINING_WORDS: ReadonlySet<string> = new Set([
  'sample', 'sampling', 'sampler', 'eval', 'evaluate', 'evaluation', 'evaluator', 'test', 'generate', 'generation',
  'export', 'infer', 'inference', 'predict', 'prediction', 'deploy', 'serve', 'demo', 'convert', 'quantize',
  'merge', 'download', 'upload', 'benchmark', 'visualize', 'plot',
]);

/** Words that say a script trains, whatever else its name says (`train_and_eval.py`, `finetune_test.py`). */
const TRAINING_WORDS: ReadonlySet<string> = new Set([
  'train', 'training', 'trainer', 'finetune', 'finetuning', 'pretrain', 'pretraining', 'sft', 'rlhf', 'dpo', 'ppo',
  'grpo', 'distill', 'distillation',
]);

const SCRIPT = /\.(?:py|sh)$/;
const SUBCOMMAND = /^[a-z][a-z0-9_-]*$/;
/** Modules that start another script (`python -m torch.distributed.launch ... train.py`): the script says. */
const LAUNCHER_MODULE = /(?:^|\.)(?:launch|run|runner)$/;
/** Shell builtins, whose name says nothing of a run (`export LR=1e-4`, `eval "$CMD"`, `test -f ...`). */
const BUILTINS: ReadonlySet<string> = new Set([
  'export', 'eval', 'exec', 'test', '[', 'source', '.', 'set', 'declare', 'local', 'readonly', 'typeset', 'echo',
  'printf', 'cd', 'time', 'nohup', 'env',
]);

function wordsOf(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A script's or module's name with the folder or package holding it when that folder is named for what its scripts
 * do (`llava/eval/model_vqa.py`, `python -m llava.eval.model_vqa`): `eval model_vqa`. Other folders are left out (a
 * user's `~/sample_project/run.py` samples nothing).
 */
function withFolder(parts: readonly string[]): string {
  const last = parts[parts.length - 1] ?? '';
  const folder = parts.length >= 2 ? (parts[parts.length - 2] ?? '').toLowerCase() : '';
  return NOT_TRAINING_WORDS.has(folder) ? `${folder} ${last}` : last;
}

/**
 * The name that says what a command runs: its Python or shell script (`image_sample.py`), the last part of a module
 * run with `-m` (`orc.scripts.train_edm` → `train_edm`), else its program and subcommand (`swift infer`).
 */
function scriptName(fields: readonly Field[]): string | null {
  for (let i = 0; i < fields.length; i++) {
    const value = fields[i]?.value ?? '';
    const module = value === '-m' ? fields[i + 1]?.value ?? '' : '';
    if (module !== '' && !LAUNCHER_MODULE.test(module)) return withFolder(module.split('.'));
    if (!value.startsWith('-') && SCRIPT.test(value)) return withFolder(value.replace(SCRIPT, '').split('/'));
  }
  const program = fields[0]?.value;
  if (program === undefined || BUILTINS.has(program)) return null;
  const sub = fields[1]?.value ?? '';
  return SUBCOMMAND.test(sub) ? `${baseName(program)} ${sub}` : baseName(program);
}

/** The script a command runs when its name says it trains nothing (`image_sample`, `swift export`); else null. */
export function notTrainingScript(fields: readonly Field[]): string | null {
  const name = scriptName(fields);
  if (name === null) return null;
  const words = wordsOf(name);
  if (words.some((w) => TRAINING_WORDS.has(w))) return null;
  return words.some((w) => NOT_TRAINING_WORDS.has(w)) ? name : null;
}
