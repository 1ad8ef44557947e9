/**
 * The Markdown of a hover, in the order an ML engineer reads it: one verdict line in plain words (fine /
 * worth a look / likely a problem, and why), where the value comes from and how it was found (on the optimizer's
 * name: the framework and its evidence, and what was assumed), the numbers that matter for this value with their
 * units and meaning (hover-facts.ts), the formula with the file's numbers, the notes that belong to this value
 * (each note is shown on one value only: anchors.ts), then links to the full report, the science reference section
 * and the playground. It fits VS Code's default hover without scrolling.
 * Config text (keys, literals, names, messages quoting them) is escaped: only OptLens's own links are links.
 */
import type { AnalysisSettings, ConfigFormat, OptimizerAnalysis } from '../../core/analysis';
import type { ExtractedValue, Finding, HyperparameterName, Span } from '../../core/hyperparams';
import type { NoteCode } from '../../core/prediction';
import { noteText, noteTopic } from '../../core/prediction-notes';
import {
  assumedPhrase, ecosystemWords, HYPERPARAMETER_LABELS, nameFoundPhrase, valueFoundPhrase, type EcosystemFacts,
} from '../../core/provenance-words';
import { ClientCommands } from '../../core/protocol';
import { shownValue } from '../../core/runtime-value';
import { scheduleFloorPhrase } from '../../core/schedule-floor';
import { scienceReferenceCommandUri } from '../../core/science-reference';
import { fileAnchor, topicAnchor } from './anchors';
import type { CommandTarget } from './client-commands';
import { factsInput, summaryFacts, valueFacts } from './hover-facts';
import { recipeHoverLine } from './recipe-hover';
import {
  codeSpan, commandMarkdownLink, escapeMarkdown, estimatedHoverHeight, HOVER_BOX, markdownPhrase,
} from './markdown';

/** The most pieces of evidence for the framework a hover names (the report and `--json` have them all). */
const MAX_SIGNALS = 3;

/** Notes that make a value worth a look (the others say what is missing or how exact a number is). */
const CAUTION_NOTES: ReadonlySet<NoteCode> = new Set<NoteCode>(['beta2-short-memory', 'fp16-eps-zero', 'coupled-l2', 'snr-implied-by-batch', 'sgd-momentum-gain']);

export interface HoverTarget {
  uri: string;
  optimizerIndex: number;
  opt: OptimizerAnalysis;
  /** The hyperparameter under the cursor; absent on the optimizer's name. */
  name?: HyperparameterName;
  settings: AnalysisSettings;
  format: ConfigFormat;
  /** The file's findings (for the verdict). */
  findings?: readonly Finding[];
  /** The file's framework and its evidence (absent: the hover does not say how values were found). */
  ecosystem?: EcosystemFacts;
}

/** `key: value` as the format writes it, so the hover quotes the file in its own syntax. */
function asWritten(format: ConfigFormat, key: string, raw: string): string {
  switch (format) {
    case 'yaml': return `${key}: ${raw}`;
    case 'json': return `"${key}": ${raw}`;
    case 'toml':
    case 'gin':
    case 'ini': return `${key} = ${raw}`;
    case 'python': return `${key}=${raw}`;
    case 'shell': return `${key} ${raw}`;
  }
}

/** What a derived value is made from, in words (hyperparameter names are labels; a file key is quoted). */
function derivedWord(from: string): string {
  if (from === 'worldSize') return 'the data-parallel size setting';
  return from in HYPERPARAMETER_LABELS ? HYPERPARAMETER_LABELS[from as HyperparameterName] : codeSpan(from);
}

