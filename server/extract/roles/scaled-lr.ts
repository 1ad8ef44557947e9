/**
 * A learning rate the script scales before passing it on (the linear scaling rule):
 *
 *     BASE_LR = 1e-3; BATCH_SIZE = 512
 *     lr = BASE_LR * BATCH_SIZE / 256            # every factor written: the run's lr is the product, 2e-3
 *     lr = args.lr * args.batch_size * world_size / 256   # world_size known only when the run starts
 *
 * The value the optimizer gets is the product, not the base literal the role vocabulary also reads (`base_lr`, `--lr`):
 * - every factor written: the product stays the learning rate (it is what the run uses), and its provenance names the
 *   base and the other literals it comes from (`derivedFrom`); the base never replaces it;
 * - a factor known only at run time: the written base is read (a value the file writes is never dropped), and its
 *   provenance says that it is the base of a learning rate the run computes, and how.
 */
import type { ExtractedValue } from '../../../core/hyperparams';

/** A literal that may be the base of a scaled learning rate: its role, key as written, and literal text. */
export interface BaseLiteral {
  /** The role the literal was read for (`lr`): only a learning rate is scaled this way. */
  role: string;
  key: string;
  raw: string;
  value: unknown;
}

/** The names an expression multiplies or divides, as written (`args.lr * args.batch_size / 256` → args.lr, …). */
function writtenFactors(expression: string): string[] | null {
  if (!/[*/]/.test(expression) || /[+-]\s*[\w(]/.test(expression.replace(/^\s*-/, '').replace(/\de[+-]\d/gi, ''))) {
    return null;
  }
  return [...expression.matchAll(/[A-Za-z_][\w.]*/g)].map((m) => m[0]);
}

/** The factors' own names (`args.lr` → lr), lower case. */
function factorNames(expression: string): Set<string> | null {
  const written = writtenFactors(expression);
  return written && new Set(written.map((f) => (f.split('.').pop() ?? '').toLowerCase()));
}

/** A key's own name as code would spell it (`--base-lr` → base_lr, `optim.lr` → lr). */
function ownName(key: string): string {
  return (key.split('.').pop() ?? '').replace(/^-+/, '').replace(/-/g, '_').toLowerCase();
}

/** The expression a learning rate was computed by, when it scales the base literal by other factors. */
function scalesBase(current: ExtractedValue, base: BaseLiteral): string | null {
  if (base.role !== 'lr' || typeof base.value !== 'number') return null;
  const expression = current.runtime?.expression ?? (current.via?.computed ? current.raw : null);
  if (!expression) return null;
  const names = factorNames(expression);
  return names?.has(ownName(base.key)) === true && names.size > 1 ? expression : null;
}

/**
 * Whether a computed learning rate is the product of this literal and others the file writes: it stays, and lists
 * the literals it comes from (`literalOf` gives a factor's `KEY = literal`, where the file writes one).
 */
export function keepsScaledLr(current: ExtractedValue, base: BaseLiteral,
  literalOf: (name: string) => string | null = () => null): boolean {
  if (current.runtime || typeof current.value !== 'number') return false;
  const expression = scalesBase(current, base);
  if (expression === null || !current.via) return false;
  const written = `${base.key} = ${base.raw}`;
  const others = (writtenFactors(expression) ?? []).map(literalOf).filter((f): f is string => f !== null);
  current.derivedFrom = [...new Set([...(current.derivedFrom ?? []), written, ...others])];
  current.via.scaled = { expression, runTime: false };
  return true;
}

/**
 * Says, on the base literal read in place of a learning rate the run computes from it, that it is that base: the
 * predictions use it, but the run's learning rate is the product. False where it is no base of that value.
 */
export function markRunTimeBase(current: ExtractedValue, base: ExtractedValue, role: string): boolean {
  if (!current.runtime || !base.via || base.key === null || base.raw === null) return false;
  const expression = scalesBase(current, { role, key: base.key, raw: base.raw, value: base.value });
  if (expression === null) return false;
  // A copy: the same candidate's value is shared by every optimizer it is given to.
  base.via = { ...base.via, scaled: { expression, runTime: true } };
  return true;
}

/** A role candidate as a possible base (its key as the code spells it). */
export function candidateBase(c: { role: string; entry: { path: string[]; raw: string; value: unknown } }):
  BaseLiteral {
  return { role: c.role, key: c.entry.path[c.entry.path.length - 1] ?? '', raw: c.entry.raw, value: c.entry.value };
}
