/**
 * The report's Recipe section on a real config: the timescale table, the config beside both scaling laws
 * (each labelled with its fitted regime), Muon's conventions when a shape is known, and the weight-decay chart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recipeOf } from '../../../core/theory/recipe/index';
import { analysisReport } from '../../../extension/report/analysis-report';
import { recipeSection } from '../../../extension/report/recipe-section';
import { analyzeText } from '../../../server/analyze';

const path = join(__dirname, '../../fixtures/corpus/nanogpt/train_gpt2.py');
const text = `${readFileSync(path, 'utf8')}\n# optlens: params=1.24e8\n`;

describe('Recipe section', () => {
  const analysis = analyzeText(text, path, { snr: 0 });
  const optimizer = analysis.optimizers[0];

  it('shows the timescale with its verdict and both laws with the regime each was fitted on', () => {
    if (!optimizer) throw new Error('nanoGPT has an optimizer');
    const { tables, charts } = recipeSection(optimizer);
    const [timescale, laws] = tables;
    expect(timescale?.rows.find((r) => r[0] === 'τ_iter = 1/(ηλ)')?.[1]).toBe('16,667 steps');
    expect(timescale?.rows.find((r) => r[0] === 'verdict')?.[1]).toMatch(/^within the recommended range/);
    expect(laws?.rows.map((r) => r[0])).toEqual(['DeepSeek LLM', 'Step Law (StepFun)']);
    for (const row of laws?.rows ?? []) expect(row[3]).toMatch(/LLMs/);
    expect(laws?.title).toContain('none the truth');
    expect(charts.map((c) => c.id)).toEqual(['weight-decay-over-run']);
    expect(charts[0]?.series).toHaveLength(3);
  });

  it('is part of the analysis report, and absent for an optimizer without predictions', () => {
    const report = analysisReport(analysis);
    expect(report.tables.some((t) => t.title === 'Recipe: weight-decay timescale')).toBe(true);
    if (!optimizer) throw new Error('nanoGPT has an optimizer');
    expect(recipeSection({ ...optimizer, predictions: null, recipe: null }).tables).toEqual([]);
  });

  it('lists the four Muon conventions, marking the one the file uses', () => {
    if (!optimizer?.predictionInput) throw new Error('nanoGPT has a prediction input');
    const muonInput = { ...optimizer.predictionInput, optimizer: 'muon' as const, shape: [3072, 768] as [number, number] };
    const recipe = recipeOf(muonInput,
      { batchSamples: 480, tokensPerStep: 491_520, epochs: null, datasetSamples: null, tokens: null, params: null,
        provenance: {} });
    const table = recipeSection({ ...optimizer, recipe }).tables.find((t) => t.title.startsWith('Recipe: Muon'));
    expect(table?.rows).toHaveLength(4);
    expect(table?.rows.filter((r) => r[0]?.endsWith('(this file)'))).toHaveLength(1);
  });
});
