// Types for scripts/code-server.mjs, so that the TypeScript real-editor tests can import it.
export const ROOT: string;
export const CACHE: string;
export const CODE_SERVER_VERSION: string;
export function codeServerEntry(): string;
export function isInstalled(): boolean;
export function ensureCodeServer(log?: (line: string) => void): Promise<void>;
export function codeServerCli(runDir: string, args: string[]): string;
export function prepareRunDir(runDir: string, extraSettings?: Record<string, unknown>): void;
export function startCodeServer(options: { runDir: string; folder: string; port?: number }): {
  url: Promise<string>;
  stop: () => void;
  exited: Promise<number | null>;
  output: () => string;
  pid: number | undefined;
};
export function packageVersion(): string;
