/**
 * A stand-in for the `vscode` module in unit tests (vitest.config.mts aliases `vscode` here). It implements
 * the part of the API the extension uses, with real behaviour where that is cheap (events, URIs, an
 * in-memory file system, a command registry, configuration that `update` changes) and records the rest
 * (messages shown, status bar state, webview HTML and posted messages) in `mock` for tests to inspect.
 * `resetMock()` restores a clean state between tests.
 */

type Listener<T> = (value: T) => unknown;

export class Disposable {
  constructor(private readonly onDispose: () => unknown = () => undefined) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Uri {
  private constructor(readonly scheme: string, readonly authority: string, readonly path: string, readonly query = '', readonly fragment = '') {}
  static parse(value: string): Uri {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(value);
    if (!m) throw new Error(`mock Uri.parse: not a URI: ${value}`);
    return new Uri(m[1] ?? '', m[2] ?? '', decodeURIComponent(m[3] ?? ''), m[4] ?? '', m[5] ?? '');
  }
  static file(path: string): Uri {
    return new Uri('file', '', path);
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    const path = [base.path.replace(/\/+$/, ''), ...segments].join('/').replace(/\/{2,}/g, '/');
    return new Uri(base.scheme, base.authority, path);
  }
  get fsPath(): string {
    return this.path;
  }
  with(change: { scheme?: string; path?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, this.authority, change.path ?? this.path, this.query,
      change.fragment ?? this.fragment);
  }
  toString(): string {
    const authority = this.scheme === 'file' || this.authority ? `//${this.authority}` : '';
    return `${this.scheme}:${authority}${encodeURI(this.path)}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

export enum StatusBarAlignment { Left = 1, Right = 2 }
export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2 }
export enum ConfigurationTarget { Global = 1, Workspace = 2, WorkspaceFolder = 3 }
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}
export class Range {
  constructor(readonly start: Position, readonly end: Position) {}
}
export class WorkspaceEdit {
  readonly edits: { uri: Uri; range: Range; newText: string }[] = [];
  replace(uri: Uri, range: Range, newText: string): void {
    this.edits.push({ uri, range, newText });
  }
}

export interface MockTextDocument {
  uri: Uri;
  languageId: string;
  version: number;
  getText(): string;
}
export interface MockTextEditor {
  document: MockTextDocument;
}

export interface MockWebview {
  html: string;
  options: Record<string, unknown>;
  cspSource: string;
  posted: unknown[];
  /** What postMessage resolves to (false: the webview is hidden). */
  live: boolean;
  postMessage(message: unknown): Promise<boolean>;
  asWebviewUri(uri: Uri): Uri;
  onDidReceiveMessage: EventEmitter<unknown>['event'];
  /** Test side: deliver a message as if the page had posted it. */
  receive(message: unknown): void;
}

function createWebview(): MockWebview {
  const incoming = new EventEmitter<unknown>();
  const webview: MockWebview = {
    html: '',
    options: {},
    cspSource: 'https://mock.vscode-cdn.net',
    posted: [],
    live: true,
    postMessage: async (message) => {
      if (webview.live) webview.posted.push(message);
      return webview.live;
    },
    asWebviewUri: (uri) => Uri.parse(`https://mock.vscode-cdn.net${uri.path}`),
    onDidReceiveMessage: incoming.event,
    receive: (message) => incoming.fire(message),
  };
  return webview;
}

export interface MockPanel {
  viewType: string;
  title: string;
  webview: MockWebview;
  visible: boolean;
  disposed: boolean;
  reveal(): void;
  onDidDispose: EventEmitter<void>['event'];
  dispose(): void;
}

export interface MockStatusBarItem {
  id: string;
  text: string;
  tooltip: string | undefined;
  command: string | undefined;
  name: string | undefined;
  backgroundColor: ThemeColor | undefined;
  visible: boolean;
  show(): void;
  hide(): void;
  dispose(): void;
}

interface MockState {
  messages: { level: 'info' | 'warning' | 'error'; text: string }[];
  /** Answers the next show*Message calls return, in order (a button title, or undefined). */
  messageAnswers: (string | undefined)[];
  openDialogAnswers: (Uri[] | undefined)[];
  saveDialogAnswers: (Uri | undefined)[];
  statusBarItems: MockStatusBarItem[];
  panels: MockPanel[];
  viewProviders: Map<string, unknown>;
  viewProviderOptions: Map<string, unknown>;
  commands: Map<string, (...args: unknown[]) => unknown>;
  executed: { command: string; args: unknown[] }[];
  configuration: Map<string, unknown>;
  configurationUpdates: { key: string; value: unknown; target: unknown }[];
  files: Map<string, Uint8Array>;
  appliedEdits: WorkspaceEdit[];
  progress: { title: string | undefined; reports: { message?: string; increment?: number }[]; cancel(): void }[];
  activeTextEditor: MockTextEditor | undefined;
  /** Quick picks shown (their item labels), and the index each next one answers (undefined: dismissed). */
  quickPicks: { labels: string[]; title: string | undefined }[];
  quickPickAnswers: (number | undefined)[];
  clipboard: string;
  /** Documents `workspace.openTextDocument` opens, by URI string. */
  documents: Map<string, { languageId: string; text: string }>;
}

function freshState(): MockState {
  return {
    messages: [], messageAnswers: [], openDialogAnswers: [], saveDialogAnswers: [], statusBarItems: [], panels: [],
    viewProviders: new Map(), viewProviderOptions: new Map(), commands: new Map(), executed: [],
      configuration: new Map(), configurationUpdates: [],
    files: new Map(), appliedEdits: [], progress: [], activeTextEditor: undefined,
    quickPicks: [], quickPickAnswers: [], clipboard: '', documents: new Map(),
  };
}

export const mock: MockState = freshState();
const activeEditorChanged = new EventEmitter<MockTextEditor | undefined>();
const configurationChanged = new EventEmitter<{ affectsConfiguration(section: string): boolean }>();
const documentClosed = new EventEmitter<MockTextDocument>();

export function resetMock(): void {
  Object.assign(mock, freshState());
}

/** Test side: switch the active editor, firing the event as VS Code does. */
export function setActiveEditor(document: MockTextDocument | undefined): void {
  mock.activeTextEditor = document ? { document } : undefined;
  activeEditorChanged.fire(mock.activeTextEditor);
}

/** Test side: close a document. */
export function closeDocument(document: MockTextDocument): void {
  documentClosed.fire(document);
}

export function textDocument(uri: string, languageId: string, text = '', version = 1): MockTextDocument {
  return { uri: Uri.parse(uri), languageId, version, getText: () => text };
}

function showMessage(level: 'info' | 'warning' | 'error') {
  return async (text: string, ..._items: unknown[]): Promise<string | undefined> => {
    mock.messages.push({ level, text });
    return mock.messageAnswers.shift();
  };
}

export const window = {
  get activeTextEditor(): MockTextEditor | undefined {
    return mock.activeTextEditor;
  },
  onDidChangeActiveTextEditor: activeEditorChanged.event,
  get visibleTextEditors(): MockTextEditor[] {
    return mock.activeTextEditor ? [mock.activeTextEditor] : [];
  },
  onDidChangeTextEditorSelection: new EventEmitter<unknown>().event,
  showInformationMessage: showMessage('info'),
  showWarningMessage: showMessage('warning'),
  showErrorMessage: showMessage('error'),
  createStatusBarItem(id: string, _alignment?: StatusBarAlignment, _priority?: number): MockStatusBarItem {
    const item: MockStatusBarItem = {
      id, text: '', tooltip: undefined, command: undefined, name: undefined, backgroundColor: undefined, visible: false,
      show: () => void (item.visible = true),
      hide: () => void (item.visible = false),
      dispose: () => void (item.visible = false),
    };
    mock.statusBarItems.push(item);
    return item;
  },
  registerWebviewViewProvider(viewId: string, provider: unknown, options?: unknown): Disposable {
    mock.viewProviders.set(viewId, provider);
    mock.viewProviderOptions.set(viewId, options);
    return new Disposable(() => mock.viewProviders.delete(viewId));
  },
  createWebviewPanel(viewType: string, title: string, _show?: unknown, options: Record<string, unknown> = {}):
    MockPanel {
    const disposed = new EventEmitter<void>();
    const webview = createWebview();
    webview.options = options;
    const panel: MockPanel = {
      viewType, title, webview, visible: true, disposed: false,
      reveal: () => void (panel.visible = true),
      onDidDispose: disposed.event,
      dispose: () => {
        panel.disposed = true;
        disposed.fire();
      },
    };
    mock.panels.push(panel);
    return panel;
  },
  async withProgress<R>(options: { title?: string }, task: (progress: { report(v: { message?: string; increment?: number }) : void }, token: { isCancellationRequested: boolean; onCancellationRequested: EventEmitter<void>['event'] }) => Promise<R>): Promise<R> {
    const cancelled = new EventEmitter<void>();
    const token = { isCancellationRequested: false, onCancellationRequested: cancelled.event };
    const record = { title: options.title, reports: [] as { message?: string; increment?: number }[], cancel: () => {
      token.isCancellationRequested = true;
      cancelled.fire();
    } };
    mock.progress.push(record);
    return task({ report: (v) => record.reports.push(v) }, token);
  },
  async showQuickPick<T extends { label: string }>(
    items: T[], options: { title?: string } = {}): Promise<T | undefined> {
    mock.quickPicks.push({ labels: items.map((i) => i.label), title: options.title });
    const answer = mock.quickPickAnswers.shift();
    return answer === undefined ? undefined : items[answer];
  },
  async showOpenDialog(): Promise<Uri[] | undefined> {
    return mock.openDialogAnswers.shift();
  },
  async showSaveDialog(): Promise<Uri | undefined> {
    return mock.saveDialogAnswers.shift();
  },
};

/** A mock webview view, as VS Code hands it to `resolveWebviewView`. */
export function createWebviewView(viewType: string): { viewType: string; webview: MockWebview; visible: boolean; onDidDispose: EventEmitter<void>['event']; onDidChangeVisibility: EventEmitter<void>['event']; show(): void; dispose(): void } {
  const disposed = new EventEmitter<void>();
  const visibility = new EventEmitter<void>();
  const view = {
    viewType, webview: createWebview(), visible: true,
    onDidDispose: disposed.event, onDidChangeVisibility: visibility.event,
    show: () => void (view.visible = true),
    dispose: () => disposed.fire(),
  };
  return view;
}

export const env = {
  clipboard: {
    async writeText(text: string): Promise<void> {
      mock.clipboard = text;
    },
  },
};

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
    if (mock.commands.has(id)) throw new Error(`command '${id}' already exists`);
    mock.commands.set(id, handler);
    return new Disposable(() => mock.commands.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    mock.executed.push({ command: id, args });
    return mock.commands.get(id)?.(...args);
  },
};

