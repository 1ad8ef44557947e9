/**
 * Arithmetic resolvers the training frameworks register with OmegaConf, read as the number they compute: TorchForge's
 * `seq_len: ${sum:${max_req_tokens},${max_res_tokens}}`, NeMo-RL's `${mul:16, ${policy.tensor_model_parallel_size}}`.
 * OmegaConf has none built in; each name here is registered by the frameworks named, always with this meaning, and an
 * argument that is not a number or a reference to one leaves the value as written (the run fills it in).
 */
import type { ConfigEntry } from './entries';

type Operation = (args: number[]) => number | null;

const RESOLVERS: ReadonlyMap<string, { apply: Operation; source: string }> = new Map([
  // meta-pytorch/torchforge@6e77f0b src/forge/util/config.py:19: register_new_resolver("sum", lambda *args: sum(args)).
  ['sum', { apply: (a) => a.reduce((s, x) => s + x, 0), source: 'torchforge src/forge/util/config.py' }],
  // NVIDIA-NeMo/RL@7ea279a nemo_rl/utils/config.py:198-204: add, mul, div and max of two values.
  ['add', { apply: (a) => (a.length === 2 ? (a[0] ?? 0) + (a[1] ?? 0) : null), source: 'nemo_rl/utils/config.py' }],
  ['mul', { apply: (a) => (a.length === 2 ? (a[0] ?? 0) * (a[1] ?? 0) : null), source: 'nemo_rl/utils/config.py' }],
  ['div', { apply: (a) => (a.length === 2 && a[1] ? (a[0] ?? 0) / a[1] : null), source: 'nemo_rl/utils/config.py' }],
  ['max', {
    apply: (a) => (a.length === 2 ? Math.max(a[0] ?? 0, a[1] ?? 0) : null), source: 'nemo_rl/utils/config.py',
  }],
]);

const CALL = /^\s*\$\{([a-z_]+):(.*)\}\s*$/s;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The arguments of a resolver call, split at the commas outside nested `${...}`. */
function argumentsOf(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('${', i)) depth++;
    else if (text[i] === '}') depth--;
    else if (text[i] === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

/** The references among a resolver call's arguments (`${a.b}` of `${mul:${a.b},2}`): all resolverValue may look up. */
export function resolverReferences(value: ConfigEntry['value']): string[] {
  if (typeof value !== 'string') return [];
  const call = CALL.exec(value);
  if (call?.[1] === undefined || !RESOLVERS.has(call[1])) return [];
  return argumentsOf(call[2] ?? '').filter((arg) => arg.startsWith('${'));
}

/** Whether the value is a call of one of the resolvers above (its arguments not yet read). */
export function isResolverCall(value: ConfigEntry['value']): boolean {
  if (typeof value !== 'string') return false;
  const name = CALL.exec(value)?.[1];
  return name !== undefined && RESOLVERS.has(name);
}

/**
 * The number an arithmetic resolver call computes, each `${reference}` argument read by `literal` (the number it leads
 * to, or null); null when the value is no such call or an argument is not a number.
 */
export function resolverValue(value: ConfigEntry['value'], literal: (reference: string) => ConfigEntry['value'] | null):
  number | null {
  if (typeof value !== 'string') return null;
  const call = CALL.exec(value);
  const resolver = call?.[1] === undefined ? undefined : RESOLVERS.get(call[1]);
  if (!call || !resolver) return null;
  const args: number[] = [];
  for (const arg of argumentsOf(call[2] ?? '')) {
    const read = NUMBER.test(arg) ? Number(arg) : arg.startsWith('${') ? literal(arg) : null;
    if (typeof read !== 'number' || !Number.isFinite(read)) return null;
    args.push(read);
  }
  const result = args.length > 0 ? resolver.apply(args) : null;
  return result !== null && Number.isFinite(result) ? result : null;
}
