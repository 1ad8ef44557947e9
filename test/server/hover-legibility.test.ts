/**
 * Every hover on every fixture config, with and without a noise scale: it leads with a verdict, fits VS Code's
 * default hover (250 px high at 500 px wide: server/features/markdown.ts), names no internal identifier and no
 * CLI flag in OptLens's own words, and its only links are OptLens's own commands. Config text that tries to be
 * Markdown (a link, an image, HTML) stays text.
 */
import { describe, expect, it } from 'vitest';
import { ClientCommands } from '../../core/protocol';
import { HYPERPARAMETER_NAMES } from '../../core/hyperparams';
import type { AnalysedDocument } from '../../server/documents';
import { hoverAt } from '../../server/features/hover';
import { estimatedHoverHeight, HOVER_BOX } from '../../server/features/markdown';
import { DEFAULT_SETTINGS } from '../../server/settings';
import { analysedDocument, FIXTURES, fixtureConfigs, SETTINGS } from './fixture-configs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/analyze';
import { ECOSYSTEMS } from '../../server/extract/ecosystems/index';

/** A CommonMark code span: a backtick run, anything, the same run not followed by another backtick. */
const CODE_SPAN = /(`+)(?:[\s\S]*?[^`])?\1(?!`)/g;
const TRUSTED = new Set<string>(Object.values(ClientCommands));

/** The hovers on each optimizer's name and on every value the file writes. */
function hovers(doc: AnalysedDocument): { at: string; markdown: string }[] {
  const text = doc.snapshot.getText();
  return doc.analysis.optimizers.flatMap((opt) => {
    const spans = [opt.span, ...HYPERPARAMETER_NAMES.map((n) => (opt.hyperparameters[n]?.source === 'written' ? opt.hyperparameters[n]?.span : null))];
    return spans.flatMap((span) => {
      if (!span) return [];
      const hover = hoverAt(doc, doc.snapshot.positionAt(span.start));
      return hover ? [{ at: text.slice(span.start, span.end), markdown: (hover.contents as { value: string }).value }] :
        [];
    });
  });
}

/** Frameworks' names as their authors write them (`nanoGPT`): names, not identifiers. */
const FRAMEWORK_NAMES = ECOSYSTEMS.map((t) => t.displayName).sort((a, b) => b.length - a.length);

/** OptLens's own words: the Markdown without code spans (config text is quoted in them) and without link targets. */
function ownWords(markdown: string): string {
  const words = markdown.replace(CODE_SPAN, ' ').replace(/\]\(command:[^)]*\)/g, ']').replace(/\\(.)/g, '$1');
  return FRAMEWORK_NAMES.reduce((text, name) => text.split(name).join(' '), words);
}

function expectLegible(markdown: string, where: string): void {
  const lines = markdown.split('\n');
  expect(lines[0], `${where}: verdict first`).toMatch(/^\*\*(✓ Fine|⚠ Worth a look|✗ Likely a problem)\*\*: /);
  expect(estimatedHoverHeight(markdown), `${where}: fits the default hover`).toBeLessThanOrEqual(HOVER_BOX.heightPx);
  const words = ownWords(markdown);
  expect(words, `${where}: no CLI flag`).not.toMatch(/(^|[\s(])--[a-z]/);
  // Field names of the JSON (weightRms.atEnd, etaStarRelative) and setting ids are not words.
  expect(words, `${where}: no internal identifier`).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b|\boptlens\.[a-z]/);
  // Links: only OptLens's own commands; no images, no HTML.
  // Real links only: code spans and backslash-escaped characters cannot form one.
  const linkable = markdown.replace(CODE_SPAN, ' ').replace(/\\./g, '');
  for (const m of linkable.matchAll(/\]\(([^)]*)\)/g)) {
    const command = /^command:([\w.]+)\?/.exec(m[1])?.[1];
    expect(command !== undefined && TRUSTED.has(command), `${where}: link to ${m[1]}`).toBe(true);
  }
  expect(words, `${where}: no image`).not.toContain('![');
  expect(words, `${where}: no HTML`).not.toMatch(/<[a-z!/]/i);
}

describe('hover legibility on every fixture config', () => {
  const files = fixtureConfigs();
  const withoutNoiseScale = { ...DEFAULT_SETTINGS, analysis: { ...DEFAULT_SETTINGS.analysis } };

  it.each(files.map((f) => [f.slice(FIXTURES.length), f]))('%s', (_, path) => {
    for (const settings of [SETTINGS, withoutNoiseScale]) {
      const doc = analysedDocument(path, settings);
      for (const { at, markdown } of hovers(doc)) expectLegible(markdown, `${path} @ ${at}`);
    }
  });
});

describe('config text in hovers stays text', () => {
  const link = `[Open in playground](command:${ClientCommands.simulate}?${encodeURIComponent(JSON.stringify([{ uri: 'file:///etc/passwd', optimizerIndex: 0 }]))})`;
  const hostile = `${link} ![beacon](https://evil.example/b.png) <img src=x onerror=alert(1)> **bold** \`tick`;

  function doc(text: string, name: string): AnalysedDocument {
    const analysis = analyzeText(text, name, DEFAULT_SETTINGS.analysis);
    return { uri: `file:///w/${name}`, version: 1, snapshot: TextDocument.create(`file:///w/${name}`, 'plaintext', 1, text), analysis, settings: DEFAULT_SETTINGS };
  }

  it('an optimizer name holding a command link, an image and HTML', () => {
    const text = `optimizer: ${JSON.stringify(hostile)}\nlearning_rate: 0.001\nadam_beta1: 0.9\nweight_decay: 0.1\nmax_steps: 1000\n`;
    const d = doc(text, 'axolotl.yml');
    const all = hovers(d);
    expect(all.length).toBeGreaterThan(0);
    for (const { at, markdown } of all) {
      expectLegible(markdown, `hostile @ ${at}`);
      // The name is shown, as text, where the hover names the optimizer.
      if (at.includes('evil')) expect(markdown).toContain('evil.example');
    }
  });

  it('a value literal and key holding Markdown', () => {
    const text = `learning_rate: 0.001 # ${hostile}\nadam_beta1: 0.9\n"weight_decay${'](command:optlens.simulate)'}": 0.1\n`;
    for (const { at, markdown } of hovers(doc(text, 'config.yaml'))) expectLegible(markdown, `hostile @ ${at}`);
  });
});
