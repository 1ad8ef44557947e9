import { CodeLensRequest } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis, OptimizerAnalysis } from '../../../core/analysis';
import { ClientCommands } from '../../../core/protocol';
import { codeLenses } from '../../../server/features/code-lens';
import { DEFAULT_SETTINGS } from '../../../server/settings';
import { AXOLOTL, AXOLOTL_URI, positionOf } from './fixtures';
import { startTestClient, type TestClient } from './harness';

describe('code lens', () => {
  let client: TestClient;
  afterEach(() => client.dispose());

  it('puts simulate, open playground and sweep batch size above the optimizer', async () => {
    client = await startTestClient();
    client.open(AXOLOTL_URI, 'yaml', AXOLOTL);
    const lenses = (await client.connection.sendRequest(
      CodeLensRequest.type, { textDocument: { uri: AXOLOTL_URI } })) ?? [];
    const line = positionOf(AXOLOTL, 'optimizer:').line;
    expect(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command])).toEqual([
      [line, 'OptLens: simulate', ClientCommands.simulate],
      [line, 'open playground', ClientCommands.openPlayground],
      [line, 'sweep batch size', ClientCommands.sweepBatchSize],
    ]);
    for (const lens of lenses) expect(lens.command?.arguments).toEqual([{ uri: AXOLOTL_URI, optimizerIndex: 0 }]);
  });

  it('gives one set per optimizer, named where two share a line', () => {
    const text = 'muon:\n  lr: 0.02\nadamw:\n  lr: 0.001\n';
    const opt = (name: string, start: number | null): OptimizerAnalysis => ({
      name, kind: 'adamw', implementation: name, line: start === null ? null : text.slice(0, start).split('\n').length,
      span: start === null ? null : { start, end: start + name.length }, weightDecaySemantics: 'lr', hyperparameters: {}, predictionInput: null, predictions: null,
      recipe: null,
    });
    const analysis: FileAnalysis = {
      path: '/w/x.yaml', format: 'yaml', ecosystem: 'generic', ecosystemEvidence: 'none', findings: [],
      optimizers: [opt('muon', 0), opt('adamw', text.indexOf('adamw')), opt('implied-a', null), opt('implied-b', null)],
    };
    const lenses = codeLenses({ uri: 'file:///w/x.yaml', version: 1, snapshot: TextDocument.create('file:///w/x.yaml', 'yaml', 1, text), analysis, settings: DEFAULT_SETTINGS });
    expect(lenses.filter((l) => l.command?.command === ClientCommands.simulate).map(
      (l) => [l.range.start.line, l.command?.title,
        (l.command?.arguments?.[0] as { optimizerIndex: number }).optimizerIndex]))
      .toEqual([[0, 'OptLens: simulate (muon)', 0], [2, 'OptLens: simulate', 1], [0, 'OptLens: simulate (implied-a)', 2], [0, 'OptLens: simulate (implied-b)', 3]]);
  });

  it('tells apart optimizers sharing a line and a name by what each is for (parameter groups of one call)', () => {
    const text = 'opt = AdamW([dict(params=a, lr=0.3), dict(params=b, lr=0.01)])\n';
    const group = (n: number): OptimizerAnalysis => ({
      name: 'torch.optim.AdamW', kind: 'adamw', implementation: 'torch.optim.AdamW', line: 1, span: { start: 6, end: 11 },
      weightDecaySemantics: 'lr', hyperparameters: {}, predictionInput: null, predictions: null, recipe: null,
      appliesTo: `parameter group ${n} (groups 1, 2 of the call's list set learning rates of their own; each is predicted)`,
    });
    const analysis: FileAnalysis = {
      path: '/w/t.py', format: 'python', ecosystem: 'pytorch', ecosystemEvidence: 'none', findings: [],
      optimizers: [group(1), group(2)],
    };
    const lenses = codeLenses({ uri: 'file:///w/t.py', version: 1, snapshot: TextDocument.create('file:///w/t.py', 'python', 1, text), analysis, settings: DEFAULT_SETTINGS });
    expect(lenses.filter((l) => l.command?.command === ClientCommands.simulate).map((l) => l.command?.title)).toEqual([
      'OptLens: simulate (torch.optim.AdamW, parameter group 1)', 'OptLens: simulate (torch.optim.AdamW, parameter group 2)']);
  });
});
