/**
 * Launchers' run files that carry the training config as one of their blocks: the launcher writes that block out as
 * the config file the training script reads, so its keys are read as the config's own, from the block's root
 * (`parameters.optimizer.lr` is llm-foundry's `optimizer.lr`), while every value keeps its line and is shown with the
 * key as written in the run file (`origin`). A run file is recognised by the block and the launcher's own keys beside
 * it, never by its name.
 */
import type { ConfigFormat } from '../../core/analysis';
import type { ConfigEntry } from './entries';

interface RunFile {
  launcher: string;
  /** The top-level key holding the training config. */
  block: string;
  /** The launcher's own top-level keys; `minKeys` of them beside the block make the file a run file. */
  keys: string[];
  minKeys: number;
  source: string;
}

const RUN_FILES: readonly RunFile[] = [
  {
    launcher: 'MosaicML MCLI',
    block: 'parameters',
    keys: ['image', 'compute', 'integrations', 'command', 'scheduling', 'gpu_num', 'gpu_type', 'cluster', 'env_variables'],
    minKeys: 2,
    // mosaicml/llm-foundry@8c8dd48f mcli/mcli-llama3-70b-instruct-finetune.yaml: "The below is injected as a YAML
    // file: /mnt/config/parameters.yaml", and its command runs `composer train/train.py /mnt/config/parameters.yaml`.
    source: 'MCLI run configs (llm-foundry mcli/*.yaml): `parameters` is written to /mnt/config/parameters.yaml',
  },
];

const SEP = '\u0000';

/** The run file `entries` form, or null: its block holds a mapping and enough of the launcher's keys sit beside it. */
function runFileOf(entries: readonly ConfigEntry[]): RunFile | null {
  const top = new Set(entries.map((e) => e.path[0] ?? ''));
  return RUN_FILES.find((r) => entries.some((e) => e.path.length > 1 && e.path[0] === r.block) &&
    r.keys.filter((k) => top.has(k)).length >= r.minKeys) ?? null;
}

/**
 * The entries as the training script sees them where the file is a launcher's run file: the block's entries from its
 * root, with their key as written kept as `origin`; the launcher's own entries stay as they are, unless the config
 * writes the same key. Any other file's entries are returned as they are.
 */
export function withRunFileUnwrapped(entries: readonly ConfigEntry[], format: ConfigFormat): readonly ConfigEntry[] {
  if (format !== 'yaml' && format !== 'json') return entries;
  const runFile = runFileOf(entries);
  if (!runFile) return entries;
  const inBlock = (e: ConfigEntry): boolean => e.path[0] === runFile.block && e.path.length > 1;
  const taken = new Set(entries.filter(inBlock).map((e) => e.path.slice(1).join(SEP)));
  const out: ConfigEntry[] = [];
  for (const entry of entries) {
    if (inBlock(entry)) out.push({ ...entry, path: entry.path.slice(1), origin: entry.origin ?? entry.path });
    else if (entry.path[0] !== runFile.block && !taken.has(entry.path.join(SEP))) out.push(entry);
  }
  return out;
}
