/** What a CLI command may touch: its output streams, whether stdout is a terminal, and a cancel signal. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  isTTY: boolean;
  /** Aborted on Ctrl-C; long commands stop at the next chunk and exit 130. */
  signal: AbortSignal;
}

/** A bad flag or value: the command prints `message` (one line, naming the flag) and exits 2. */
export class UsageError extends Error {}

/** A command of `optlens`: parses its own flags, returns the exit code. */
export type Command = (args: string[], io: CliIO) => Promise<number>;

/**
 * Control characters other than newline and tab, written as `\xNN`: a config value holding ESC sequences
 * (`\x1b]8;;…`, a cursor move, a title change) must reach the terminal as text, never as a command to it.
 * OptLens itself writes no escape sequences; JSON and SARIF output already escape these characters.
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
