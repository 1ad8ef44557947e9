/**
 * The playground's side of the host: holds what the page should show (the bound config, a pending focus,
 * the last host simulation), sends it once the page says `ready` (and again after every `ready`: a hidden
 * view is torn down and re-created), turns the page's `apply` requests into server edits and its Source links
 * into the science reference opened at their section. Every message from the page is validated first. No vscode
 * here: the view provider wires it to a webview.
 */
import type { ApplyHyperparameterParams } from '../../core/protocol';
import type {
  BoundConfig, HostSimulation, HostSimulationRefused, HostToPlayground, PlaygroundParamName,
} from '../../core/webview-messages';
import { validatePlaygroundToHost } from '../../core/webview-messages-validate';

export interface PlaygroundRelayDeps {
  /** Posts to the page; resolves false when the page is not live (hidden or gone). */
  post(message: HostToPlayground): PromiseLike<boolean>;
  /** Asks the server for the edit and applies it; resolves with why not when it cannot. */
  apply(params: ApplyHyperparameterParams): Promise<{ ok: true } | { ok: false; message: string }>;
  notify(level: 'info' | 'warning' | 'error', message: string): void;
  /** Opens the science reference at a section a formula card cites, if the reference has it; resolves whether. */
  openScienceReference(section: string): Promise<boolean>;
}

export class PlaygroundRelay {
  private ready = false;
  private config: BoundConfig | null = null;
  private pendingFocus: PlaygroundParamName | null = null;
  /** The last host simulation, or why it was refused: shown until another file or optimizer is bound. */
  private simulation: Extract<HostToPlayground, { type: 'simulation' | 'simulationRefused' }> | null = null;

  constructor(private readonly deps: PlaygroundRelayDeps) {}

  /** The page went away (view disposed or its document reloaded): wait for the next `ready`. */
  detach(): void {
    this.ready = false;
  }

  get isReady(): boolean {
    return this.ready;
  }

  get boundConfig(): BoundConfig | null {
    return this.config;
  }

  bind(config: BoundConfig | null): void {
    this.config = config;
    // A simulation of another file or optimizer no longer belongs on screen.
    const shown = this.simulation?.type === 'simulation' ? this.simulation.simulation : this.simulation?.refusal;
    if (shown && (shown.uri !== config?.uri || shown.optimizerIndex !== config.optimizerIndex)) this.simulation = null;
    if (this.ready) void this.send({ type: 'bind', config });
  }

  focus(param: PlaygroundParamName): void {
    if (this.ready) void this.send({ type: 'focus', param });
    else this.pendingFocus = param;
  }

  showSimulation(simulation: HostSimulation): void {
    this.simulation = { type: 'simulation', simulation };
    if (this.ready) void this.send(this.simulation);
  }

  showSimulationRefused(refusal: HostSimulationRefused): void {
    this.simulation = { type: 'simulationRefused', refusal };
    if (this.ready) void this.send(this.simulation);
  }

  /** A message from the page: validated, then handled; anything else is dropped. */
  async receive(raw: unknown): Promise<void> {
    const message = validatePlaygroundToHost(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.send({ type: 'bind', config: this.config });
        if (this.simulation) await this.send(this.simulation);
        if (this.pendingFocus) {
          await this.send({ type: 'focus', param: this.pendingFocus });
          this.pendingFocus = null;
        }
        return;
      case 'apply': {
        const outcome = await this.applyFromPage(message.uri, message.optimizerIndex, message.param, message.value);
        await this.send({ type: 'applied', requestId: message.requestId, ...outcome });
        return;
      }
      case 'notify':
        this.deps.notify(message.level, `OptLens playground: ${message.message}`);
        return;
      case 'openScienceReference':
        await this.deps.openScienceReference(message.section);
        return;
    }
  }

  private async applyFromPage(uri: string, optimizerIndex: number, param: PlaygroundParamName, value: number | string):
    Promise<{ ok: boolean; message?: string }> {
    const config = this.config;
    if (!config || config.uri !== uri || config.optimizerIndex !== optimizerIndex) {
      return { ok: false, message: 'the playground is bound to another config now' };
    }
    const hyperparameter = config.origins[param]?.hyperparameter ?? null;
    if (hyperparameter === null) return { ok: false, message: `${param} is not a value of the file; it stays in the playground` };
    if (hyperparameter === 'schedule' ? typeof value !== 'string' : typeof value !== 'number') {
      return { ok: false, message: `${param} needs a ${hyperparameter === 'schedule' ? 'schedule name' : 'number'}` };
    }
    const result = await this.deps.apply({ uri, optimizerIndex, name: hyperparameter, value });
    return result.ok ? { ok: true } : { ok: false, message: result.message };
  }

  private async send(message: HostToPlayground): Promise<void> {
    const delivered = await this.deps.post(message);
    // Not delivered: the page is hidden or gone. It will say `ready` again when shown, and get everything then.
    if (!delivered) this.ready = false;
  }
}
