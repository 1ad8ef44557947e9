/**
 * The science reference, docs/science.md: the one document every "science.md §x.y" citation points at. It ships
 * in the VSIX and the npm package at this path. Pure functions shared by every surface: parse a citation into
 * sections, find a section's heading, and the slug VS Code's Markdown preview gives that heading, so that the
 * editor can open the preview scrolled to it.
 */

/** Where the reference lives, relative to the repository, the installed extension and the npm package. */
export const SCIENCE_REFERENCE_PATH = 'docs/science.md';

/** The extension command that opens the reference at a section; its one argument is `{ section: "2.4" }`. */
export const OPEN_SCIENCE_REFERENCE = 'optlens.openScienceReference';

export interface ScienceSectionArgs {
  section: string;
}

/** A citation of one section in running text: "§2.4", "§3.6a", "§§2.1" (a range opens at its first section). */
const CITATION = /§+\s*(\d+(?:\.\d+)*[a-z]?)/g;

/** The form of a section id: numbers joined by dots, with at most one letter for a lettered part ("3.6a"). */
export const SECTION_ID = /^\d+(\.\d+)*[a-z]?$/;

/**
 * The sections a citation names, in order, without repeats: "science.md §2.4, §3.2" → ["2.4", "3.2"];
 * "§3.6a" → ["3.6a"]; "§§2.1–2.4" → ["2.1"] (a range opens at its first section).
 */
export function citedSections(citation: string): string[] {
  const sections: string[] = [];
  for (const part of citationParts(citation)) {
    if (part.section !== null && !sections.includes(part.section)) sections.push(part.section);
  }
  return sections;
}

/** A run of a citation's text: a section cited ("§2.4", with its id) or the plain text between two. */
export interface CitationPart {
  text: string;
  section: string | null;
}

/**
 * The text of a citation cut at each section it cites, every character kept in order, so that a surface with
 * links can make each "§N.M" one and leave the rest as written ("science.md §3.6a, §7.3 (per coordinate)").
 */
export function citationParts(citation: string): CitationPart[] {
  const parts: CitationPart[] = [];
  let at = 0;
  for (const match of citation.matchAll(CITATION)) {
    if (match.index > at) parts.push({ text: citation.slice(at, match.index), section: null });
    parts.push({ text: match[0], section: match[1] });
    at = match.index + match[0].length;
  }
  if (at < citation.length) parts.push({ text: citation.slice(at), section: null });
  return parts;
}

/** `command:` URI that runs OPEN_SCIENCE_REFERENCE at `section`, for trusted Markdown (hovers, webviews). */
export function scienceReferenceCommandUri(section: string): string {
  const args: ScienceSectionArgs[] = [{ section }];
  return `command:${OPEN_SCIENCE_REFERENCE}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** The section argument of the command, from whatever a command URI or a caller passed; null when malformed. */
export function sectionArgument(args: readonly unknown[]): string | null {
  const first: unknown = args[0];
  if (typeof first === 'string') return citedSections(first)[0] ?? (SECTION_ID.test(first) ? first : null);
  if (typeof first !== 'object' || first === null || !('section' in first)) return null;
  const section: unknown = first.section;
  return typeof section === 'string' && SECTION_ID.test(section) ? section : null;
}

/** "docs/science.md §2.4, §3.2": how a surface without links (the CLI) points at the reference. */
export function scienceReferenceText(sections: readonly string[]): string {
  return sections.length === 0 ? SCIENCE_REFERENCE_PATH : `${SCIENCE_REFERENCE_PATH} ${sections.map((s) => `§${s}`).join(', ')}`;
}

/**
 * Characters the preview's slugifier drops (github-slugger's rule, as in VS Code's markdown-language-features):
 * everything but letters, marks, decimal digits, connector punctuation, spaces and hyphens.
 */
const SLUG_DROPPED = /[^\p{L}\p{M}\p{Nd}\p{Pc} -]/gu;

/** The id VS Code's Markdown preview gives a heading with this (rendered) text, before de-duplication. */
export function headingSlug(text: string): string {
  return text.trim().toLowerCase().replace(SLUG_DROPPED, '').replace(/\s/g, '-');
}

/**
 * The text the preview renders for a heading's inline Markdown: link text without its target, code without
 * backticks, emphasis markers dropped, and math ($…$, rendered by KaTeX rather than as text) left out.
 */
export function headingText(markdown: string): string {
  return markdown
    .replace(/\s+#+\s*$/, '')
    .replace(/\$[^$]+\$/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__|\*)(?=\S)([^*]*?\S)\1/g, '$2');
}

export interface SectionHeading {
  /** 0-based line of the heading in the document. */
  line: number;
  text: string;
  /** The preview's element id for it (de-duplicated as the preview does: "-1", "-2" for repeats). */
  slug: string;
}

/**
 * The heading of `section` in the reference: the first heading whose text starts with the section number
 * ("## 2. Weight RMS", "### 2.4 Weight RMS under any schedule", "### §3.6a …"). Headings inside fenced code
 * blocks are not headings. Null when no heading has that number.
 */
export function findSectionHeading(markdown: string, section: string): SectionHeading | null {
  const counts = new Map<string, number>();
  let fence: string | null = null;
  const lines = markdown.split(/\r?\n/);
  for (let line = 0; line < lines.length; line++) {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[line]);
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch[1][0];
      else if (fenceMatch[1][0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^\s{0,3}#{1,6}\s(.*)$/.exec(lines[line]);
    if (!heading) continue;
    const text = headingText((heading[1] ?? '').trimStart());
    const base = headingSlug(text);
    const seen = counts.get(base);
    counts.set(base, seen === undefined ? 0 : seen + 1);
    const slug = seen === undefined ? base : `${base}-${seen + 1}`;
    const number = /^§?\s*(\d+(?:\.\d+)*[a-z]?)\.?(?:\s|$)/.exec(text.trim());
    if (number && number[1] === section) return { line, text: text.trim(), slug };
  }
  return null;
}

/** "3.6a" → ["3.6a", "3.6", "3"]: the section, then each section that contains it. */
function sectionAndParents(section: string): string[] {
  const chain = [section];
  let current = section.replace(/[a-z]$/, '');
  if (current !== section) chain.push(current);
  while (current.includes('.')) {
    current = current.slice(0, current.lastIndexOf('.'));
    chain.push(current);
  }
  return chain;
}

/**
 * The heading to open for `section`: its own, else that of the nearest section containing it (a subsection
 * written as a paragraph opens at its section). `exact` says which.
 */
export function resolveSectionHeading(markdown: string, section: string): (SectionHeading & { exact: boolean }) | null {
  for (const candidate of sectionAndParents(section)) {
    const heading = findSectionHeading(markdown, candidate);
    if (heading) return { ...heading, exact: candidate === section };
  }
  return null;
}

/**
 * Whether the reference has `section`: a heading numbered so, or a lettered part of one ("3.6a": part (a) of
 * §3.6). A page may only ask the host to open a section that passes this.
 */
export function isReferenceSection(markdown: string, section: string): boolean {
  if (!SECTION_ID.test(section)) return false;
  return findSectionHeading(markdown, section) !== null ||
    (/[a-z]$/.test(section) && findSectionHeading(markdown, section.slice(0, -1)) !== null);
}
