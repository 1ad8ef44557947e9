/**
 * SARIF 2.1.0 for `optlens analyze --format sarif`, as GitHub code scanning reads it: one run, one rule per
 * finding code, results with a physical location (relative URI, 1-based line and column in UTF-16 code
 * units, SARIF's default column kind) and the fixes OptLens would apply.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FileAnalysis } from '../core/analysis';
import type { Finding, Severity, Span } from '../core/hyperparams';
import { EXTRACTION_FINDING_CODES } from '../server/extract/finding-codes';
import type { LineIndex } from '../server/extract/lines';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Line/column of offsets (1-based, UTF-16 code units). */
function region(lines: LineIndex, length: number, span: Span | null, line: number | null): Region {
  if (!span) return { startLine: line ?? 1, startColumn: 1, endLine: line ?? 1, endColumn: 1 };
  const at = (offset: number): [number, number] => {
    const clamped = Math.max(0, Math.min(offset, length));
    const l = lines.lineAt(clamped);
    return [l, clamped - lines.lineStart(l) + 1];
  };
  const [startLine, startColumn] = at(span.start);
  const [endLine, endColumn] = at(Math.max(span.end, span.start));
  return { startLine, startColumn, endLine, endColumn };
}

/** A path under the working directory is relative to %SRCROOT% (what code scanning expects); any other is a file: URI.
 * */
function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, resolve(cwd, path));
  if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(resolve(cwd, path)).href };
}

export interface SarifInput {
  analysis: FileAnalysis;
  /** Lines of the analysed file, and its length in characters (a huge file's excerpt gives these without its text). */
  lines: LineIndex;
  length: number;
}

export function toSarif(files: readonly SarifInput[], version: string, cwd: string): object {
  const described = new Map(EXTRACTION_FINDING_CODES.map((c) => [c.code, c.summary]));
  const codes = [...new Set(files.flatMap((f) => f.analysis.findings.map((x) => x.code)))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const results = files.flatMap(({ analysis, lines, length }) => {
    const location = artifactLocation(analysis.path, cwd);
    return analysis.findings.map((finding: Finding) => {
      const result: Record<string, unknown> = {
        ruleId: finding.code,
        ruleIndex: ruleIndex.get(finding.code),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: {
          artifactLocation: location, region: region(lines, length, finding.span, finding.line) } }],
      };
      if (finding.fixes?.length) {
        result.fixes = finding.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation: location,
              replacements: fix.replacements.map((r) => ({
                deletedRegion: { charOffset: r.span.start, charLength: r.span.end - r.span.start },
                insertedContent: { text: r.newText },
              })),
            },
          ],
        }));
      }
      return result;
    });
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'OptLens',
            version,
            rules: codes.map((code) => ({
              id: code,
              name: code.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: described.get(code) ?? code.replace(/-/g, ' ') },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
