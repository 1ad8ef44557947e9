/** roles/segment-cache.ts: a question about a key segment is answered once per segment, null answers included. */
import { describe, expect, test } from 'vitest';
import { oncePerSegment } from '../../../server/extract/roles/segment-cache';

describe('oncePerSegment', () => {
  test('asks once per distinct segment, remembering false and null answers too', () => {
    const asked: string[] = [];
    const isOptim = oncePerSegment((s: string): boolean => {
      asked.push(s);
      return s.startsWith('optim');
    });
    const kind = oncePerSegment((s: string): { kind: string } | null => {
      asked.push(`kind:${s}`);
      return s === 'model' ? { kind: 'model' } : null;
    });
    expect([isOptim('optim'), isOptim('model'), isOptim('optim'), isOptim('model')]).toEqual([true, false, true, false]);
    expect([kind('model'), kind('data'), kind('data'), kind('model')]).toEqual([{ kind: 'model' }, null, null,
      { kind: 'model' }]);
    expect(asked).toEqual(['optim', 'model', 'kind:model', 'kind:data']);
  });

  test('a file of endless distinct names empties the cache rather than growing it, and still answers right', () => {
    let calls = 0;
    const even = oncePerSegment((s: string): boolean => {
      calls++;
      return Number(s) % 2 === 0;
    });
    for (let i = 0; i < 50_000; i++) expect(even(String(i))).toBe(i % 2 === 0);
    expect(calls).toBe(50_000);
    // '0' was dropped when the cache filled, so it is asked again; the last name is still remembered.
    even('0');
    even('49999');
    expect(calls).toBe(50_001);
  });
});
