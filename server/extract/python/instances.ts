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
 * function's do (parameters.ts). An optimizer or scheduler class defined in the file is a library's: its calls'
 * arguments are read at the call, and its body is not followed. What an optimizer class's `__init__` signature writes
 * is still this file's value, though: a call that leaves `mu` in `Muon(groups)`, with `def __init__(self, params,
 * lr=0.02, mu=0.95)`, runs with the 0.95 written there, not with a table's default for Muon (ownClassDefaults).
 */
import type { SyntaxNode } from '@lezer/common';
import type { Scope } from './evaluate';
import type { Parameter } from './parameters';
import type { Span } from '../../../core/hyperparams';
import { UNKNOWN, type CallSite, type Field, type PyValue } from './values';

type MapValue = Extract<PyValue, { kind: 'map' }>;

export interface Instance {
  /** `self`: attributes stored on it (`self.lr = lr`, `self.hparams`). */
  self: MapValue;
  /** The class is an optimizer or a schedule (its base names one): its defaults are a library's. */
  library: boolean;
  /** The class is an optimizer (its base names one). */
  optimizer: boolean;
  /**
   * The class holds a configuration (its name or a base names one: `class IQLConfig(BaseConfig)`): its methods fill it,
   * so `self.algo.optim_params.lr = 1e-4` in one writes a setting, not a value stored for the code (targets.ts).
   */
  config: boolean;
  /**
   * For such a class: the literal defaults its `__init__` signature writes (`mu=0.95`), each at its parameter. A call
   * of the class that leaves one takes it (ownClassDefaults): the file wrote that value, so no table default stands in.
   */
  signature?: Signature;
}

/** An optimizer class's `__init__`: its parameters in order, and the literal defaults among them. */
export interface Signature {
  params: readonly Parameter[];
  defaults: Field[];
}

/** Bases whose subclasses are optimizers or schedules a library defines (`torch.optim.Optimizer`, `LRScheduler`). */
const LIBRARY_BASES = /\b\w*(Optimizer|LRScheduler|Scheduler)\b/;
/** Of those, the optimizers (`torch.optim.Optimizer`), whose signature defaults a call takes (ownClassDefaults). */
const OPTIMIZER_BASES = /\b\w*Optimizer\b/;

/** Class names of configurations (`TrainConfig`, `BaseConfig`, `Hyperparameters`, `TrainingArguments`). */
const CONFIG_CLASS = /(Config|Cfg|Hyperparameters|HParams|Hparams|Settings|Arguments)\b/;

const instances = new WeakSet<PyValue>();

export function classInstance(text: string, node: SyntaxNode): Instance {
  const bases = node.getChild('ArgList');
  const written = bases ? text.slice(bases.from, bases.to) : '';
  const name = node.getChild('VariableName');
  const named = name ? text.slice(name.from, name.to) : '';
  const self: MapValue = { kind: 'map', fields: [] };
  instances.add(self);
  const library = LIBRARY_BASES.test(written);
  return { self, library, optimizer: OPTIMIZER_BASES.test(written),
    config: !library && (CONFIG_CLASS.test(named) || CONFIG_CLASS.test(written)) };
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

/**
 * Hooks a training framework calls with no arguments, so their parameters hold their defaults when the run builds its
 * optimizer: Lightning's `configure_optimizers(self)` (Lightning-AI/pytorch-lightning@7f0c343 src/lightning/pytorch/
 * core/optimizer.py `_init_optimizers_and_lr_schedulers` calls the hook with none; aqlaboratory/openfold@ce0029e
 * train_openfold.py `def configure_optimizers(self, learning_rate: float = 1e-3, eps: float = 1e-5)`), and
 * Transformers' `Trainer.create_optimizer(self)` (huggingface/transformers src/transformers/trainer.py).
 */
const NO_ARGUMENT_HOOKS: ReadonlySet<string> = new Set(['configure_optimizers', 'configure_optimizer',
  'create_optimizer']);

/**
 * A method's parameters: `__init__` of a class that is no library's, and a hook the framework calls with no arguments
 * (NO_ARGUMENT_HOOKS), keep their defaults; others hold none. An optimizer class's `__init__` (`node` its
 * FunctionDefinition) records its signature's literal defaults first (recordSignature).
 */
export function methodParameters(params: Parameter[], method: string, instance: Instance | undefined, text: string,
  node: SyntaxNode): Parameter[] {
  recordSignature(instance, text, method, node.getChild('ParamList'), params);
  const keeps = (method === '__init__' || NO_ARGUMENT_HOOKS.has(method)) && instance !== undefined && !instance.library;
  return keeps ? params : params.map((p) => ({ ...p, default: null }));
}

/** A value written as a literal: a number or string, or a tuple or list of them (`betas=(0.9, 0.95)`). */
function isLiteral(value: PyValue | null): value is PyValue {
  if (value?.kind === 'seq') return value.items.length > 0 && value.items.every((i) => i.kind === 'scalar');
  return value?.kind === 'scalar' && value.value !== null && !value.computed;
}

/** Records an optimizer class's `__init__` signature defaults (`node` its ParamList), each with its name's span. */
function recordSignature(instance: Instance | undefined, text: string, method: string, node: SyntaxNode | null,
  params: readonly Parameter[]): void {
  if (!instance?.optimizer || method !== '__init__') return;
  const spans = new Map<string, Span>();
  for (let c = node?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name === 'VariableName') spans.set(text.slice(c.from, c.to), { start: c.from, end: c.to });
  }
  const defaults = params.filter((p) => p.kind !== 'rest' && isLiteral(p.default))
    .map((p) => ({ key: p.name, keySpan: spans.get(p.name) ?? null, value: p.default ?? UNKNOWN }));
  instance.signature = { params, defaults };
}

/** The recorded signature as a field of the class's value (`{ signature }`), or nothing. */
export function signatureOf(instance: Instance | undefined): { signature?: Signature } {
  return instance?.signature ? { signature: instance.signature } : {};
}

/**
 * The signature defaults a call of an optimizer class defined in the file leaves (`Muon(groups, refresh_interval=64)`
 * leaves `mu=0.95`): neither passed by keyword nor by position (after `self`). None when an argument cannot be
 * matched (`**kwargs` of an unknown dict), as a passed value may then be any of them.
 */
export function ownClassDefaults(signature: Signature | undefined, site: CallSite): Field[] {
  if (!signature || !site.complete) return [];
  const passed = new Set(site.kwargs.map((k) => k.key));
  const positional = signature.params.filter((p) => p.kind === 'positional').slice(1, 1 + site.args.length);
  for (const p of positional) passed.add(p.name);
  return signature.defaults.filter((f) => !passed.has(f.key));
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
