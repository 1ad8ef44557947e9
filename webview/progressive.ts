/**
 * A playground simulation in two passes, so that an answer comes quickly and then gets better: a first
 * estimate on a small share of the budget (experiments.ts `estimateBudget`: error bars ~6× wider, in ~3% of
 * the time), shown at once with its error bars, then the full run, which replaces it. Cancelling stops
 * whichever pass is running; nothing of a cancelled run reaches the page.
 */
import type { PlaygroundParams } from '../core/webview-messages';
import { estimateBudget, planExperiments, simulatedSeries, type Budget, type ExperimentPlan, type SimulatedSeries } from './experiments';
import { CancelledError, type JobHandle, type Runner } from './runner';
import type { SimTaskResult } from './sim-protocol';

export interface PassResult {
  series: SimulatedSeries;
  /** Seconds since the run started. */
  seconds: number;
  /** Where the tasks ran, e.g. `cpu-worker` or `gpu:webgl2 + cpu-worker`. */
  backends: string;
}

export interface ProgressiveCallbacks {
  /** Overall progress in [0, 1]: the estimate fills the first part of the bar in proportion to its work. */
  onProgress(fraction: number): void;
  onEstimate(result: PassResult): void;
  onFinal(result: PassResult): void;
}

export interface ProgressiveRun {
  /** Resolves after the final pass, rejects with CancelledError when cancelled, or with the failure. */
  done: Promise<void>;
  cancel(): void;
}

/** Which tasks may go to the GPU: a software WebGL2 takes only the weight-RMS trajectory (slower than the worker). */
function gpuWanted(runner: Runner, plan: ExperimentPlan): (index: number) => boolean {
  return (i) => !runner.backend.software || plan.roles[i]?.chart === 'weightRms';
}

function planCost(plan: ExperimentPlan): number {
  return plan.tasks.reduce((sum, t) => sum + (t.kind === 'run' ? t.spec.params * t.spec.seeds * t.spec.steps : 1), 0);
}

export function runProgressive(
  runner: Runner, params: PlaygroundParams, budget: Budget, callbacks: ProgressiveCallbacks,
): ProgressiveRun {
  const started = performance.now();
  const estimatePlan = planExperiments(params, estimateBudget(budget));
  const finalPlan = planExperiments(params, budget);
  const share = planCost(estimatePlan) / Math.max(1, planCost(estimatePlan) + planCost(finalPlan));
  let current: JobHandle | null = null;
  let cancelled = false;

  const pass = async (plan: ExperimentPlan, from: number, to: number, which: 'estimate' | 'final'): Promise<PassResult> => {
    if (cancelled) throw new CancelledError();
    current = runner.run(plan.tasks, (f) => callbacks.onProgress(from + (to - from) * f), gpuWanted(runner, plan));
    const results: SimTaskResult[] = await current.done;
    const backends = [...new Set(results.map((r) => r.result.backend))].join(' + ');
    const seconds = (performance.now() - started) / 1000;
    return { series: simulatedSeries(plan, results, params, which), seconds, backends };
  };

  const done = (async () => {
    callbacks.onEstimate(await pass(estimatePlan, 0, share, 'estimate'));
    performance.measure('optlens-sim-estimate', { start: started, end: performance.now() });
    callbacks.onFinal(await pass(finalPlan, share, 1, 'final'));
    performance.measure('optlens-sim-final', { start: started, end: performance.now() });
  })();
  done.catch(() => {});
  return {
    done,
    cancel() {
      cancelled = true;
      current?.cancel();
    },
  };
}
