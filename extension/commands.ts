/**
 * The command palette's OptLens commands (package.json `contributes.commands`), also invoked by the
 * server's code lenses and hover links with a target (command-args.ts). Each resolves which config it
 * is about, then hands off to the module that does the work.
 */
import * as vscode from 'vscode';
import type { FileAnalysis } from '../core/analysis';
import { ClientCommands } from '../core/protocol';
import type { PlaygroundParamName } from '../core/webview-messages';
import { parseCommandTarget, type CommandTarget } from './command-args';
import { estimateNoiseScaleFromLog } from './noise-scale-command';
import type { PlaygroundRelay } from './panel/playground-relay';
import { revealPlayground } from './panel/playground-view';
import type { ReportPanel } from './panel/report-panel';
import { analysisReport } from './report/analysis-report';
import { compareReport } from './report/compare-report';
import { exportReportFiles } from './export-command';
import { simulateOptimizer } from './simulate-command';
import { sweepBatchSize } from './sweep-command';
import { headlineOptimizer } from './status-text';
import { registerScienceReference } from './science-reference';

export const COMMANDS = {
  ...ClientCommands,
  compareOptimizers: 'optlens.compareOptimizers',
  estimateNoiseScale: 'optlens.estimateNoiseScale',
  exportReport: 'optlens.exportReport',
} as const;

/** A config the command is about: its URI, analysis, and which optimizer. */
export interface ResolvedConfig {
  uri: string;
  analysis: FileAnalysis;
  optimizerIndex: number;
  fileName: string;
}

export interface CommandDeps {
  /** dist/sim-worker.js and dist/surge-worker.js: the simulations run on worker threads, never on the host's. */
  workerScript: string;
  surgeWorkerScript: string;
  /** The analysis of `target` (or of the active config), asking the server when needed; null when there is none
   * (already said why). */
  resolve(target: CommandTarget, options?: { quiet?: boolean }): Promise<ResolvedConfig | null>;
  relay: PlaygroundRelay;
  report: ReportPanel;
  /** Binds the playground to a config (and makes it the active one). */
  bindPlayground(config: ResolvedConfig): void;
  /** The installed extension's folder, where docs/science.md ships. */
  extensionUri: vscode.Uri;
}

const PARAM_OF_HYPERPARAMETER: Partial<Record<string, PlaygroundParamName>> = {
  lr: 'lr', beta1: 'beta1', momentum: 'beta1', beta2: 'beta2', eps: 'eps', weightDecay: 'weightDecay',
  globalBatchSize: 'batchSize', steps: 'steps', warmupSteps: 'warmupSteps', schedule: 'schedule',
};

function noiseScaleMissing(fileName: string): void {
  void vscode.window
    .showWarningMessage(
      `OptLens needs the gradient noise scale B_simple for ${fileName}: set optlens.noiseScale, write \`# optlens: noise-scale=…\` in the file, or estimate it from a log.`,
      'Estimate from a Log',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand(COMMANDS.estimateNoiseScale);
    });
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const withConfig = (run: (config: ResolvedConfig) => unknown) => async (...args: unknown[]) => {
    const config = await deps.resolve(parseCommandTarget(args));
    if (config) await run(config);
  };
  const inputOf = (config: ResolvedConfig) => {
    const optimizer = config.analysis.optimizers[config.optimizerIndex];
    if (!optimizer?.predictionInput) {
      void vscode.window.showWarningMessage(`OptLens has no model of ${optimizer?.name ?? 'an optimizer'} in ${config.fileName}.`);
      return null;
    }
    return optimizer.predictionInput;
  };

  return [
    registerScienceReference(deps.extensionUri),
    vscode.commands.registerCommand(COMMANDS.analyze, withConfig((config) => {
      deps.report.show(analysisReport(config.analysis, config.optimizerIndex));
    })),

    vscode.commands.registerCommand(COMMANDS.openPlayground, async (...args: unknown[]) => {
      const target = parseCommandTarget(args);
      // From the palette with no config open, the playground still opens, on its own values.
      const config = await deps.resolve(target, { quiet: target.uri === null });
      if (config) deps.bindPlayground(config);
      await revealPlayground();
      const param = target.hyperparameter ? PARAM_OF_HYPERPARAMETER[target.hyperparameter] : undefined;
      if (param) deps.relay.focus(param);
    }),

    vscode.commands.registerCommand(COMMANDS.simulate, withConfig(async (config) => {
      const optimizer = config.analysis.optimizers[config.optimizerIndex];
      if (!optimizer) return;
      const outcome = await simulateOptimizer(
        deps.workerScript, config.uri, config.optimizerIndex, optimizer, config.fileName);
      if (outcome && 'refused' in outcome) deps.relay.showSimulationRefused(outcome.refused);
      else if (outcome) deps.relay.showSimulation(outcome.simulation);
    })),

    vscode.commands.registerCommand(COMMANDS.sweepBatchSize, withConfig(async (config) => {
      const input = inputOf(config);
      if (!input) return;
      const report = await sweepBatchSize(deps.surgeWorkerScript, input, config.fileName, (r) => deps.report.show(r));
      if (!report) noiseScaleMissing(config.fileName);
    })),

    vscode.commands.registerCommand(COMMANDS.compareOptimizers, withConfig((config) => {
      const input = inputOf(config);
      if (input) deps.report.show(compareReport(input, config.fileName));
    })),

    // The estimate belongs to the config it is run from (the active one, or a hover/code-lens target), when there is
    // one.
    vscode.commands.registerCommand(COMMANDS.estimateNoiseScale, async (...args: unknown[]) => {
      const config = await deps.resolve(parseCommandTarget(args), { quiet: true });
      return estimateNoiseScaleFromLog(config ? { uri: config.uri, fileName: config.fileName } : null);
    }),

    vscode.commands.registerCommand(COMMANDS.exportReport, async (...args: unknown[]) => {
      // With no report on screen, export the analysis of the active config (shown first, so its charts are drawn).
      if (!deps.report.current) {
        const config = await deps.resolve(parseCommandTarget(args));
        if (!config) return;
        deps.report.show(analysisReport(config.analysis, config.optimizerIndex));
      }
      await exportReportFiles(deps.report);
    }),
  ];
}

/** The optimizer a command should use when none is named: the one the status bar speaks for. */
export function defaultOptimizerIndex(analysis: FileAnalysis): number {
  const headline = headlineOptimizer(analysis);
  return headline ? Math.max(0, analysis.optimizers.indexOf(headline)) : 0;
}
