/**
 * Where the server gets `optlens.*` for a document: `workspace/configuration` scoped to the document
 * (so each folder of a multi-root workspace has its own), cached until the client says settings changed;
 * otherwise the settings pushed by `didChangeConfiguration` or given as initialization options.
 * Neovim 0.7 answers `workspace/configuration` (from its `settings`) without advertising it, so the
 * request is tried anyway; a client that rejects it is not asked again.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, type OptLensSettings, parseSettings } from './settings';

export interface Configuration {
  settingsFor(uri: string): Promise<OptLensSettings>;
  /** Called on `didChangeConfiguration`: drops the cache, keeps pushed settings for pull-less clients. */
  changed(pushed: unknown): void;
  /** Called when a document closes, so the cache holds only open documents. */
  forget(uri: string): void;
}

/** The `optlens` section of a pushed settings object (`{ optlens: {...} }`), or undefined. */
function optlensSection(pushed: unknown): unknown {
  return typeof pushed === 'object' && pushed !== null && 'optlens' in pushed ? (pushed).optlens : undefined;
}

export function createConfiguration(
  connection: Connection, advertised: () => boolean, initial: unknown): Configuration {
  let global = initial === undefined ? DEFAULT_SETTINGS : parseSettings(optlensSection(initial) ?? initial);
  let pullRejected = false;
  const cache = new Map<string, Promise<OptLensSettings>>();
  return {
    settingsFor(uri) {
      if (pullRejected && !advertised()) return Promise.resolve(global);
      let pending = cache.get(uri);
      if (!pending) {
        pending = connection.workspace.getConfiguration({ scopeUri: uri, section: 'optlens' }).then(
          // An unadvertised answer with no `optlens` section says nothing: keep what was pushed.
          (section: unknown) => (section === null || section === undefined) &&
            !advertised() ? global : parseSettings(section),
          () => {
            pullRejected = true;
            return global;
          },
        );
        cache.set(uri, pending);
      }
      return pending;
    },
    changed(pushed) {
      cache.clear();
      const section = optlensSection(pushed);
      if (section !== undefined) global = parseSettings(section);
    },
    forget(uri) {
      cache.delete(uri);
    },
  };
}
