/**
 * The files `optlens analyze` reads: each path as given, and the configs under each directory, found
 * recursively and filtered by `--include` / `--exclude` globs (matched against the path relative to
 * the directory given, with `/` separators). Also recognises a file that is not text, so it is refused
 * in one line instead of being analysed and echoed back.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** What a directory contributes by default: every format OptLens reads. */
export const DEFAULT_INCLUDE = ['**/*.{yaml,yml,json,jsonc,toml,py,sh,bash,ini,cfg}'];
/** Never descended into unless an --include names them: dependencies, VCS data, caches. */
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/__pycache__/**', '**/.venv/**'];

/**
 * A glob as a regular expression: `**` any number of path segments, `*` and `?` within one segment,
 * `{a,b}` alternatives, `[...]` character classes; everything else literal. A pattern without a `/`
 * matches the file name at any depth (as .gitignore does).
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.includes('/') ? glob.replace(/^\.\//, '') : `**/${glob}`;
  let out = '';
  let inBraces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      inBraces++;
      out += '(?:';
    } else if (c === '}' && inBraces > 0) {
      inBraces--;
      out += ')';
    } else if (c === ',' && inBraces > 0) out += '|';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

export interface FileFilter {
  include: string[];
  exclude: string[];
}

export interface ExpandedPaths {
  files: string[];
  /** Folders that could not be listed, with why (one line each). */
  problems: string[];
  /** Directories given that hold no matching file (worth saying: a typo in --include reads as "clean"). */
  empty: string[];
}

/** Files named directly, then each directory's matching files in sorted order (symlinked folders are not followed). */
export function expandPaths(paths: readonly string[], filter: FileFilter): ExpandedPaths {
  const include = filter.include.map(globToRegExp);
  const exclude = filter.exclude.map(globToRegExp);
  const files: string[] = [];
  const problems: string[] = [];
  const empty: string[] = [];
  const walk = (root: string, dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      problems.push(`cannot list ${dir}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const rel = relative(root, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!exclude.some((re) => re.test(`${rel}/`))) walk(root, path);
      } else if (entry.isFile() && include.some((re) => re.test(rel)) && !exclude.some((re) => re.test(rel))) {
        files.push(path);
      }
    }
  };
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      files.push(path); // the reader says why it cannot be read, in the usual words
      continue;
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    const before = files.length;
    walk(path, path);
    if (files.length === before) empty.push(path);
  }
  return { files, problems, empty };
}

/**
 * Why `bytes` is not a text config, or null when it is: a NUL byte (git's test, over the first 8 KiB),
 * or more than 10% of the first 8 KiB being control characters other than tab, newline, CR and form feed.
 */
export function binaryReason(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 8192);
  const nul = head.indexOf(0);
  if (nul >= 0) return `binary data (a NUL byte at offset ${nul})`;
  let control = 0;
  for (const b of head) if (b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++;
  return head.length > 0 && control / head.length > 0.1 ? `binary data (${control} control bytes in the first ${head.length})` : null;
}
