/**
 * A part's own learning rate (server/extract/roles/group-lr.ts): `<part>_lr` and `lr_<part>` name a parameter group's
 * or a model's rate; names whose part is a schedule's word are a schedule's values, not a learning rate.
 */
import { describe, expect, test } from 'vitest';
import { extract } from '../../../server/extract';
import type { ConfigEntry } from '../../../server/extract/entries';
import { indexEntries } from '../../../server/extract/match';
import { groupLrPart, partInFile } from '../../../server/extract/roles/group-lr';

/** Every written learning rate, as `line: raw`, over all configurations. */
function lrs(text: string, file: string): string[] {
  const x = extract(text, file);
  const out = x.optimizers.flatMap((o) => {
    const v = o.hyperparameters.lr;
    return v && v.source !== 'default' && v.line !== null ? [`${v.line}: ${v.raw ?? String(v.value)}`] : [];
  });
  return [...new Set(out)];
}

describe('lr_<part>: a learning rate named for the part it trains', () => {
  test('a settings dataclass with one rate per part gives each rate, and its run length and sample length', () => {
    const text = [
      'from dataclasses import dataclass',
      '',
      '@dataclass',
      'class FitConfig:',
      '    lr_adapter: float = 0.004',
      '    lr_image_tower: float = 2e-5 #0.001',
      '    lr_text_tower: float = 3e-5',
      '    batch_size: int = 4',
      '    max_training_steps: int = 12000',
      '    max_sample_length: int = 2048',
      '    eval_interval: int = 250',
      '',
    ].join('\n');
    expect(lrs(text, 'settings.py').sort()).toEqual(['5: 0.004', '6: 2e-5', '7: 3e-5']);
    const x = extract(text, 'settings.py');
    const run = x.optimizers[0]?.hyperparameters;
    expect(run?.steps).toMatchObject({ value: 12000, line: 9 });
    expect(run?.seqLen).toMatchObject({ value: 2048, line: 10 });
  });

  test('a schedule value after lr_ or before _lr is no learning rate', () => {
    const text = [
      'from dataclasses import dataclass',
      '',
      '@dataclass',
      'class PolicySettings:',
      '    optimizer_lr: float = 1e-4',
      '    lr_warmup_ratio: float = 0.05',
      '    lr_decay_factor: float = 0.5',
      '    scheduler_decay_lr: float = 1e-6',
      '    sched_floor_lr: float = 2e-6',
      '',
    ].join('\n');
    expect(lrs(text, 'policy.py')).toEqual(['5: 1e-4']);
  });

  test('the part of each spelling, and the names that have none', () => {
    expect(groupLrPart('lr_vision_backbone')).toEqual({ part: 'vision backbone' });
    expect(groupLrPart('matrix_lr')).toEqual({ part: 'matrix' });
    expect(groupLrPart('policy_lr')).toEqual({ part: 'policy' });
    expect(groupLrPart('decoupled_lr')).toEqual({ part: 'decoupled' });
    for (const name of ['lr_warmup_steps', 'lr_decay_iters', 'lr_min', 'lr_scheduler_type', 'lr_mult', 'min_lr',
      'scheduler_decay_lr', 'warmup_lr', 'lr_gamma', 'lr_shrink', 'lr_mul', 'lr_alpha', 'lr_coef']) {
      expect(groupLrPart(name), name).toBeNull();
    }
  });

  test('a modifier of the rate after lr_ names no part and makes no optimizer of its own', () => {
    const shell = ['fairseq-train data-bin/wmt16 --optimizer adam --adam-betas \'(0.9, 0.98)\' \\',
      '  --lr 0.0005 --lr-scheduler reduce_lr_on_plateau --lr-shrink 0.5 \\', '  --max-update 30000', ''].join('\n');
    expect(lrs(shell, 'train.sh')).toEqual(['2: 0.0005']);
    const yaml = ['training:', '  learning_rate: 0.002', '  batch_size: 32', '  lr_mul: 0.01', '  lr_alpha: 0.1',
      '  optimizer: adam', 'scheduler:', '  name: reduce_lr_on_plateau', '  lr_shrink: 0.5', 'loss:',
      '  alpha: 0.2', ''].join('\n');
    expect(lrs(yaml, 'gan.yaml')).toEqual(['2: 0.002']);
    expect(extract(yaml, 'gan.yaml').optimizers).toHaveLength(1);
  });

  test('after lr_, a part the file names elsewhere is a part; one it never names is not', () => {
    const text = (block: string): string => ['optimizer: adamw', 'learning_rate: 1.0e-4', 'lr_refiner: 2.0e-5',
      `${block}:`, '  depth: 4', ''].join('\n');
    expect(lrs(text('refiner'), 'train.yaml')).toEqual(['2: 1.0e-4', '3: 2.0e-5']);
    expect(lrs(text('trunk'), 'train.yaml')).toEqual(['2: 1.0e-4']);
  });

  test('a count or a factor under lr_<part> is no rate', () => {
    const text = ['lr_adapter: 0.003', 'lr_backbone: 100', 'batch_size: 8', ''].join('\n');
    expect(lrs(text, 'train.yaml')).toEqual(['1: 0.003']);
  });
});

