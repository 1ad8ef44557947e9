/**
 * Hostile input, class "hang": a few hundred bytes that once made an evaluator do exponential or
 * unbounded work. Each must finish (the test timeout is the bound: the old cost was minutes to hours) and
 * still read the optimizer written after the bomb, with its values.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../server/analyze';
import { extract } from '../../server/extract';
import { readPython } from '../../server/extract/python';

const repeat = (line: string, n: number) => Array.from({ length: n }, (_, i) => line.replaceAll('{i}', String(i)).replaceAll('{j}', String(i - 1))).join('\n');
/** The optimizer read after each bomb, as its value map. */
const optimizerOf = (text: string, fileName: string) => {
  const [opt] = extract(text, fileName).optimizers;
  return { name: opt?.name, lr: opt?.hyperparameters.lr?.value, weightDecay: opt?.hyperparameters.weightDecay?.value };
};
/** The bound: a loaded CI machine finishes each case in seconds; the old cost was minutes to forever. */
const SLOW = { timeout: 60_000 };

describe('YAML anchors and merge keys', () => {
  it('merges a chain of maps, each merging the previous one eight times, once per distinct map', SLOW, () => {
    const text = `m0: &m0 {lr: 1}\n${repeat('m{i}: &m{i}\n  <<: [*m{j}, *m{j}, *m{j}, *m{j}, *m{j}, *m{j}, *m{j}, *m{j}]', 40).replace(/^m0: &m0\n.*\n/, '')}\n`
      + 'optimizer:\n  type: AdamW\n  lr: 3.0e-4\n  weight_decay: 0.1\n  <<: *m39\n';
    expect(optimizerOf(text, 'c.yaml')).toEqual({ name: 'AdamW', lr: 3e-4, weightDecay: 0.1 });
  });

  it('skips aliases of aliases that hold no value (`[*e, *e, *e, *e]` of empty lists, 4³⁰ paths)', SLOW, () => {
    const text = `e0: &e0 []\n${repeat('e{i}: &e{i} [*e{j}, *e{j}, *e{j}, *e{j}]', 31).split('\n').slice(1).join('\n')}\n`
      + 'optimizer:\n  type: AdamW\n  lr: 3.0e-4\n  weight_decay: 0.1\n  extra: *e30\n';
    expect(optimizerOf(text, 'c.yaml')).toEqual({ name: 'AdamW', lr: 3e-4, weightDecay: 0.1 });
  });

  it('stops a walk past its node budget with an error saying so, and keeps what it read before', SLOW, () => {
    // Distinct keys at every level defeat both memos: 4²⁰ scalars through aliases, past every cap.
    const text = 'optimizer:\n  type: AdamW\n  lr: 3.0e-4\n' + `x0: &x0 [1]\n${repeat('x{i}: &x{i} [*x{j}, *x{j}, *x{j}, *x{j}]', 21).split('\n').slice(1).join('\n')}\n`;
    const x = extract(text, 'c.yaml');
    expect(x.optimizers[0]?.hyperparameters.lr?.value).toBe(3e-4);
    expect(x.readErrors.map((e) => e.message)).toEqual([expect.stringMatching(/^analysis stopped: this document's anchors and merge keys expand/)]);
  });
});

describe('shell variables', () => {
  it('bounds `A=$A$A` repeated 700 times (a 5 KB script once blocked the server for minutes)', SLOW, () => {
    const text = `A=x\n${repeat('A=$A$A', 700)}\nLR=1e-4\npython train.py --optimizer adamw --lr $LR --weight_decay 0.1\n`;
    expect(optimizerOf(text, 'run.sh')).toEqual({ name: 'adamw', lr: 1e-4, weightDecay: 0.1 });
  });

  it('bounds doubling arrays and appends', SLOW, () => {
    const text = `A=(x)\n${repeat('A=(${A[@]} ${A[@]})', 300)}\nB=y\n${repeat('B+=$B', 300)}\nLR=1e-4\n`
      + 'python train.py --optimizer adamw --lr $LR --weight_decay 0.1 --x "${A[@]}" --y $B\n';
    expect(optimizerOf(text, 'run.sh')).toEqual({ name: 'adamw', lr: 1e-4, weightDecay: 0.1 });
  });
});

describe('Python evaluation', () => {
  const ADAMW = 'opt = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)\n';

  it('evaluates a method chain `f().g().g()…` once per call, not twice (2²⁰⁰)', SLOW, () => {
    const text = `import torch\nx = f()${'.g()'.repeat(200)}\n${ADAMW}`;
    expect(optimizerOf(text, 'train.py')).toEqual({ name: 'torch.optim.AdamW', lr: 3e-4, weightDecay: 0.1 });
  });

  it('emits `a = [a, a]` repeated 400 times as a graph, and the AdamW call after it is still read', SLOW, () => {
    const text = `import torch\na = [1, 2]\n${repeat('a = [a, a]', 400)}\n${ADAMW}`;
    expect(optimizerOf(text, 'train.py')).toEqual({ name: 'torch.optim.AdamW', lr: 3e-4, weightDecay: 0.1 });
  });

  it('still emits a dict reused in two places under both paths', () => {
    const text = 'opt_cfg = dict(lr=0.001)\nmodel = dict(enc=dict(optim=opt_cfg), dec=dict(optim=opt_cfg))\n';
    const paths = readPython(text).entries.filter((e) => e.value === 0.001).map((e) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['model.enc.optim.lr', 'model.dec.optim.lr']));
  });
});

describe('step counts past 2⁵³', () => {
  for (const steps of ['1.0e+16', '1.0e+22', '1.0e+300']) {
    it(`predicts a cosine run of ${steps} steps without looping forever`, SLOW, () => {
      const text = `optimizer:\n  type: AdamW\n  lr: 3.0e-4\n  weight_decay: 0.1\nscheduler: cosine\nmax_steps: ${steps}\n`;
      const analysis = analyzeText(text, 'c.yaml', {});
      expect(analysis.optimizers[0]?.hyperparameters.steps?.value).toBe(Number(steps));
    });
  }
});
