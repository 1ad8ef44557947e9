/**
 * "Simulate Current Config": runs the config's own Monte Carlo check (sim-plan.ts) on worker threads
 * (dist/sim-worker.js, host/sim-worker.ts) behind a cancellable progress notification, then shows
 * the simulated numbers beside the predicted ones, in a message and in the playground.
 */
import { availableParallelism } from 'node:os';
import * as vscode from 'vscode';
import type { OptimizerAnalysis } from '../core/analysis';
import { driveRun } from '../core/sim/drive';
import { createWorkerRun } from '../host/sim-worker';
import type { SimulationResult } from '../core/sim/types';
import type { HostSimulation, HostSimulationRefused } from '../core/webview-messages';
import { formatNumber } from './format';
import { compareWithPrediction, planSimulation, type SimulationComparison } from './sim-plan';

/** One line per quantity: "update RMS: simulated 0.2301 ± 0.0012, predicted 0.229 (+0.3%, 0.6σ)". */
export function comparisonText(c: SimulationComparison): string {
  const simulated = `simulated ${formatNumber(c.simulated)} ± ${formatNumber(c.stderr)}`;
  if (c.predicted === null || c.relativeGap === null) return `${c.quantity}: ${simulated} (no prediction)`;
  const gap = `${c.relativeGap >= 0 ? '+' : ''}${(c.relativeGap * 100).toFixed(1)}%`;
  return `${c.quantity}: ${simulated}, predicted ${formatNumber(c.predicted)} (${gap}${c.sigmas !== null ? `, ${c.sigmas.toFixed(1)}σ` : ''})`;
}

/** What the playground shows of a host simulation; `coordinates` counts all replicas. */
export function hostSimulation(
  uri: string, optimizerIndex: number, result: SimulationResult, comparisons: SimulationComparison[],
    coordinates: number): HostSimulation {
  const [update, weight] = comparisons as [SimulationComparison, SimulationComparison];
  return {
    uri,
    optimizerIndex,
    backend: result.backend,
    steps: result.stepsDone,
    coordinates,
    updateRms: { predicted: update.predicted, simulated: update.simulated, stderr: update.stderr },
    weightRmsAtEnd: { predicted: weight.predicted, simulated: weight.simulated, stderr: weight.stderr },
  };
}

export interface SimulationOutcome {
  result: SimulationResult;
  comparisons: SimulationComparison[];
  simulation: HostSimulation;
}

/**
 * Runs the simulation of `optimizer`; `refused` when the run is past the simulation limit (said in a warning, and
 * returned for the playground to say too); null when it cannot run otherwise or the user cancelled (already said).
 */
export async function simulateOptimizer(
  workerScript: string,
  uri: string,
  optimizerIndex: number,
  optimizer: OptimizerAnalysis,
  fileName: string,
): Promise<SimulationOutcome | { refused: HostSimulationRefused } | null> {
  if (!optimizer.predictionInput) {
    void vscode.window.showWarningMessage(`OptLens cannot simulate ${optimizer.name}: it has no model of this optimizer.`);
    return null;
  }
  const plan = planSimulation(optimizer.predictionInput);
  if (!plan.ok) {
    void vscode.window.showWarningMessage(`OptLens cannot simulate ${fileName}: ${plan.message}.`);
    return plan.refused ? { refused: { uri, optimizerIndex, message: plan.message } } : null;
  }
  const spec = plan.spec;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `OptLens: simulating ${fileName}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      // One core stays free for the editor and the language server.
      const run = await createWorkerRun(
        spec, { script: workerScript, workers: Math.max(1, availableParallelism() - 1) });
      let reported = 0;
      try {
        return await driveRun(run, {
          signal: controller.signal,
          onProgress: (p) => {
            const percent = (100 * p.stepsDone) / p.totalSteps;
            progress.report({ increment: percent - reported, message: `${p.stepsDone} / ${p.totalSteps} steps · ${spec.params * spec.seeds} coordinates` });
            reported = percent;
          },
        });
      } finally {
        run.dispose();
      }
    },
  );
  if (!result.complete) {
    void vscode.window.showInformationMessage(`OptLens: simulation of ${fileName} cancelled after ${result.stepsDone} of ${spec.steps} steps.`);
    return null;
  }
  const comparisons = compareWithPrediction(result, optimizer.predictions);
  const simulation = hostSimulation(uri, optimizerIndex, result, comparisons, spec.params * spec.seeds);
  void vscode.window.showInformationMessage(`OptLens simulation of ${fileName} (${result.backend}, ${spec.params * spec.seeds} coordinates, ${spec.steps} steps): ${comparisons.map(comparisonText).join('; ')}.`);
  return { result, comparisons, simulation };
}
