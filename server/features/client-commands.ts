/**
 * The arguments of the extension's commands (core/protocol.ts `ClientCommands`) when the server invokes
 * them from a code lens or a hover link: one object naming the document and the optimizer.
 */
import type { Command } from 'vscode-languageserver-types';
import type { HyperparameterName } from '../../core/hyperparams';

export interface CommandTarget {
  uri: string;
  /** Index into the analysis' `optimizers`. */
  optimizerIndex: number;
  /** The hyperparameter the user was looking at, for the playground to focus its control. */
  hyperparameter?: HyperparameterName;
}

export function commandFor(title: string, command: string, target: CommandTarget): Command {
  return { title, command, arguments: [target] };
}

/** A Markdown `command:` link (VS Code runs it when the client trusts the command; others show the text). */
export function commandLink(label: string, command: string, target: CommandTarget): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([target]))})`;
}
