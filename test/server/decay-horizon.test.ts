/**
 * `decay-horizon-mismatch` (science.md §8.5) on real configs: Megatron-LM's GPT-3 175B and BERT scripts decay over
 * fewer steps than they train, nanoGPT's and gpt-neox's configs decay over exactly the run. Variants change one
 * literal of a real file, so the rest stays as its authors wrote it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileAnalysis } from '../../core/analysis';
import { analyzeText } from '../../server/analyze';
import { DECAY_HORIZON_MISMATCH } from '../../server/decay-horizon-finding';
import { applyReplacements } from '../../server/edits';

const FIXTURES = join(__dirname, '../fixtures');
const read = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
const analyze = (text: string, path: string): FileAnalysis => analyzeText(text, path, { snr: 0 });
const mismatch = (a: FileAnalysis) => a.findings.filter((f) => f.code === DECAY_HORIZON_MISMATCH);
const NANOGPT = 'corpus/nanogpt/train_gpt2.py';

describe('decay-horizon-mismatch', () => {
  it('fires on Megatron-LM GPT-3 175B: --lr-decay-iters 430000 of --train-iters 500000, the rest at --min-lr', () => {
    const path = 'corpus/megatron-lm/train_gpt3_175b_distributed.sh';
    const text = read(path);
    const [f, ...rest] = mismatch(analyze(text, path));
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('information');
    expect(f?.message).toMatch(/ends at step 430000 \(`--lr-decay-iters`\) but the run is 500000 steps \(`--train-iters`\)/);
    expect(f?.message).toContain('stays there for the last 70000 steps (14% of the run)');
    expect(f?.span && text.slice(f.span.start, f.span.end)).toBe('430000');
  });

  it('fires on the Megatron-LM BERT script (990000 of 1000000)', () => {
    const path = 'heldout-like/megatron-lm/train_bert_340m_distributed.sh';
    expect(mismatch(analyze(read(path), path))[0]?.message).toContain('the last 10000 steps (1% of the run)');
  });

  it.each([NANOGPT, 'heldout-like/nanogpt/train_shakespeare_char.py', 'corpus/gpt-neox/125M.yml', 'heldout-like/gpt-neox/pythia-160M.yml'])(
    'does not fire on %s (the decay ends with the run)', (path) => {
      expect(mismatch(analyze(read(path), path))).toEqual([]);
    });

  it('fires on a one-literal nanoGPT variant, and its fix makes the decay end with the run', () => {
    const text = read(NANOGPT).replace('lr_decay_iters = 600000', 'lr_decay_iters = 300000');
    const [f] = mismatch(analyze(text, NANOGPT));
    expect(f?.message).toMatch(/step 300000 \(`lr_decay_iters`\) but the run is 600000 steps \(`max_iters`\): .* last 300000 steps \(50% of the run\)/);
    const fixed = applyReplacements(text, f?.fixes?.[0]?.replacements ?? []);
    expect(fixed).toContain('lr_decay_iters = 600000');
    expect(mismatch(analyze(fixed, NANOGPT))).toEqual([]);
  });

  it('says how far the lr still is from its minimum when the run stops first', () => {
    const text = read(NANOGPT).replace('lr_decay_iters = 600000', 'lr_decay_iters = 1200000');
    // Cosine over 1.2M steps stopped at 600k: halfway down, 0.5·(1 + cos(π·598000/1198000)) ≈ 50% of the way.
    expect(mismatch(analyze(text, NANOGPT))[0]?.message).toMatch(/the lr still at 5\d(\.\d+)?% of its peak, before the decay ends/);
  });

  it("uses nanoGPT's default horizon (600000) when a config sets max_iters alone", () => {
    const path = 'heldout-like/nanogpt/train_shakespeare_char.py';
    const text = read(path).replace(/^lr_decay_iters = 5000.*\n/m, '');
    const [f] = mismatch(analyze(text, path));
    expect(f?.message).toMatch(/step 600000 \(not set in the file: nanoGPT train\.py @3adf61e1: lr_decay_iters = 600000\) but the run is 5000 steps \(`max_iters`\)/);
    expect(f?.message).toContain('the lr still essentially at its peak');
    expect(f?.fixes).toBeUndefined();
  });

  it('reads torch CosineAnnealingLR(T_max=…) against the steps, and says the cosine restarts past T_max', () => {
    const script = [
      'import torch',
      'max_steps = 10000',
      'optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.1)',
      'scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=5000)',
      '',
    ].join('\n');
    const f = mismatch(analyze(script, 'train.py'))[0];
    expect(f?.message).toMatch(/step 5000 \(`scheduler\.T_max`\) but the run is 10000 steps \(`max_steps`\): past step 5000 the cosine climbs back/);
    expect(mismatch(analyze(script.replace('T_max=5000', 'T_max=max_steps'), 'train.py'))).toEqual([]);
  });

  it("says MaxText's lr is 0 past learning_rate_schedule_steps, and takes its -1 as the run length", () => {
    const run = 'python -m maxtext.train base.yml learning_rate=3e-4 per_device_batch_size=4 ici_fsdp_parallelism=8 ' +
      'base_emb_dim=2048 steps=10000 learning_rate_schedule_steps=';
    const f = mismatch(analyze(`${run}8000\n`, 'run.sh'))[0];
    expect(f?.message).toMatch(/ends at step 8000 \(`learning_rate_schedule_steps`\) but the run is 10000 steps/);
    expect(f?.message).toContain('the lr falls to 0 at step 8000 and stays 0 for the last 2000 steps (20% of the run');
    expect(mismatch(analyze(`${run}-1\n`, 'run.sh'))).toEqual([]);
  });

  it("adds nanotron's lr_decay_steps to the step the decay starts at (lr_decay_starting_step, else the warmup)", () => {
    const yaml = (decay: number, start: string) => ['optimizer:', '  learning_rate_scheduler:',
      '    learning_rate: 0.0003', '    lr_warmup_steps: 100', `    lr_decay_starting_step: ${start}`,
      `    lr_decay_steps: ${decay}`, '    lr_decay_style: cosine', '  optimizer_factory:', '    name: adamW',
      '    adam_beta1: 0.9', '    adam_beta2: 0.95', '    adam_eps: 1.0e-8', 'tokens:', '  train_steps: 5000',
      '  micro_batch_size: 4', ''].join('\n');
    expect(mismatch(analyze(yaml(4900, 'null'), 'config.yaml'))).toEqual([]);
    const text = yaml(1900, 'null');
    const [f] = mismatch(analyze(text, 'config.yaml'));
    expect(f?.message).toMatch(/ends at step 2000 \(`optimizer\.learning_rate_scheduler\.lr_decay_steps` counted from step 100/);
    expect(f?.message).toContain('stays there for the last 3000 steps');
    const fixed = applyReplacements(text, f?.fixes?.[0]?.replacements ?? []);
    expect(mismatch(analyze(fixed, 'config.yaml'))).toEqual([]);
    expect(fixed).toContain('lr_decay_steps: 4900');
    expect(mismatch(analyze(yaml(4000, '1000'), 'config.yaml'))).toEqual([]);
  });
});
