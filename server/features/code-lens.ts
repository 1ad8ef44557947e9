/**
 * Code lenses above each optimizer: simulate it, open it in the playground, sweep its batch size. The
 * commands are the extension's (core/protocol.ts `ClientCommands`); their argument names the document
 * and the optimizer (client-commands.ts).
 */
import type { CodeLens, ServerCapabilities } from 'vscode-languageserver';
import { ClientCommands } from '../../core/protocol';
import type { AnalysedDocument } from '../documents';
import { commandFor } from './client-commands';
import type { FeatureContext } from './context';

export function codeLenses(analysed: AnalysedDocument): CodeLens[] {
  const { optimizers } = analysed.analysis;
  const lines = optimizers.map((opt) =>
    (opt.span ? analysed.snapshot.positionAt(opt.span.start).line : Math.max(0, (opt.line ?? 1) - 1)));
  return optimizers.flatMap((opt, optimizerIndex) => {
    const line = lines[optimizerIndex];
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const target = { uri: analysed.uri, optimizerIndex };
    // Optimizers sharing a line (implied ones all sit on line 1) are told apart by name.
    const suffix = lines.filter((l) => l === line).length > 1 ? ` (${opt.name})` : '';
    return [
      { range, command: commandFor(`OptLens: simulate${suffix}`, ClientCommands.simulate, target) },
      { range, command: commandFor('open playground', ClientCommands.openPlayground, target) },
      { range, command: commandFor('sweep batch size', ClientCommands.sweepBatchSize, target) },
    ];
  });
}

export function registerCodeLens(ctx: FeatureContext): ServerCapabilities {
  ctx.connection.onCodeLens(async (params, token) => {
    const analysed = await ctx.analyses.current(params.textDocument.uri, token);
    return analysed ? codeLenses(analysed) : null;
  });
  return { codeLensProvider: { resolveProvider: false } };
}

/** Asks the client to re-request lenses (optimizers may have appeared or moved), where it supports that. */
export function refreshCodeLenses(ctx: FeatureContext): void {
  if (ctx.client().codeLensRefresh) void ctx.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
}