function provenance(name: HyperparameterName, value: ExtractedValue, format: ConfigFormat): string {
  const shown = shownValue(value, (v) => (typeof v === 'string' ? JSON.stringify(v) : String(v)));
  // A fraction of the run (`warmup_ratio`) whose run length in steps is unknown: say so rather than "in fraction".
  const unit = value.unit === 'fraction' ? ' (a fraction of the run; its length in steps is not known)'
    : value.unit ? ` (in ${value.unit})` : '';
  const head = `${HYPERPARAMETER_LABELS[name]} = ${codeSpan(shown)}${unit}`;
  if (value.source === 'written') {
    const key = value.key ?? name;
    const raw = value.raw ?? shown;
    const on = value.line ? ` on line ${value.line}` : '';
    // A nested key path (`optimizer.params.betas[0]`) is not how the file spells it: name it beside the literal,
    // which needs no second quote when it reads as the value shown.
    if (/[.[]/.test(key.replace(/^-+/, ''))) {
      return raw === shown ? `${head} at ${codeSpan(key)}${on}.` : `${head}, written as ${codeSpan(raw)} at ${codeSpan(key)}${on}.`;
    }
    return `${head}, written as ${codeSpan(asWritten(format, key, raw))}${on}.`;
  }
  if (value.source === 'default') return `${head}: not in the file, the framework's default (${escapeMarkdown(value.defaultFrom ?? 'source unknown')}).`;
  return `${head}: derived from ${(value.derivedFrom ?? []).map(derivedWord).join(' × ') || 'other values'}.`;
}

const overlaps = (a: Span | null | undefined, b: Span | null | undefined) =>
  !!a && !!b && a.start < b.end && b.start < a.end;

/** The keys that form the global batch: a finding on one of them (the Surge) is about all of them. */
const BATCH_KEYS: readonly HyperparameterName[] = ['globalBatchSize', 'gradAccum', 'microBatchSize', 'seqLen'];

/**
 * The findings this hover speaks for: those on the value, or (on the file anchor) the optimizer's others and the
 * file's.
 */
function findingsFor(t: HoverTarget, atFileAnchor: boolean): Finding[] {
  const names = t.name && BATCH_KEYS.includes(t.name) ? BATCH_KEYS : t.name ? [t.name] : [];
  const spans = t.name ? names.map((n) => t.opt.hyperparameters[n]?.span ?? null) : [t.opt.span];
  const valueSpans = Object.values(t.opt.hyperparameters).map((v) => v?.span ?? null);
  return (t.findings ?? []).filter((f) => {
    if (f.optimizerIndex !== undefined && f.optimizerIndex !== t.optimizerIndex) return false;
    if (spans.some((span) => overlaps(f.span, span))) return true;
    return atFileAnchor && !valueSpans.some((v) => overlaps(f.span, v));
  });
}

/** Where `text` opens a parenthesis or a code quote it does not close, or -1. */
function firstUnclosed(text: string): number {
  const parens: number[] = [];
  let quote = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '`') quote = quote === -1 ? i : -1;
    else if (quote !== -1) continue;
    else if (c === '(') parens.push(i);
    else if (c === ')') parens.pop();
  }
  const starts = [...parens, quote].filter((i) => i !== -1);
  return starts.length === 0 ? -1 : Math.min(...starts);
}

/**
 * The first clause of a finding's message: the verdict's reason, short enough for one line. Cut short, it ends
 * before a parenthesis or quoted code it would leave open (a command the run executes), not inside it.
 */
