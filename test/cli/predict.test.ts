import { describe, expect, it } from 'vitest';
import { UsageError, type CliIO } from '../../cli/io';
import { main } from '../../cli/main';
import { predictCommand } from '../../cli/predict';
import { parsePredictionFlags } from '../../cli/prediction-flags';
import type { Prediction } from '../../core/prediction';
import type { Recipe } from '../../core/recipe';
import { stepLawOptimum } from '../../core/theory/recipe/scaling-laws';

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) { io.stdout += text; },
    err(text: string) { io.stderr += text; },
    isTTY: false,
    signal: new AbortController().signal,
  };
  return io;
}

async function usageError(args: string[]): Promise<string> {
  try {
    await predictCommand(args, capture());
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${args.join(' ')}`);
}

describe('optlens predict --json', () => {
  it('prints exactly one JSON object with every field of Prediction', async () => {
    const io = capture();
    const code = await predictCommand(['--json', '--lr', '1e-3', '--weight-decay', '0.1', '--steps', '20000', '--schedule', 'cosine', '--warmup-steps', '500', '--noise-scale', '1000', '--batch-size', '64', '--grad-norm', '1.5', '--params', '1000000'], io);
    expect(code).toBe(0);
    expect(io.stdout.trim().split('\n')).toHaveLength(1);
    const p = JSON.parse(io.stdout) as Prediction;
    expect(Object.keys(p).sort()).toEqual(['batch', 'effectiveBatchMultiplier', 'epsRegime', 'equilibriumFraction', 'equilibriumSteps', 'initialWeightRms', 'momentum', 'notes', 'recipe', 'sources', 'surge', 'updateRms', 'weightRms']);
    expect(p.updateRms).toBeCloseTo(0.229, 3);
    expect(p.weightRms.steady).toBeCloseTo(0.0707, 4);
    expect(p.surge.threshold).toBeCloseTo(58.8, 1);
    expect(p.sources['weightRms.atEnd']).toBe('science.md §2.4');
    expect(io.stderr).toBe('');
  });

  it('reads every documented flag', () => {
    const { input } = parsePredictionFlags([
      '--optimizer', 'sgd', '--lr', '0.1', '--beta1', '0.8', '--beta2', '0.99', '--eps', '1e-6', '--weight-decay', '5e-4', '--momentum', '0.9',
      '--steps', '1000', '--warmup-steps', '10', '--schedule', 'wsd', '--decay-steps', '100', '--snr', '0.5', '--batch-size', '256', '--noise-scale', '2000',
      '--hessian-alignment', '0.3', '--grad-norm', '2', '--params', '1000', '--theta0-rms', '0.02', '--shape', '64x32', '--dampening', '0.1', '--min-lr-ratio', '0.1',
      '--decay-semantics', 'lr', '--muon-adjust-lr', 'match_rms_adamw', '--fp16',
    ]);
    expect(input).toMatchObject({
      optimizer: 'sgd', lr: 0.1, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 5e-4, momentum: 0.9, nesterov: false, steps: 1000, warmupSteps: 10,
      schedule: 'wsd', decaySteps: 100, snr: 0.5, batchSize: 256, noiseScale: 2000, hessianAlignment: 0.3, gradNorm: 2, params: 1000, theta0Rms: 0.02,
      shape: [64, 32], dampening: 0.1, minLrRatio: 0.1, weightDecaySemantics: 'lr', muonAdjustLr: 'match_rms_adamw', fp16: true,
    });
    // --nesterov apart: torch refuses Nesterov with dampening 0.1.
    expect(parsePredictionFlags(['--optimizer', 'sgd', '--momentum', '0.9', '--nesterov', '--gradient-scale-spread', '0.5']).input)
      .toMatchObject({ nesterov: true, gradientScaleSpread: 0.5 });
  });

  it('takes the optimizer\'s own defaults: torch Adam is coupled L2, torch Muon is Nesterov', () => {
    expect(parsePredictionFlags(['--optimizer', 'adam']).input.weightDecaySemantics).toBe('coupled-l2');
    expect(parsePredictionFlags(['--optimizer', 'muon']).input.nesterov).toBe(true);
    expect(parsePredictionFlags(['--optimizer', 'muon', '--no-nesterov']).input.nesterov).toBe(false);
  });

  it('passes the caller\'s extra options through (optlens simulate)', () => {
    const parsed = parsePredictionFlags(['--seeds', '4', '--lr', '0.01'], { seeds: { type: 'string' } });
    expect(parsed.extra.seeds).toBe('4');
    expect(parsed.input.lr).toBe(0.01);
  });
});

describe('optlens predict: the recipe (science.md §8)', () => {
  // Qwen2.5-1.5B-sized run: 20,000 steps of 512 sequences of 2,048 tokens = 2.1e10 tokens, 14 tokens per parameter.
  const RUN = ['--lr', '1e-3', '--weight-decay', '0.1', '--steps', '20000', '--batch-size', '512', '--seq-len', '2048', '--params', '1.5e9'];

  it('--json carries the recipe: timescale, each law beside the config, the context it came from', async () => {
    const io = capture();
    await predictCommand(['--json', ...RUN], io);
    const { recipe } = JSON.parse(io.stdout) as { recipe: Recipe };
    expect(recipe.timescale.tauIter).toBeCloseTo(10_000, 6);
    expect(recipe.timescale.tauEma).toBeCloseTo(0.5, 9);
    expect(recipe.context).toMatchObject({ tokensPerStep: 512 * 2048, tokens: 20_000 * 512 * 2048, params: 1.5e9 });
    expect(recipe.scalingLaws.map((l) => l.id)).toEqual(['deepseek-llm', 'step-law']);
    const step = recipe.scalingLaws[1];
    expect(step?.lr).toBeCloseTo(stepLawOptimum(1.5e9, 20_000 * 512 * 2048).lr, 12);
    expect(step?.lrRatio).toBeCloseTo(1e-3 / (step?.lr ?? 1), 9);
    // --epochs gives the dataset size from the run (steps × batch ÷ epochs) and the epoch guideline.
    const epochs = capture();
    await predictCommand(['--json', ...RUN, '--epochs', '4'], epochs);
    const multi = (JSON.parse(epochs.stdout) as { recipe: Recipe }).recipe;
    expect(multi.context.datasetSamples).toBe((20_000 * 512) / 4);
    expect(multi.timescale).toMatchObject({ guideline: 'epochs', verdict: 'within' });
    expect(multi.timescale.tauEpoch).toBeCloseTo(2, 9);
  });

  it('text: one recipe block with τ, the verdict, each law and its regime; without N and D it names the flags', async () => {
    const io = capture();
    await predictCommand([...RUN, '--tokens', '3e11'], io);
    expect(io.stdout).toMatch(/recipe \(docs\/science\.md §8\):\n {2}τ_iter = 1\/\(ηλ\)\s+10000 steps/);
    expect(io.stdout).toMatch(/DeepSeek LLM\s+lr [\d.e-]+ \(yours [\d.]+×\), batch [\d.e]+ tokens \(yours [\d.]+×\)/);
    expect(io.stdout).toMatch(/Step Law \(StepFun\): fitted on 3,700 dense and MoE LLMs/);
    expect(io.stdout).toMatch(/from --tokens; --params/);
    const bare = capture();
    await predictCommand(['--lr', '1e-3', '--weight-decay', '0.1'], bare);
    expect(bare.stdout).toMatch(/verdict\s+no verdict: needs --dataset-size \(or --epochs\), --steps, --params/);
    expect(bare.stdout).toMatch(/scaling laws\s+needs --params, --tokens/);
  });

  it('rejects a recipe flag that is not a positive number, naming it', async () => {
    expect(await usageError(['--tokens', '-5'])).toMatch(/^--tokens: must be a number above 0/);
    expect(await usageError(['--epochs', 'two'])).toMatch(/^--epochs: not a number/);
  });
});

describe('optlens predict, text', () => {
  it('shows each number with its science.md section, then the cautions', async () => {
    const io = capture();
    await predictCommand(['--lr', '1e-4', '--weight-decay', '0.1', '--steps', '1000', '--beta2', '0.9'], io);
    expect(io.stdout).toMatch(/update RMS\s+0\.229\s+docs\/science\.md §1\.1/);
    expect(io.stdout).toMatch(/weight RMS, equilibrium\s+0\.0224\s+docs\/science\.md §2\.1, §2\.2/);
    expect(io.stdout).toMatch(/notes:\n {2}- β2 = 0.9 < 0.95/);
    expect(io.stdout).toMatch(/longer than the run/);
  });

  it('λ = 0 is valid and says there is no equilibrium', async () => {
    const io = capture();
    expect(await predictCommand(['--weight-decay', '0', '--steps', '100'], io)).toBe(0);
    expect(io.stdout).toMatch(/no equilibrium.*random walk/);
  });

  it('--help lists the flags', async () => {
    const io = capture();
    expect(await predictCommand(['--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/--noise-scale X/);
  });
});

describe('bad flags: one line naming the flag (exit 2 through cli/main)', () => {
  const cases: [string[], RegExp][] = [
    // What torch.optim refuses is said in PyTorch's words (core/theory/torch-rejects.ts).
    [['--beta1', '1'], /^--beta1: torch.optim refuses it: ValueError: Invalid beta parameter at index 0: 1\.0$/],
    [['--beta2', '-0.1'], /^--beta2: torch.optim refuses it: ValueError: Invalid beta parameter at index 1: -0\.1$/],
    [['--lr', '-1'], /^--lr: torch.optim refuses it: ValueError: Invalid learning rate: -1\.0$/],
    [['--lr', 'NaN'], /^--lr: not a number: 'NaN'$/],
    [['--eps', 'abc'], /^--eps: not a number/],
    [['--weight-decay', '-0.1'], /^--weight-decay: torch.optim refuses it: ValueError: Invalid weight_decay value: -0\.1$/],
    [['--optimizer', 'adagrad'], /^--optimizer: unknown value 'adagrad'/],
    [['--schedule', 'step'], /^--schedule: unknown value 'step'/],
    [['--steps', '10.5'], /^--steps: must be an integer/],
    [['--shape', '64'], /^--shape: expected MxN/],
    [['--momentum', '1.5'], /^--momentum: must be in \[0, 1\)/],
    [['--frobnicate'], /^unknown flag --frobnicate$/],
    [['--lr'], /^--lr: needs a value$/],
    [['--json=yes'], /^--json: takes no value$/],
    [['0.1'], /^unexpected argument '0.1'$/],
    [['--lr', '2', '--weight-decay', '1'], /^--weight-decay: decays the weights/],
    [['--nesterov', '--no-nesterov'], /--nesterov and --no-nesterov/],
  ];
  for (const [args, pattern] of cases) {
    it(args.join(' '), async () => {
      const message = await usageError(args);
      expect(message).toMatch(pattern);
      expect(message).not.toContain('\n');
    });
  }
});

describe('through cli/main', () => {
  it('a bad value exits 2 with one line on stderr naming the flag', async () => {
    const io = capture();
    expect(await main(['predict', '--beta1', '1.5'], io)).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toBe('optlens predict: --beta1: torch.optim refuses it: ValueError: Invalid beta parameter at index 0: 1.5\n');
  });

  it('a good run exits 0 with the JSON on stdout', async () => {
    const io = capture();
    expect(await main(['predict', '--json', '--optimizer', 'lion', '--weight-decay', '1', '--lr', '1e-4'], io)).toBe(0);
    expect((JSON.parse(io.stdout) as Prediction).updateRms).toBe(1);
  });
});
