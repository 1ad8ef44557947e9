import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  citationParts, citedSections, findSectionHeading, headingSlug, headingText, isReferenceSection,
  resolveSectionHeading, scienceReferenceCommandUri, scienceReferenceText, sectionArgument, SCIENCE_REFERENCE_PATH,
} from '../../core/science-reference';

const ROOT = join(__dirname, '../..');

describe('citations', () => {
  it('parses the sections a citation names, in order and once each', () => {
    expect(citedSections('science.md §2.4, §3.2')).toEqual(['2.4', '3.2']);
    expect(citedSections('(science.md §3.1, §4)')).toEqual(['3.1', '4']);
    expect(citedSections('science §3.6a, §7.3 and §3.6a again')).toEqual(['3.6a', '7.3']);
    expect(citedSections('§§2.1–2.4')).toEqual(['2.1']);
    expect(citedSections('the end of a sentence, §2.')).toEqual(['2']);
    expect(citedSections('no citation here')).toEqual([]);
  });

  it('cuts a citation at its sections, keeping every character, for the pages\' links', () => {
    const citation = 'science.md §3.6a, §7.3 (per-coordinate mean field); §2.';
    const parts = citationParts(citation);
    expect(parts.map((p) => p.text).join('')).toBe(citation);
    expect(parts.filter((p) => p.section !== null)).toEqual([
      { text: '§3.6a', section: '3.6a' }, { text: '§7.3', section: '7.3' }, { text: '§2', section: '2' }]);
    expect(citationParts('science.md')).toEqual([{ text: 'science.md', section: null }]);
    expect(citationParts('')).toEqual([]);
  });

  it('knows the sections the reference has: its numbered headings and their lettered parts', () => {
    const reference = readFileSync(join(ROOT, 'docs/science.md'), 'utf8');
    for (const section of ['0', '2.4', '3.6', '3.6a', '8.3']) expect(isReferenceSection(reference, section), section).toBe(true);
    for (const section of ['99.9', '2.99', '9', '3.66a', '', '../2.4']) {
      expect(isReferenceSection(reference, section), section).toBe(false);
    }
  });

  it('builds the command link the hovers use, and reads its argument back', () => {
    const uri = scienceReferenceCommandUri('2.4');
    expect(uri).toBe('command:optlens.openScienceReference?%5B%7B%22section%22%3A%222.4%22%7D%5D');
    const args = JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))) as unknown[];
    expect(sectionArgument(args)).toBe('2.4');
    expect(sectionArgument(['science.md §3.2'])).toBe('3.2');
    expect(sectionArgument([{ section: '../etc' }])).toBeNull();
    expect(sectionArgument([])).toBeNull();
  });

  it('names the bundled path for surfaces without links', () => {
    expect(scienceReferenceText(['2.4', '3.2'])).toBe('docs/science.md §2.4, §3.2');
  });
});

describe('headings as the Markdown preview names them', () => {
  it('slugs like github-slugger: punctuation and symbols dropped, letters of any script kept', () => {
    // Expected values computed with the slug regex of VS Code 1.139's markdown-language-features.
    expect(headingSlug('2.4 Weight RMS under any schedule')).toBe('24-weight-rms-under-any-schedule');
    expect(headingSlug('2. Weight RMS under decoupled weight decay')).toBe('2-weight-rms-under-decoupled-weight-decay');
    expect(headingSlug('3.4 Surge with ε (Adam)')).toBe('34-surge-with-ε-adam');
    expect(headingSlug('1.1 Update RMS ≈ √((1−β1)/(1+β1)) — B_simple²')).toBe('11-update-rms--1β11β1--b_simple');
  });

  it('renders inline Markdown to the text the preview slugs', () => {
    expect(headingText('2.4 Weight RMS with `lr` and **decay** [link](x.md) ##')).toBe('2.4 Weight RMS with lr and decay link');
    expect(headingText('1.2 The ratio $k$ of Adam')).toBe('1.2 The ratio  of Adam');
  });

  const doc = [
    '# Reference', '## 2. Weight RMS', 'text', '```', '### 2.4 not a heading in a fence', '```',
    '### 2.4 Weight RMS under any schedule', '## Notes', '## Notes', '### §3.6a Mean field', '',
  ].join('\n');

  it('finds a section heading by its number, outside code fences, de-duplicating slugs as the preview does', () => {
    expect(findSectionHeading(doc, '2')).toEqual({ line: 1, text: '2. Weight RMS', slug: '2-weight-rms' });
    expect(findSectionHeading(doc, '2.4')?.line).toBe(6);
    expect(findSectionHeading(doc, '3.6a')?.slug).toBe('36a-mean-field');
    expect(findSectionHeading(doc, '9')).toBeNull();
    expect(findSectionHeading(`${doc}\n## 2.4 Again\n## 2.4 Again`, '9')).toBeNull();
    const repeated = findSectionHeading('## 5 Twice\n## 5 Twice', '5');
    expect(repeated?.slug).toBe('5-twice');
  });

  it('opens a subsection without a heading of its own at the section that contains it', () => {
    expect(resolveSectionHeading(doc, '2.4')).toMatchObject({ line: 6, exact: true });
    expect(resolveSectionHeading(doc, '2.7')).toMatchObject({ line: 1, exact: false });
    expect(resolveSectionHeading(doc, '3.6b')).toBeNull();
  });
});

/** Every source file a user-facing citation can come from. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|json)$/.test(name) ? [path] : [];
  });
}

describe('the bundled reference', () => {
  const reference = readFileSync(join(ROOT, SCIENCE_REFERENCE_PATH), 'utf8');
  const cited = new Map<string, string>();
  for (const dir of ['core', 'server', 'extension', 'webview', 'cli']) {
    for (const file of sourceFiles(join(ROOT, dir))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/science(?:\.md)? §[^'"`\n]*/g)) {
        for (const section of citedSections(match[0])) cited.set(section, file.slice(ROOT.length + 1));
      }
    }
  }

  it('has a heading for every top-level section the code cites', () => {
    expect(cited.size).toBeGreaterThan(10);
    const missing = [...cited].filter(([section]) => resolveSectionHeading(reference, section) === null);
    expect(missing.map(([section, file]) => `§${section} (cited in ${file})`)).toEqual([]);
  });
});
