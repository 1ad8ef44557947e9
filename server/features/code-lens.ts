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

/** What one of several same-named optimizers is for, in a few words: the head of its `appliesTo`, else its number. */
function forWhat(appliesTo: string | undefined, index: number): string {
  const head = appliesTo?.split(/ \(|: /)[0]?.trim();
  if (!head) return `#${index + 1}`;
  return head.length > MAX_LABEL ? `${head.slice(0, MAX_LABEL - 1)}…` : head;
}

const MAX_LABEL = 40;

export function codeLenses(analysed: AnalysedDocument): CodeLens[] {
  const { optimizers } = analysed.analysis;
  const lines = optimizers.map((opt) =>
    (opt.span ? analysed.snapshot.positionAt(opt.span.start).line : Math.max(0, (opt.line ?? 1) - 1)));
  return optimizers.flatMap((opt, optimizerIndex) => {
    const line = lines[optimizerIndex];
    const range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const target = { uri: analysed.uri, optimizerIndex };
    // Optimizers sharing a line (implied ones all sit on line 1) are told apart by name, and by what each is for
    // where the name repeats too (a call's parameter groups, a config function's branches).
    const sameLine = optimizers.filter((_, i) => lines[i] === line);
    const twin = sameLine.filter((o) => o.name === opt.name).length > 1;
    const suffix = sameLine.length > 1 ? ` (${opt.name}${twin ? `, ${forWhat(opt.appliesTo, optimizerIndex)}` : ''})` : '';
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
