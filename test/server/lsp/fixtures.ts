/**
 * Documents for the LSP tests. `AXOLOTL` is an axolotl config with numbers chosen so every prediction is
 * known in closed form (science.md): β1 = 0.9 → update RMS √(0.1/1.9) = 0.229; η = 1e-3, λ = 0.1 →
 * weight RMS √(η/2λ) = 0.0707 with τ = 1/(ηλ) = 10k steps; B = 64 × 4 = 256 against B_simple = 1000,
 * past the Surge threshold 0.0588·B_simple = 58.8, and the largest β1 without Surge at B/B_simple = r
 * is (1 + r)/(1 + 3r) = 0.7104 (from B_surge = (1 − β1)/(3β1 − 1)·B_simple = B).
 */
import type { Position } from 'vscode-languageserver-protocol';

export const AXOLOTL_URI = 'file:///workspace/a/phi2-ft.yml';

export const AXOLOTL = [
  'base_model: microsoft/phi-2',
  '# optlens: noise-scale=1000',
  'optimizer: adamw_torch_fused',
  'adam_beta1: 0.9',
  'adam_beta2: 0.95',
  'adam_epsilon: 1.0e-8',
  'learning_rate: 0.001',
  'weight_decay: 0.1',
  'micro_batch_size: 64',
  'gradient_accumulation_steps: 4',
  'max_steps: 100000',
  'lr_scheduler: cosine',
  'sequence_len: 2048',
  '',
].join('\n');

/** The position of `needle`'s first occurrence in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** The position just after `needle` (where an inlay hint for that value goes). */
export function endOf(text: string, needle: string): Position {
  return positionOf(text, needle, needle.length);
}
