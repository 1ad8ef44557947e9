/**
 * Hovers on every recognised hyperparameter (its key or its value) and on the optimizer's name.
 * The content is built in hover-content.ts; this module finds what is under the cursor.
 */
import type { Hover, Position, ServerCapabilities } from 'vscode-languageserver';
import { HYPERPARAMETER_NAMES, type HyperparameterName, type Span } from '../../core/hyperparams';
import type { AnalysedDocument } from '../documents';
import type { FeatureContext } from './context';
import { hoverMarkdown } from './hover-content';
import { rangeOfSpan } from './positions';

/**
 * The span a hover answers on: the value literal, widened leftwards to its key when the key is on the
 * same line (`adam_beta1: 0.9`, `--adam-beta1 0.9`, `betas=(0.9, 0.95)`).
 */
function hoverSpan(text: string, value: Span, key: string | null): Span {
  if (!key) return value;
  const lineStart = text.lastIndexOf('\n', value.start - 1) + 1;
  const before = text.slice(lineStart, value.start);
  const last = key.split('.').pop()?.replace(/\[\d+\]$/, '') ?? key;
  const at = last ? before.lastIndexOf(last) : -1;
  return at >= 0 ? { start: lineStart + at, end: value.end } : value;
}

interface Hit {
  optimizerIndex: number;
  name?: HyperparameterName;
  span: Span;
}

/** What the cursor is on: the narrowest span containing the offset (so `betas[0]` wins over the line). */
export function hoverHit(analysed: AnalysedDocument, offset: number): Hit | null {
  const text = analysed.snapshot.getText();
  let best: Hit | null = null;
  const consider = (hit: Hit) => {
    if (offset < hit.span.start || offset > hit.span.end) return;
    if (!best || hit.span.end - hit.span.start < best.span.end - best.span.start) best = hit;
  };
  analysed.analysis.optimizers.forEach((opt, optimizerIndex) => {
    for (const name of HYPERPARAMETER_NAMES) {
      const value = opt.hyperparameters[name];
      if (value?.span && value.source === 'written') {
        consider({ optimizerIndex, name, span: value.span });
        consider({ optimizerIndex, name, span: hoverSpan(text, value.span, value.key) });
      }
    }
    if (opt.span) consider({ optimizerIndex, span: opt.span });
  });
  return best;
}

export function hoverAt(analysed: AnalysedDocument, position: Position): Hover | null {
  const hit = hoverHit(analysed, analysed.snapshot.offsetAt(position));
  if (!hit) return null;
  const opt = analysed.analysis.optimizers[hit.optimizerIndex];
  const value = hoverMarkdown({
    uri: analysed.uri, optimizerIndex: hit.optimizerIndex, opt, settings: analysed.settings.analysis,
      format: analysed.analysis.format,
    findings: analysed.analysis.findings,
    ecosystem: analysed.analysis,
    ...(hit.name ? { name: hit.name } : {}),
  });
  return { contents: { kind: 'markdown', value }, range: rangeOfSpan(analysed.snapshot, hit.span) };
}

export function registerHover(ctx: FeatureContext): ServerCapabilities {
  ctx.connection.onHover(async (params, token) => {
    const analysed = await ctx.analyses.current(params.textDocument.uri, token);
    return analysed ? hoverAt(analysed, params.position) : null;
  });
  return { hoverProvider: true };
}
