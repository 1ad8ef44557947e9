/**
 * Values the file leaves to the run (a Python call or undefined name, a shell variable only the run sets, an
 * interpolation, a template, DeepSpeed's `auto`): unknown, never an error and never a default. A hint says so at the
 * value's line; the predictions that need the value are unknown while the others are still shown; every surface
 * shows "unknown (computed at run time)" from the same field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../cli/analyze';
import type { JsonFile } from '../../cli/analyze-json';
import type { CliIO } from '../../cli/io';
import type { FileAnalysis } from '../../core/analysis';
import { assumedValues } from '../../core/provenance-words';
import { UNKNOWN_AT_RUN_TIME } from '../../core/runtime-value';
import { analysisReport } from '../../extension/report/analysis-report';
import { analyzeText } from '../../server/analyze';
import type { AnalysedDocument } from '../../server/documents';
import { hoverAt } from '../../server/features/hover';
import { visibleText } from '../../server/features/markdown';
import { DEFAULT_SETTINGS } from '../../server/settings';

const analyse = (text: string, name: string): FileAnalysis => analyzeText(text, name, DEFAULT_SETTINGS.analysis);
const codes = (a: FileAnalysis) => a.findings.map((f) => `${f.line}: ${f.code}`);
const hints = (a: FileAnalysis) => a.findings.filter((f) => f.code === 'value-set-at-run-time');

const PY_CALL = 'import torch\n'
  + 'optimizer = torch.optim.AdamW(model.parameters(), lr=get_lr(), betas=get_betas(), weight_decay=0.1)\n';

describe('Python', () => {
  it('a call is computed at run time: a hint, no invalid-value or betas-string error, no default', () => {
    const a = analyse(PY_CALL, 'train.py');
    expect(codes(a)).toEqual(['2: value-set-at-run-time', '2: value-set-at-run-time']);
    expect(hints(a).map((f) => f.message)).toEqual([
      'The learning rate η is computed when the script runs (`get_lr()`); OptLens cannot read it, so predictions that '
        + 'need it are not shown.',
      'The β1 and β2 are computed when the script runs (`get_betas()`); OptLens cannot read them, so predictions that '
        + 'need them are not shown.',
    ]);
    const [opt] = a.optimizers;
    expect(opt?.hyperparameters.lr?.runtime).toEqual({ kind: 'call', expression: 'get_lr()' });
    expect(opt?.hyperparameters.beta1?.runtime?.kind).toBe('call');
    // β1 and the lr are unknown: the update RMS (β1), the weight RMS and τ (the lr) are unknown too.
    expect(opt?.predictions?.updateRms).toBeNull();
    expect(opt?.predictions?.weightRms.steady).toBeNull();
    expect(opt?.predictions?.equilibriumSteps).toBeNull();
    // ε, which the file does not write, is PyTorch's default; nothing is assumed in place of the lr or the betas.
    expect(opt && assumedValues(opt)).toBeNull();
  });

  it('an undefined name is set at run time; what does not need it is still predicted', () => {
    const text = 'import torch\nLR_ = LR\noptimizer = torch.optim.AdamW(model.parameters(), lr=LR_, weight_decay=0.1)\n';
    const a = analyse(text, 'train.py');
    expect(codes(a)).toEqual(['2: value-set-at-run-time']);
    expect(hints(a)[0]?.message).toContain('from a name this file does not define (`LR`)');
    const [opt] = a.optimizers;
    expect(opt?.hyperparameters.lr?.runtime).toEqual({ kind: 'name', expression: 'LR' });
    expect(opt?.predictions?.weightRms.steady).toBeNull();
    expect(opt?.predictions?.equilibriumSteps).toBeNull();
    // The update RMS needs β1 only (the family's default here, and said so), not the lr.
    expect(opt?.predictions?.updateRms).toBeCloseTo(0.229, 3);
    expect((opt && assumedValues(opt)?.values.map((v) => v.name)) ?? []).not.toContain('lr');
    // The numbers left unknown are named, so a surface can say why they are missing.
    expect(opt?.predictions?.unknownAtRunTime).toEqual(expect.arrayContaining(['weightRms.steady', 'equilibriumSteps']));
    expect(opt?.predictions?.unknownAtRunTime).not.toContain('updateRms');
  });

  it('a value passed on in code (a parameter, an attribute of one) is set at run time, never the default', () => {
    const text = 'import torch\n'
      + 'class Lit:\n'
      + '    def configure_optimizers(self):\n'
      + '        return torch.optim.AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=cfg["optim"]["wd"])\n';
    const a = analyse(text, 'model.py');
    const [opt] = a.optimizers;
    expect(opt?.hyperparameters.lr).toMatchObject({ source: 'written', line: 4,
      runtime: { kind: 'expression', expression: 'self.hparams.lr' } });
    expect(opt?.hyperparameters.weightDecay?.runtime?.expression).toBe('cfg["optim"]["wd"]');
    expect(hints(a)[0]?.message).toContain('from a value this file does not pin down (`self.hparams.lr`)');
    expect(opt?.predictions?.equilibriumSteps).toBeNull();
    expect((opt && assumedValues(opt)?.values.map((v) => v.name)) ?? []).not.toContain('lr');
  });

  it('a value read from the environment is set at run time, whatever default it names', () => {
    const text = 'import os\nimport torch\nopt = torch.optim.AdamW(params, lr=float(os.getenv("LR", "1e-3")),\n'
      + '    eps=os.environ["EPS"], weight_decay=float(os.environ.get("WD", 0.1)))\n';
    const [opt] = analyse(text, 'train.py').optimizers;
    expect(opt?.hyperparameters.lr?.runtime).toEqual({ kind: 'environment', expression: 'float(os.getenv("LR", "1e-3"))' });
    expect(opt?.hyperparameters.eps).toMatchObject({ source: 'written', line: 4, runtime: { kind: 'environment' } });
    expect(opt?.hyperparameters.weightDecay?.runtime?.expression).toBe('float(os.environ.get("WD", 0.1))');
  });

  it('a string literal that is not a number keeps its error', () => {
    const a = analyse('import torch\nopt = torch.optim.AdamW(params, lr="abc", betas=(0.9, 0.95))\n', 'train.py');
    expect(codes(a)).toContain('2: invalid-value');
    expect(hints(a)).toEqual([]);
  });
});

describe('shell', () => {
  it('a variable only the run sets (the environment, a command substitution) is unknown', () => {
    const text = 'LR=$(cat lr.txt)\ntorchrun train.py --optimizer adamw --lr $LR --adam_beta1 $BETA1 --weight_decay 0.1\n';
    const a = analyse(text, 'run.sh');
    const [opt] = a.optimizers;
    expect(opt?.hyperparameters.lr?.runtime).toEqual({ kind: 'environment', expression: '$(cat lr.txt)' });
    expect(opt?.hyperparameters.beta1?.runtime).toEqual({ kind: 'environment', expression: '$BETA1' });
    expect(hints(a).map((f) => f.line)).toEqual([1, 2]);
    expect(codes(a)).not.toContain('2: invalid-value');
    expect(opt?.predictions?.updateRms).toBeNull();
    expect(opt?.predictions?.weightRms.steady).toBeNull();
  });

  it('a batch factor the run sets leaves the global batch unknown, not formed with 1 in its place', () => {
    const text = 'GA=$(expr 16 / $NPROC)\ntorchrun train.py --optimizer adamw --lr 1e-4 --per_device_train_batch_size 2 '
      + '--gradient_accumulation_steps $GA\n';
    const [opt] = analyse(text, 'run.sh').optimizers;
    expect(opt?.hyperparameters.gradAccum?.runtime?.kind).toBe('environment');
    expect(opt?.predictions?.batch).toMatchObject({ size: null, factors: [], missing: 'set-at-run-time' });
    expect(opt?.predictionInput?.batchSize).toBeNull();
  });
});

describe('YAML and JSON', () => {
  it('an interpolation the file cannot resolve and a template are unknown, not defaults', () => {
    const text = 'optimizer:\n  name: adamw\n  lr: ${oc.env:LR}\n  betas: [0.9, 0.95]\n  weight_decay: ${optim.wd}\n'
      + '  eps: "{{ eps }}"\n';
    const a = analyse(text, 'config.yaml');
    const hp = a.optimizers[0]?.hyperparameters;
    expect(hp?.lr?.runtime?.kind).toBe('interpolation');
    expect(hp?.weightDecay).toMatchObject({ source: 'written', line: 5, runtime: { kind: 'interpolation' } });
    expect(hp?.eps?.runtime).toEqual({ kind: 'template', expression: '{{ eps }}' });
    expect(hints(a).map((f) => f.line)).toEqual([3, 5, 6]);
    expect(a.optimizers[0] && assumedValues(a.optimizers[0])).toBeNull();
    expect(a.optimizers[0]?.predictions?.weightRms.steady).toBeNull();
    // β1 is written: the update RMS is still shown.
    expect(a.optimizers[0]?.predictions?.updateRms).toBeCloseTo(0.229, 3);
  });

  it('an interpolation the file resolves is still read as its target', () => {
    const a = analyse('base_lr: 3.0e-4\noptimizer:\n  name: adamw\n  lr: ${base_lr}\n', 'config.yaml');
    expect(a.optimizers[0]?.hyperparameters.lr).toMatchObject({ value: 3e-4, line: 1 });
    expect(hints(a)).toEqual([]);
  });

  it('DeepSpeed `auto` is still no error, and now no default stands in for it', () => {
    const text = '{\n  "train_micro_batch_size_per_gpu": "auto",\n'
      + '  "optimizer": {"type": "AdamW", "params": {"lr": "auto", "betas": "auto", "weight_decay": 0.1}}\n}\n';
    const a = analyse(text, 'ds_config.json');
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const [opt] = a.optimizers;
    expect(opt?.hyperparameters.lr?.runtime).toEqual({ kind: 'placeholder', expression: 'auto' });
    expect(opt?.hyperparameters.microBatchSize?.runtime?.kind).toBe('placeholder');
    expect(opt && assumedValues(opt)).toBeNull();
    expect(opt?.predictions?.updateRms).toBeNull();
  });
});

describe('every surface says "unknown (computed at run time)" from the same field', () => {
  const io = () => {
    const out: string[] = [];
    const cli: CliIO = {
      out: (t) => out.push(t), err: () => undefined, isTTY: false, signal: new AbortController().signal,
    };
    return { out, cli };
  };
  const dir = mkdtempSync(join(tmpdir(), 'optlens-runtime-'));
  const file = join(dir, 'train.py');
  writeFileSync(file, PY_CALL);

  it('CLI text and JSON', async () => {
    const text = io();
    await analyzeCommand([file], text.cli);
    expect(text.out.join('')).toMatch(/lr\s+unknown \(computed at run time\)\s+line 2/);
    expect(text.out.join('')).toContain('update RMS unknown (computed at run time) · weight RMS unknown (computed at run time)');
    const json = io();
    await analyzeCommand([file, '--json'], json.cli);
    const [parsed] = (JSON.parse(json.out.join('')) as { files: JsonFile[] }).files;
    expect(parsed?.optimizers[0]?.hyperparameters.lr?.runtime)
      .toEqual({ kind: 'call', expression: 'get_lr()', shown: UNKNOWN_AT_RUN_TIME });
  });

  it('hover and report', () => {
    const analysis = analyse(PY_CALL, 'train.py');
    const uri = 'file:///w/train.py';
    const d: AnalysedDocument = { uri, version: 1, snapshot: TextDocument.create(uri, 'python', 1, PY_CALL), analysis,
      settings: DEFAULT_SETTINGS };
    const hover = hoverAt(d, d.snapshot.positionAt(PY_CALL.indexOf('get_lr')));
    const shown = visibleText((hover?.contents as { value: string }).value).replace(/\s+/g, ' ');
    expect(shown).toContain(`learning rate η = \`${UNKNOWN_AT_RUN_TIME}\`, written as \`get_lr\` at \`optimizer.lr\` on line 2`);
    const rows = analysisReport(analysis).tables[0]?.rows ?? [];
    // No step size is worded from the default standing in for an lr the run sets.
    const text = 'import torch\nopt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.1)\n';
    const byName: AnalysedDocument = { uri, version: 1, snapshot: TextDocument.create(uri, 'python', 1, text),
      analysis: analyse(text, 'train.py'), settings: DEFAULT_SETTINGS };
    const onName = hoverAt(byName, byName.snapshot.positionAt(text.indexOf('AdamW')));
    const glance = visibleText((onName?.contents as { value: string }).value).replace(/\s+/g, ' ');
    expect(glance).toContain(`Update RMS ≈ 0.229 before the learning rate: steps of ≈ ${UNKNOWN_AT_RUN_TIME} per coordinate`);
    expect(rows.find((r) => r[0] === 'learning rate η')?.[1]).toBe(UNKNOWN_AT_RUN_TIME);
  });
});
