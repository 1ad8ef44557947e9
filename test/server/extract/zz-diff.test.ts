import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { readYamlDocuments } from '../../../server/extract/yaml';
import { readYamlFast } from '../../../server/extract/yaml-fast';
test('d', () => {
  for (const f of ['axolotl/phi2-ft.yml', 'litgpt/pretrain-tinyllama.yaml', 'nemo/megatron_gpt_config.yaml', 'llm-foundry/mpt-125m.yaml']) {
    const text = readFileSync('/work/shared/corpus/' + f, 'utf8');
    const a = readYamlFast(text)!.entries.map((e) => JSON.stringify([e.path, e.raw, e.span, e.keySpan]));
    const b = readYamlDocuments(text).entries.map((e) => JSON.stringify([e.path, e.raw, e.span, e.keySpan]));
    const sa = new Set(a), sb = new Set(b);
    console.log(f, 'fast only', a.filter((x) => !sb.has(x)).slice(0, 4), 'full only', b.filter((x) => !sa.has(x)).slice(0, 4));
  }
});
