/**
 * A question about a key segment, answered once per distinct segment: a file repeats its few block names (`model`,
 * `optim`) on every entry, so role inference asks the same thing thousands of times. The cache is bounded (emptied
 * when full), so a file of endless distinct names costs no more memory than any other.
 */
const CACHE_LIMIT = 20_000;

/** `answer`, remembered per segment; answers are never undefined (null is one). */
export function oncePerSegment<T extends object | boolean | null>(answer: (segment: string) => T):
  (segment: string) => T {
  const known = new Map<string, T>();
  return (segment) => {
    const cached = known.get(segment);
    if (cached !== undefined) return cached;
    const out = answer(segment);
    if (known.size >= CACHE_LIMIT) known.clear();
    known.set(segment, out);
    return out;
  };
}
