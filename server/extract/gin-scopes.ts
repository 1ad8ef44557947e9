/**
 * Gin scopes are parts of one configurable: `encoder/AdamOptimizer.learning_rate = 3e-4` and
 * `decoder/AdamOptimizer.learning_rate = 1e-3` bind two instances, and an unscoped binding of the same configurable
 * (`AdamOptimizer.beta1 = 0.9`) applies to every scope that does not bind the parameter itself (google/gin-config
 * docs/index.md "Scoping": a scoped binding takes precedence over an unscoped one, which applies to all scopes).
 * Role inference reads each scope's bindings as an optimizer of their own, and the unscoped ones as one more; here the
 * unscoped optimizer's written values go to each scoped optimizer of its configurable that lacks them, and the unscoped
 * one, now in every part, is not reported apart.
 */
import type { ExtractedValue, HyperparameterName } from '../../core/hyperparams';
import type { ResolvedOptimizer } from './resolve';
import { copyValue } from './value-copies';

const OPTIMIZER_ROLES: readonly HyperparameterName[] = ['lr', 'beta1', 'beta2', 'eps', 'weightDecay', 'momentum'];

/** `decoder/AdamOptimizer.learning_rate` → { scope: 'decoder', configurable: 'AdamOptimizer' }. */
function bindingOf(key: string): { scope: string; configurable: string } | null {
  const dot = key.lastIndexOf('.');
  if (dot <= 0) return null;
  const selector = key.slice(0, dot).replace(/\[\d+\]$/, '');
  const slash = selector.lastIndexOf('/');
  return { scope: slash >= 0 ? selector.slice(0, slash) : '', configurable: selector.slice(slash + 1) };
}

/** The one configurable whose bindings give `r` its written optimizer values, or null. */
function configurableOf(r: ResolvedOptimizer): { scope: string; configurable: string } | null {
  let found: { scope: string; configurable: string } | null = null;
  for (const name of OPTIMIZER_ROLES) {
    const v = r.optimizer.hyperparameters[name];
    if (v?.source !== 'written' || v.key === null || v.key === undefined) continue;
    const b = bindingOf(v.key);
    if (!b || (found && (found.scope !== b.scope || found.configurable !== b.configurable))) return null;
    found = b;
  }
  return found;
}

export function withGinScopesMerged(resolved: ResolvedOptimizer[]): ResolvedOptimizer[] {
  const of = resolved.map(configurableOf);
  // The scoped optimizers of each configurable, found once: linear in the optimizers.
  const scoped = new Map<string, ResolvedOptimizer[]>();
  resolved.forEach((r, i) => {
    const b = of[i];
    if (!b || b.scope === '') return;
    const list = scoped.get(b.configurable) ?? [];
    list.push(r);
    scoped.set(b.configurable, list);
  });
  const dropped = new Set<number>();
  resolved.forEach((base, i) => {
    const b = of[i];
    if (!b || b.scope !== '') return;
    const parts = scoped.get(b.configurable) ?? [];
    if (parts.length === 0) return;
    for (const part of parts) {
      for (const name of OPTIMIZER_ROLES) {
        const v: ExtractedValue | undefined = base.optimizer.hyperparameters[name];
        if (v?.source === 'written' && part.optimizer.hyperparameters[name]?.source !== 'written')
          part.optimizer.hyperparameters[name] = copyValue(v);
      }
    }
    dropped.add(i);
  });
  return dropped.size === 0 ? resolved : resolved.filter((_, i) => !dropped.has(i));
}