describe('a rate for the layers a list beside it names', () => {
  test('with the list empty no parameter takes it; with a layer listed it is that group\'s rate', () => {
    const config = (layers: string): string => ['training:', '  learning_rate: 2.0e-4',
      '  differential_learning_rate: 1.0e-5', `  differential_learning_rate_layers: ${layers}`, '  batch_size: 4', '']
      .join('\n');
    expect(lrs(config('[]'), 'experiment.yaml')).toEqual(['2: 2.0e-4']);
    expect(lrs(config('[head]'), 'experiment.yaml')).toEqual(['2: 2.0e-4', '3: 1.0e-5']);
  });

  test('the unused rate gets a hint saying why, with its source; a listed layer lifts it', () => {
    const config = (layers: string): string => ['training:', '  learning_rate: 2.0e-4',
      '  differential_learning_rate: 1.0e-5', `  differential_learning_rate_layers: ${layers}`, ''].join('\n');
    const hints = (text: string) => extract(text, 'experiment.yaml').findings
      .filter((f) => f.code === 'not-a-hyperparameter').map((f) => `${f.line ?? ''}: ${f.message}`);
    expect(hints(config('[]'))).toEqual([expect.stringMatching(/^3: .*lists none \(h2oai\/h2o-llmstudio /)]);
    expect(hints(config('\n    - head'))).toEqual([]);
  });
});

describe('<part>_lr beside the learning rate of its own block (roles/block-parts.ts)', () => {
  test('a top-level options block: the block\'s lr is the optimizer\'s, each part\'s a parameter group', () => {
    const text = 'optimizer: adamw\noptimizer_params:\n  lr: 0.0002\n  encoder_lr: 0.00002\n  head_lr: 0.001\n';
    expect(lrs(text, 'train.yaml')).toEqual(['3: 0.0002', '4: 0.00002', '5: 0.001']);
    const main = extract(text, 'train.yaml').optimizers[0];
    expect(main).toMatchObject({ name: 'adamw', hyperparameters: { lr: { value: 0.0002, line: 3 } } });
  });

  test('an optimizer block inside a training block: the same', () => {
    const text = 'stage:\n  epochs: 3\n  model_optim:\n    lr: 0.0002\n    encoder_lr: 0.00002\n';
    expect(lrs(text, 'train.yaml')).toEqual(['4: 0.0002', '5: 0.00002']);
  });

  test('a block with no learning rate of its own: a part\'s rate is the block\'s, no second optimizer', () => {
    const x = extract('optimizer_params:\n  encoder_lr: 0.00002\n  weight_decay: 0.01\n', 'train.yaml');
    expect(x.optimizers).toHaveLength(1);
  });
});

describe('partInFile: whether a file names a part apart from the rate named for it', () => {
  const entry = (...path: string[]): ConfigEntry =>
    ({ path, value: 1, raw: '1', span: { start: 0, end: 1 }, keySpan: null, quoted: false });
  const index = indexEntries(['Generator.depth', 'lr_generator', 'vae_betas', 'vae', 'lr_shrink', 'lr_vae_x', 'lr_b',
    'b_c'].map((p) => entry(...p.split('.'))), false);

  test('a key, a block or a key\'s prefix names it, lower-cased', () => {
    expect(partInFile(index, 'lr_generator')('generator')).toBe(true);
    expect(partInFile(index, 'lr_vae')('vae')).toBe(true);
    expect(partInFile(index, 'lr_b')('b')).toBe(true);
    expect(partInFile(index, 'lr_shrink')('shrink')).toBe(false);
    expect(partInFile(index, 'lr_depth2')('depth2')).toBe(false);
  });

  test('the rate\'s own name is not another mention', () => {
    expect(partInFile(index, 'lr_vae_x')('lr_vae')).toBe(false);
    expect(partInFile(index, 'lr_b')('lr')).toBe(true);
    expect(partInFile(indexEntries([entry('lr_x')], false), 'lr_x')('lr')).toBe(false);
  });

  test('every segment of every entry counts, where entries share their blocks and where a name moves place', () => {
    const shared = indexEntries([entry('model', 'Encoder', 'depth'), entry('model', 'Encoder', 'width'),
      entry('train', 'model', 'Decoder'), entry('model', 'head', 'x')], false);
    for (const part of ['model', 'encoder', 'depth', 'width', 'train', 'decoder', 'head', 'x']) {
      expect(partInFile(shared, `lr_${part}`)(part)).toBe(true);
    }
    expect(partInFile(shared, 'lr_neck')('neck')).toBe(false);
  });
});
