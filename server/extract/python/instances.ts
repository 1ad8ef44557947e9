/**
 * What a class's methods see as `self`: one object per class defined in the file, holding what `__init__` stores on
 * it, so a value set up in the constructor is followed to the method that uses it (Lightning, and any model class):
 *
 *     class LitModel(L.LightningModule):
 *         def __init__(self, lr=1e-3, weight_decay=0.01):
 *             self.save_hyperparameters()          # self.hparams.lr is 1e-3 (lightning core/mixins/hparams_mixin.py)
 *             self.wd = weight_decay               # self.wd is 0.01
 *         def configure_optimizers(self):
 *             return AdamW(self.parameters(), lr=self.hparams.lr, weight_decay=self.wd)
 *
 * `__init__`'s parameters hold the arguments of the first `LitModel(...)` call read, else their defaults, as a
 * function's do (parameters.ts). An optimizer or scheduler class defined in the file is a library's: its defaults
 * are not this run's values and its calls' arguments are read at the call, so neither is followed into its body.
 */
import type { SyntaxNode } from '@lezer/common';
import type { Scope } from './evaluate';
import type { Parameter } from './parameters';
import type { CallSite, Field, PyValue } from './values';

type MapValue = Extract<PyValue, { kind: 'map' }>;

export interface Instance {
  /** `self`: attributes stored on it (`self.lr = lr`, `self.hparams`). */
  self: MapValue;
  /** The class is an optimizer or a schedule (its base names one): its defaults are a library's. */
  library: boolean;
}

/** Bases whose subclasses are optimizers or schedules a library defines (`torch.optim.Optimizer`, `LRScheduler`). */
const LIBRARY_BASES = /\b\w*(Optimizer|LRScheduler|Scheduler)\b/;

const instances = new WeakSet<PyValue>();

export function classInstance(text: string, node: SyntaxNode): Instance {
  const bases = node.getChild('ArgList');
  const self: MapValue = { kind: 'map', fields: [] };
  instances.add(self);
  return { self, library: bases !== null && LIBRARY_BASES.test(text.slice(bases.from, bases.to)) };
}

/**
 * After the class body: what the class body assigns (a dataclass field's default, a class attribute) is what `self.x`
 * reads in a method, as Python looks an attribute up on the instance, then on its class (`get_scheduler_preset(self)`
 * returning `CosineSchedule(num_warmup_steps=self.warmup_steps)` reads the field's literal). What `__init__` stores
 * on `self` comes later, so it wins, as the instance's own attribute does. A library's class configures nothing.
 */
function withClassAttributes(instance: Instance, fields: readonly Field[]): void {
  if (!instance.library) instance.self.fields.unshift(...fields);
}

/** A method's parameters: `__init__` of a class that is no library's keeps its defaults; others hold none. */
export function methodParameters(params: Parameter[], method: string, instance: Instance | undefined): Parameter[] {
  const keeps = method === '__init__' && instance !== undefined && !instance.library;
  return keeps ? params : params.map((p) => ({ ...p, default: null }));
}

/** Binds a method's first parameter (`self`) to the instance. */
export function bindSelf(scope: Scope, params: Parameter[], instance: Instance | undefined): void {
  const [self] = params;
  if (instance && self?.kind === 'positional') scope.names.set(self.name, instance.self);
}

/**
 * `self.save_hyperparameters()` in `__init__`: `self.hparams` holds the constructor's arguments by name (the
 * method's own names, `self` aside); `save_hyperparameters(config)` with a dict holds that dict. False when
 * `object` is not an instance of a class defined in the file.
 */
export function saveHyperparameters(object: PyValue, args: PyValue[], scope: Scope): boolean {
  if (!instances.has(object) || object.kind !== 'map') return false;
  const [given] = args;
  const fields: Field[] = [];
  if (given?.kind === 'map') fields.push(...given.fields);
  else if (!given) {
    for (const [key, value] of scope.names) if (value !== object) fields.push({ key, keySpan: null, value });
  }
  object.fields.push({ key: 'hparams', keySpan: null, value: { kind: 'map', fields } });
  return true;
}

/**
 * After the class body (whose attributes `self` then holds, `withClassAttributes`): `Cls(...)` reads `__init__` with
 * that call's arguments (`self` first), and, if the file never calls it, `__init__` is read before the other methods
 * (which the module reads latest first), so what it stores on `self` is there when they use it. Returns the
 * constructor for the class value, if it has one.
 */
export function constructor(classScope: Scope, instance: Instance, deferred: (() => void)[],
  classAttributes: readonly Field[] = []): ((site: CallSite) => void) | undefined {
  withClassAttributes(instance, classAttributes);
  const init = classScope.names.get('__init__');
  // A library's class is configured by the arguments of its call, read there: its body is no configuration.
  if (init?.kind !== 'function' || instance.library) return undefined;
  deferred.push(() => init.call(null));
  return (site) => {
    init.call({ args: [instance.self, ...site.args], kwargs: site.kwargs, complete: site.complete });
  };
}
