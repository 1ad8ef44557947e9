/**
 * Which config the user is looking at, and the latest analysis of every config the server has analysed.
 * The server pushes analyses (`optlens/didChangeAnalysis`); the extension asks (`optlens/analysis`) when
 * an editor shows a document it has not heard about yet. Status bar, playground and commands all read
 * from here, so they always agree. Holds no vscode objects: URIs are strings.
 */
import type { FileAnalysis } from '../core/analysis';

export interface ActiveConfig {
  uri: string;
  /** Document version the analysis belongs to, when the server said (pushed analyses carry it). */
  version: number | null;
  analysis: FileAnalysis;
}

type Listener = (active: ActiveConfig | null) => void;

export class ConfigStore {
  private readonly analyses = new Map<string, { version: number | null; analysis: FileAnalysis }>();
  private activeUri: string | null = null;
  private readonly listeners = new Set<Listener>();

  /** Records an analysis; an older version than the one held is ignored (notifications may cross requests). */
  setAnalysis(uri: string, analysis: FileAnalysis, version: number | null = null): void {
    const held = this.analyses.get(uri);
    if (held && held.version !== null && version !== null && version < held.version) return;
    this.analyses.set(uri, { version: version ?? held?.version ?? null, analysis });
    if (uri === this.activeUri) this.emit();
  }

  /** The document closed or is no config: forget it. */
  forget(uri: string): void {
    this.analyses.delete(uri);
    if (uri === this.activeUri) this.emit();
  }

  /**
   * The editor now shows `uri` (null: no editor, or one OptLens does not read). Returns true when the
   * store has no analysis for it yet, so the caller should request one.
   */
  setActive(uri: string | null): boolean {
    const changed = uri !== this.activeUri;
    this.activeUri = uri;
    if (changed) this.emit();
    return uri !== null && !this.analyses.has(uri);
  }

  get activeUriString(): string | null {
    return this.activeUri;
  }

  active(): ActiveConfig | null {
    return this.activeUri === null ? null : this.get(this.activeUri);
  }

  get(uri: string): ActiveConfig | null {
    const held = this.analyses.get(uri);
    return held ? { uri, version: held.version, analysis: held.analysis } : null;
  }

  /** Calls `listener` whenever the active config or its analysis changes; returns the unsubscribe. */
  onDidChangeActive(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    const active = this.active();
    for (const listener of this.listeners) listener(active);
  }
}