function reasonOf(message: string): string {
  const first = shortKeyPaths(message.split(/: |\. (?=[A-Z])/)[0] ?? message);
  if (first.length <= 110) return first.replace(/\.$/, '');
  const cut = first.slice(0, 107).replace(/\s+\S*$/, '');
  const open = firstUnclosed(cut);
  return `${(open > 0 ? cut.slice(0, open) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** A quoted key path longer than this is named by its last two keys in a verdict (`…CosineDecayLR.end_lr`). */
const LONG_KEY_PATH = 40;

/**
 * The verdict names the value, not its route: a long dotted key path (a schedule phase nested five blocks deep) would
 * take the whole line and cut the reason off; the finding in the Problems panel keeps the full path.
 */
function shortKeyPaths(text: string): string {
  return text.replace(/`([^`\s]+)`/g, (span, path: string) => {
    const keys = path.split('.');
    return path.length > LONG_KEY_PATH && keys.length > 2 ? `\`…${keys.slice(-2).join('.')}\`` : span;
  });
}

function verdict(findings: readonly Finding[], cautions: readonly string[], fine: string): string {
  const worst = findings.find((f) => f.severity === 'error') ?? findings.find((f) => f.severity === 'warning');
  if (worst) return `**✗ Likely a problem**: ${escapeMarkdown(reasonOf(worst.message))}.`;
  const info = findings[0];
  if (info) return `**⚠ Worth a look**: ${escapeMarkdown(reasonOf(info.message))}.`;
  if (cautions[0] !== undefined) return `**⚠ Worth a look**: ${reasonOf(cautions[0])}.`;
  return `**✓ Fine**: ${fine}.`;
}

/** Markdown whose first letter starts a sentence. */
function sentenceCase(markdown: string): string {
  return markdown.charAt(0).toUpperCase() + markdown.slice(1);
}

/** The science reference link: opens docs/science.md at the section's heading. */
export function scienceLink(section: string): string {
  return `[science §${section}](${scienceReferenceCommandUri(section)})`;
}

/** The hover's Markdown. */
export function hoverMarkdown(t: HoverTarget): string {
  const { opt, name } = t;
  const anchor = fileAnchor(opt);
  const atFileAnchor = anchor !== null && (name === undefined ? anchor.name === null : anchor.name === name);
  const facts = valueFacts(opt, name);
  const p = opt.predictions;
  // Each note on one value: its topic's anchor, or the file anchor when the file does not write that value.
  const notes = (p?.notes ?? []).filter((n) => {
    if (facts?.covers?.includes(n.code)) return false;
    const at = topicAnchor(opt, noteTopic(n));
    return at === null ? atFileAnchor : at === name;
  });
  const cautions = notes.filter((n) => CAUTION_NOTES.has(n.code)).map((n) => noteText(n, 'editor'));
  const findings = findingsFor(t, atFileAnchor);

  const value = name ? opt.hyperparameters[name] : undefined;
  const fine = facts?.fine ?? (opt.kind === null ? 'OptLens shows the values but has no model of this optimizer' : 'no prediction for these values');
  // Always shown: the verdict, where the value comes from and how it was found, and the links.
  const where = name && value
    ? provenance(name, value, t.format)
    : `Optimizer ${codeSpan(opt.name)} runs ${codeSpan(opt.implementation)}${opt.appliesTo ? ` for ${escapeMarkdown(opt.appliesTo)}` : ''}.`;
  const extra: string[] = [];
  // On the optimizer's name: the values the file does not write, at most six, first of what is shown while the
  // default hover has room (the headline number and what was assumed come before them).
  const defaultsLine: string[] = [];
  if (!name) {
    const defaults = Object.entries(opt.hyperparameters).filter(([, v]) => v && v.source !== 'written' && typeof v.value === 'number');
    if (defaults.length > 0) {
      const list = defaults.slice(0, 6)
        .map(([n, v]) => `${HYPERPARAMETER_LABELS[n as HyperparameterName]} ${codeSpan(String(v?.value))}`).join(', ');
      defaultsLine.push(`Not in the file (framework defaults or derived): ${list}${defaults.length > 6 ? `, and ${defaults.length - 6} more` : ''}.`);
    }
    // What the prediction took from the optimizer family's defaults: never a silent default.
    const assumed = assumedPhrase(opt);
    if (assumed !== null) extra.push(markdownPhrase(assumed));
  }
  // On the schedule: where its decay ends, and where that floor was read.
  const scheduleEnd = name === 'schedule' && opt.predictionInput
    ? scheduleFloorPhrase(opt.predictionInput, opt.scheduleFloor) : null;
  if (scheduleEnd !== null) extra.push(`${sentenceCase(markdownPhrase(scheduleEnd))}.`);
  // The headline number (the update RMS on the optimizer's name, the value's own number elsewhere) is always shown:
  // it is what the hover is for, and it is short.
  const headline = facts?.headline ?? 1;
  const headlineBlock = facts && facts.lines.length > 0 ? [facts.lines.slice(0, headline).join('  \n')] : [];
  const headWith = (max: number) => {
    const found = foundWords(t, value, max);
    return [verdict(findings, cautions, fine), found === null ? where : `${where} ${found}`, ...headlineBlock, ...extra];
  };
  // The framework's evidence gives way, piece by piece, before the head alone outgrows the default hover.
  let head = headWith(MAX_SIGNALS);
  for (let max = MAX_SIGNALS - 1; max >= 0 && estimatedHoverHeight(head.join('\n\n')) > HOVER_BOX.heightPx * 0.8; max--) {
    head = headWith(max);
  }
  // Then, while the default hover has room, in order: the defaults a name lists, the summary a file anchor carries,
  // the next of this value's numbers, the formula, the rest of its numbers, the recipe line, the notes. What does not
  // fit is in the full report.
  const optional: string[][] = [];
  if (defaultsLine.length > 0) optional.push(defaultsLine);
  // After the headline (in the head), on a file anchor (the optimizer's name is not written) the optimizer at a
  // glance, then the formula with the file's numbers, then the rest of what the value drives. The glance holds the
  // topics no written value anchors: a topic with an anchor, this value included, is shown in full on that value.
  if (atFileAnchor && name !== undefined && opt.predictionInput && p) {
    const unanchored = summaryFacts(factsInput(opt) ?? opt.predictionInput, p)
      .filter((f) => topicAnchor(opt, f.topic) === null);
    optional.push(unanchored.map((f) => f.line));
  }
  // The number after the headline comes before the formula (verdict, numbers, then formula: on β1 the batch
  // multiplier, on λ the timescale); the rest of the numbers after it.
  if (facts && facts.lines.length > headline) optional.push(facts.lines.slice(headline, headline + 1));
  if (facts?.formula) optional.push([codeSpan(facts.formula)]);
  if (facts && facts.lines.length > headline + 1) optional.push(facts.lines.slice(headline + 1));
  const recipe = recipeHoverLine(opt, name);
  if (recipe !== null) optional.push([recipe]);
  // Notes are OptLens's own words and numbers (no config text): they keep their `code` spans.
  if (notes.length > 0) optional.push(notes.map((n) => `⚠ ${noteText(n, 'editor')}`));
  const target: CommandTarget = {
    uri: t.uri, optimizerIndex: t.optimizerIndex, ...(name ? { hyperparameter: name } : {}),
  };
  const links = [
    commandMarkdownLink('Full report', ClientCommands.analyze, [target]),
    ...(facts?.section ? [scienceLink(facts.section)] : []),
    commandMarkdownLink('Playground', ClientCommands.openPlayground, [target]),
  ];
  return fitted(head, optional, links.join(' · '));
}

/**
 * How the value was found (as its framework reads it, or by its name alone, and how sure); on the optimizer's
 * name, the file's framework with its evidence and how the name was found. It follows the sentence that says
 * where the value is written, in the same paragraph: after the numbers it would cost more of the default hover's
 * height, and push out more of them.
 */
function foundWords(t: HoverTarget, value: ExtractedValue | undefined, maxSignals: number): string | null {
  if (t.ecosystem === undefined) return null;
  if (t.name !== undefined) {
    const found = value ? valueFoundPhrase(value, t.ecosystem) : null;
    return found ? `${markdownPhrase(found)}.` : null;
  }
  const name = nameFoundPhrase(t.opt, t.ecosystem);
  return [ecosystemWords(t.ecosystem, maxSignals).sentence, ...(name ? [name] : [])].map(markdownPhrase).join(' ');
}

/**
 * `head`, then as many lines of `optional` (block by block, line by line) as keep the hover within VS Code's
 * default size, then `links`; a hover that had to leave something out says where it is.
 */
function fitted(head: readonly string[], optional: readonly string[][], links: string): string {
  const blocks = [...head];
  const render = (extra: string[], tail: string) =>
    [...blocks, ...(extra.length > 0 ? [extra.join('  \n')] : []), tail].join('\n\n');
  const more = `More in the full report. ${links}`;
  let left = false;
  for (const block of optional) {
    const kept: string[] = [];
    for (const line of block) {
      // Lines are in order of importance: the first that does not fit ends the hover.
      if (estimatedHoverHeight(render([...kept, line], more)) > HOVER_BOX.heightPx) {
        left = true;
        break;
      }
      kept.push(line);
    }
    if (kept.length > 0) blocks.push(kept.join('  \n'));
    if (left) break;
  }
  return [...blocks, left ? more : links].join('\n\n');
}
