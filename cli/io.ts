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
