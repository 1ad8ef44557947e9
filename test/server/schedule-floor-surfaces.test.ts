/**
 * The schedule's floor on every surface that shows the schedule: the hover on the schedule's value, the report's
 * hyperparameter table, the CLI's text and JSON. All say the words of `scheduleFloorPhrase` (core/schedule-floor.ts)
 * from the analysis's `scheduleFloor` and the prediction input's `minLrRatio`, verdict first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { toJsonFile } from '../../cli/analyze-json';
import { formatText } from '../../cli/analyze-text';
import type { FileAnalysis } from '../../core/analysis';
import { plainPhrase } from '../../core/provenance-words';
import { scheduleFloorPhrase } from '../../core/schedule-floor';
import { defaultPredictionInput } from '../../core/theory/predict';
import { hyperparameterTable } from '../../extension/report/analysis-report';
import { analyzeText } from '../../server/analyze';
import type { AnalysedDocument } from '../../server/documents';
import { hoverAt } from '../../server/features/hover';
import { visibleText } from '../../server/features/markdown';
import { DEFAULT_SETTINGS } from '../../server/settings';

const FIXTURES = join(__dirname, '../fixtures');
const MEGATRON = 'corpus/megatron-lm/train_gpt3_175b_distributed.sh';
const analysisOf = (text: string, path: string): FileAnalysis => analyzeText(text, path, DEFAULT_SETTINGS.analysis);
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');

function hoverOn(text: string, path: string, at: string): { markdown: string; visible: string } {
  const analysis = analysisOf(text, path);
  const uri = `file:///w/${path}`;
  const d: AnalysedDocument = {
    uri, version: 1, snapshot: TextDocument.create(uri, 'plaintext', 1, text), analysis, settings: DEFAULT_SETTINGS,
  };
  const offset = text.indexOf(at);
  expect(offset, at).toBeGreaterThanOrEqual(0);
  const markdown = (hoverAt(d, d.snapshot.positionAt(offset))?.contents as { value: string } | undefined)?.value ?? '';
  return { markdown, visible: visibleText(markdown).replace(/\s+/g, ' ') };
}

describe('the schedule floor in words', () => {
  it('says where the decay ends first, then where the floor was read', () => {
    const input = defaultPredictionInput({ schedule: 'cosine', lr: 6e-4, minLrRatio: 0.1 });
    const floor = { kind: 'lr' as const, value: { value: 6e-5, raw: '6e-5', key: 'min_lr', line: 58,
      span: { start: 0, end: 4 }, source: 'written' as const } };
    expect(plainPhrase(scheduleFloorPhrase(input, floor)!))
      .toBe('cosine decay to 10% of the peak lr (`min_lr` `6e-5`, line 58)');
  });

  it('a decay with no floor read ends at 0 and says so; a constant lr has no floor to show', () => {
    expect(plainPhrase(scheduleFloorPhrase(defaultPredictionInput({ schedule: 'linear' }), null)!))
      .toBe('linear decay to 0 (no floor such as min_lr read from the file)');
    expect(scheduleFloorPhrase(defaultPredictionInput({ schedule: 'constant', minLrRatio: 0.1 }), null)).toBeNull();
  });

  it('a floor above the peak lr is said, and that the prediction does not use it', () => {
    const text = 'base_model: m\noptimizer: adamw_torch\nlearning_rate: 3e-4\nlr_scheduler: cosine\nmax_steps: 1000\n' +
      'micro_batch_size: 2\ncosine_min_lr_ratio: 1.5\n';
    const o = analysisOf(text, 'axolotl.yml').optimizers[0];
    expect(plainPhrase(scheduleFloorPhrase(o.predictionInput!, o.scheduleFloor)!)).toBe('cosine decay to 0: the floor ' +
      '(`cosine_min_lr_ratio` `1.5`, line 7) is not a fraction of the peak lr between 0 and 1, so the prediction does ' +
      'not use it');
  });
});

describe('the schedule floor on every surface', () => {
  const text = fixture(MEGATRON);
  const analysis = analysisOf(text, MEGATRON);
  const o = analysis.optimizers[0];
  // --lr 6.0e-5, --min-lr 6.0e-6 on line 50: a cosine to 10% of the peak.
  const words = 'cosine decay to 10% of the peak lr (`--min-lr` `6.0e-6`, line 50)';

  it('the analysis carries the floor beside the ratio the prediction decays to', () => {
    expect(o.predictionInput?.minLrRatio).toBeCloseTo(0.1, 12);
    expect(o.scheduleFloor?.value).toMatchObject({ value: 6e-6, raw: '6.0e-6', key: '--min-lr', line: 50 });
  });

  it('the hover on the schedule\'s value, with the key and literal as code', () => {
    const { markdown, visible } = hoverOn(text, MEGATRON, 'cosine');
    expect(visible).toContain('Cosine decay to 10% of the peak lr (`--min-lr` `6.0e-6`, line 50).');
    expect(markdown).toContain('`--min-lr` `6.0e-6`');
  });

  it('the CLI text and JSON', () => {
    expect(formatText(analysis)).toContain(`    schedule: ${words}\n`);
    const json = toJsonFile(analysis).optimizers[0];
    expect(json.scheduleEnd).toEqual({
      schedule: 'cosine', minLrRatio: o.predictionInput!.minLrRatio,
      floor: { kind: 'lr', value: { value: 6e-6, line: 50, source: 'written', raw: '6.0e-6', key: '--min-lr',
        via: o.scheduleFloor!.value.via } },
      summary: words,
    });
  });

  it('the report\'s hyperparameter table', () => {
    const row = hyperparameterTable(o, analysis).rows.find((r) => r[0] === 'schedule end');
    expect(row).toEqual(['schedule end', words, '--min-lr', 'written (line 50: 6.0e-6)']);
  });

  it('a framework default floor says it is the default and where that default is written', () => {
    const nano = analysisOf(fixture('corpus/nanogpt/train_gpt2.py'), 'corpus/nanogpt/train_gpt2.py');
    expect(formatText(nano)).toContain('    schedule: cosine decay to 10% of the peak lr (the framework\'s default ' +
      'floor lr `6e-5`, nanoGPT train.py @3adf61e1: min_lr = 6e-5)\n');
  });
});

describe("Composer's and OLMo's alpha_f, the final learning rate as a fraction of the peak", () => {
  it('a Composer scheduler decays to alpha_f × the peak: alpha_f 1.0 holds the peak', () => {
    const text = 'optimizer:\n  _target_: torch.optim.AdamW\n  lr: 2.0e-4\nscheduler:\n' +
      '  _target_: composer.optim.LinearWithWarmupScheduler\n  t_warmup: 500ba\n  alpha_f: 1.0\n' +
      'trainer:\n  _target_: composer.Trainer\n  max_duration: 10000ba\n';
    const o = analysisOf(text, 'train.yaml').optimizers[0];
    expect(o.predictionInput?.minLrRatio).toBe(1);
    expect(o.scheduleFloor?.value).toMatchObject({ value: 1, key: 'scheduler.alpha_f', line: 7 });
  });

  it("elsewhere alpha_f is a floor only beside Composer's or OLMo's scheduler (its _target_ or its name)", () => {
    const text = (beside: string) => 'optimizer:\n  _target_: torch.optim.AdamW\n  lr: 2.0e-4\nscheduler:\n' +
      `${beside}  alpha_f: 0.25\nmax_steps: 10000\n`;
    const floorOf = (beside: string) => analysisOf(text(beside), 'train.yaml').optimizers[0]?.scheduleFloor?.value;
    expect(floorOf('  _target_: composer.optim.CosineAnnealingScheduler\n')).toMatchObject({ value: 0.25, line: 6 });
    expect(floorOf('  name: cosine_with_warmup\n')).toMatchObject({ value: 0.25, line: 6 });
    expect(floorOf('  _target_: my_project.schedules.Exponential\n')).toBeUndefined();
    expect(floorOf('')).toBeUndefined();
  });

  it("a torchtitan job config's lr_scheduler.min_lr_factor is the floor as a fraction of the peak", () => {
    const text = '[job]\ndump_folder = "./out"\n[optimizer]\nname = "AdamW"\nlr = 3e-4\n[lr_scheduler]\n' +
      'warmup_steps = 100\ndecay_type = "cosine"\nmin_lr_factor = 0.2\n[training]\nlocal_batch_size = 4\n' +
      'seq_len = 2048\nsteps = 1000\n[parallelism]\ndata_parallel_shard_degree = -1\n';
    const o = analysisOf(text, 'train.toml').optimizers[0];
    expect(o?.predictionInput?.minLrRatio).toBeCloseTo(0.2, 12);
    expect(o?.scheduleFloor?.value).toMatchObject({ value: 0.2, key: 'lr_scheduler.min_lr_factor', line: 9 });
  });

  it("OLMo's scheduler ends at alpha_f, 0.1 when the file does not write it", () => {
    const olmo = (extra: string) => 'model:\n  d_model: 2048\noptimizer:\n  name: adamw\n  learning_rate: 4.0e-4\n' +
      `scheduler:\n  name: cosine_with_warmup\n  t_warmup: 2000\n${extra}max_duration: 100000\n` +
      'global_train_batch_size: 1024\ndevice_train_microbatch_size: 4\n';
    const written = analysisOf(olmo('  alpha_f: 0.05\n'), 'olmo.yaml').optimizers[0];
    expect(written?.scheduleFloor?.value).toMatchObject({ value: 0.05, line: 9, source: 'written' });
    const silent = analysisOf(olmo(''), 'olmo.yaml').optimizers[0];
    expect(silent?.scheduleFloor?.value).toMatchObject({ value: 0.1, source: 'default' });
  });
});

describe('a parameter group with a learning rate of its own ends at its own floor', () => {
  const launch = (extra: string) => 'torchrun pretrain_gpt.py \\\n  --tensor-model-parallel-size 2 \\\n' +
    '  --micro-batch-size 1 \\\n  --global-batch-size 256 \\\n  --train-iters 10000 \\\n  --lr 3e-4 \\\n' +
    `  --min-lr 3e-5 \\\n  --decoupled-lr 1e-3 \\\n${extra}  --lr-decay-style cosine\n`;
  const byLr = (a: FileAnalysis, key: string) => a.optimizers.find((o) => o.hyperparameters.lr?.key === key)!;

  it('Megatron-LM\'s --decoupled-lr group decays to --decoupled-min-lr, the rest to --min-lr', () => {
    const analysis = analysisOf(launch('  --decoupled-min-lr 1e-5 \\\n'), 'run.sh');
    // 1e-5 of the group's own 1e-3: 1%; the main group's 3e-5 of 3e-4: 10%.
    expect(byLr(analysis, '--decoupled-lr').predictionInput?.minLrRatio).toBeCloseTo(0.01, 12);
    expect(byLr(analysis, '--lr').predictionInput?.minLrRatio).toBeCloseTo(0.1, 12);
    expect(formatText(analysis)).toContain('schedule: cosine decay to 1% of the peak lr (`--decoupled-min-lr` `1e-5`, line 9)');
  });

  it('without --decoupled-min-lr the group takes --min-lr, as Megatron-LM does', () => {
    const analysis = analysisOf(launch(''), 'run.sh');
    // 3e-5 of 1e-3.
    expect(byLr(analysis, '--decoupled-lr').predictionInput?.minLrRatio).toBeCloseTo(0.03, 12);
    expect(byLr(analysis, '--decoupled-lr').scheduleFloor?.value.key).toBe('--min-lr');
  });
});
