/**
 * Which reader a file needs: the editor's language id first, then the file extension, then a look at
 * the content (a `.txt` or extension-less file can still be a JSON DeepSpeed config or a launch script).
 */
import type { ConfigFormat } from '../../core/analysis';

const BY_LANGUAGE: Record<string, ConfigFormat> = {
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  toml: 'toml',
  python: 'python',
  shellscript: 'shell',
  sh: 'shell',
  bash: 'shell',
  gin: 'gin',
  ini: 'ini',
};

const BY_EXTENSION: Record<string, ConfigFormat> = {
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  toml: 'toml',
  py: 'python',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  slurm: 'shell',
  sbatch: 'shell',
  gin: 'gin',
  // configparser files; VS Code calls `.cfg` `properties`, so the extension decides there.
  ini: 'ini',
  cfg: 'ini',
};

/**
 * Under `[section]` headers, what TOML cannot be and configparser reads: a `key: value` line, a `;` comment line,
 * an interpolation (`%(name)s`, `${section:key}`), or a bare word as a value (`optimizer = adamw`).
 */
function looksIni(head: string): boolean {
  return /^[ \t]*[A-Za-z_][\w.-]*[ \t]*:[ \t]*\S/m.test(head) || /^[ \t]*;/m.test(head) ||
    /%\([\w.-]+\)s|\$\{[\w.-]+:[\w.-]+\}/.test(head) ||
    /^[ \t]*[\w.-]+[ \t]*=[ \t]*(?!(?:true|false|inf|nan)\b)[A-Za-z]/m.test(head);
}

function sniff(text: string): ConfigFormat {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  if (/^#!.*\b(ba|z|k)?sh\b/.test(head) || /^\s*#SBATCH\b/m.test(head)) return 'shell';
  if (/^#!.*python/.test(head)) return 'python';
  const firstCode = head.split(/\r?\n/).find((l) => l.trim() !== '' && !/^\s*(#|\/\/)/.test(l))?.trim() ?? '';
  if (firstCode.startsWith('{') || firstCode.startsWith('[{') || firstCode === '[') return firstCode.startsWith('{') && /^\s*#/m.test(head) ? 'yaml' : 'json';
  if (/^\[[^\],\n]+\]\s*$/m.test(head) && looksIni(head)) return 'ini';
  if (/^\[[A-Za-z0-9_."-]+\]\s*$/m.test(head) && /^\s*[A-Za-z0-9_-]+\s*=\s*/m.test(head)) return 'toml';
  if (/^\s*(import\s+\w|from\s+[\w.]+\s+import\b|def\s+\w+\s*\(|class\s+\w+)/m.test(head)) return 'python';
  if (/^\s*(export\s+\w+=|[A-Z_][A-Z0-9_]*=\S|(torchrun|deepspeed|python3?|srun)\s)/m.test(head)) return 'shell';
  return 'yaml';
}

export function detectFormat(text: string, fileName: string, languageId?: string): ConfigFormat {
  const byLanguage = languageId ? BY_LANGUAGE[languageId] : undefined;
  if (byLanguage) return byLanguage;
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  const ext = base.includes('.') ? (base.split('.').pop() ?? '').toLowerCase() : '';
  return BY_EXTENSION[ext] ?? sniff(text);
}
