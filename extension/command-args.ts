/**
 * The arguments OptLens's commands accept. From the command palette they get none (the active config is
 * meant); from the server's code lenses and hover links (core/protocol ClientCommands) they get the
 * document's URI and the optimizer's index, as a string and a number or as one object; a menu passes a
 * vscode.Uri. Anything else is ignored rather than trusted: hover links are clickable text.
 * The object form is server/features/client-commands.ts `CommandTarget`.
 */
import { HYPERPARAMETER_NAMES, type HyperparameterName } from '../core/hyperparams';

export interface CommandTarget {
  /** The config's URI as a string, or null for "the active config". */
  uri: string | null;
  /** Which optimizer of the file (index into FileAnalysis.optimizers); null = the headline one. */
  optimizerIndex: number | null;
  /** The hyperparameter the user was looking at (a hover on β1), for the playground to focus. */
  hyperparameter: HyperparameterName | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function asIndex(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1000 ? value : null;
}

/** A URI string with a scheme (`file:///…`, `untitled:…`, `vscode-vfs://…`), or a vscode.Uri. */
function asUri(value: unknown): string | null {
  if (typeof value === 'string') return /^[a-zA-Z][\w+.-]*:/.test(value) ? value : null;
  if (isRecord(value) && typeof value.scheme === 'string' && typeof value.toString === 'function' && value.toString !== Object.prototype.toString) {
    const text: unknown = (value.toString as () => unknown).call(value);
    return asUri(text);
  }
  return null;
}

function asHyperparameter(value: unknown): HyperparameterName | null {
  return typeof value === 'string' && (HYPERPARAMETER_NAMES as readonly string[]).includes(value) ? (value as HyperparameterName) : null;
}

export function parseCommandTarget(args: readonly unknown[]): CommandTarget {
  const [first, second] = args;
  const direct = asUri(first);
  if (direct !== null) return { uri: direct, optimizerIndex: asIndex(second), hyperparameter: null };
  if (isRecord(first) && !('scheme' in first)) {
    return { uri: asUri(first.uri), optimizerIndex: asIndex(first.optimizerIndex),
      hyperparameter: asHyperparameter(first.hyperparameter) };
  }
  return { uri: null, optimizerIndex: null, hyperparameter: null };
}