export const workspace = {
  getConfiguration(section?: string) {
    const full = (key: string) => (section ? `${section}.${key}` : key);
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        return mock.configuration.has(full(key)) ? (mock.configuration.get(full(key)) as T) : fallback;
      },
      async update(key: string, value: unknown, target?: unknown): Promise<void> {
        mock.configuration.set(full(key), value);
        mock.configurationUpdates.push({ key: full(key), value, target });
        configurationChanged.fire({ affectsConfiguration: (s: string) => full(key).startsWith(s) });
      },
    };
  },
  onDidChangeConfiguration: configurationChanged.event,
  onDidCloseTextDocument: documentClosed.event,
  async openTextDocument(uri: Uri) {
    const doc = mock.documents.get(uri.toString());
    if (!doc) throw new Error(`mock: no document ${uri.toString()}`);
    return {
      uri, languageId: doc.languageId, version: 1, getText: () => doc.text,
      positionAt(offset: number): Position {
        const before = doc.text.slice(0, offset).split('\n');
        return new Position(before.length - 1, before.at(-1)?.length ?? 0);
      },
    };
  },
  getWorkspaceFolder(uri: Uri): { uri: Uri; name: string } | undefined {
    const folder = workspace.workspaceFolders?.find((f) => uri.path.startsWith(`${f.uri.path}/`));
    return folder ? { uri: folder.uri, name: folder.uri.path.split('/').pop() ?? '' } : undefined;
  },
  async applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    mock.appliedEdits.push(edit);
    return true;
  },
  fs: {
    async readFile(uri: Uri): Promise<Uint8Array> {
      const data = mock.files.get(uri.toString());
      if (!data) throw new Error(`mock fs: no file ${uri.toString()}`);
      return data;
    },
    async writeFile(uri: Uri, content: Uint8Array): Promise<void> {
      mock.files.set(uri.toString(), content);
    },
  },
  workspaceFolders: undefined as { uri: Uri }[] | undefined,
  isTrusted: true,
};
