import { describe, expect, it } from 'vitest';
import { ConfigStore } from '../../extension/active-config';
import { analysis } from './fixtures';

describe('ConfigStore', () => {
  it('asks for an analysis of a new active document and notifies when it arrives', () => {
    const store = new ConfigStore();
    const seen: (string | null)[] = [];
    store.onDidChangeActive((a) => seen.push(a ? a.analysis.path : null));
    expect(store.setActive('file:///a.yaml')).toBe(true);
    store.setAnalysis('file:///a.yaml', analysis({ path: '/a.yaml' }), 1);
    expect(store.setActive('file:///a.yaml')).toBe(false);
    expect(seen).toEqual([null, '/a.yaml']);
  });

  it('keeps the newest version when a stale analysis arrives late', () => {
    const store = new ConfigStore();
    store.setActive('file:///a.yaml');
    store.setAnalysis('file:///a.yaml', analysis({ path: 'v3' }), 3);
    store.setAnalysis('file:///a.yaml', analysis({ path: 'v2' }), 2);
    expect(store.active()?.analysis.path).toBe('v3');
    // an answer to a request carries no version: it is taken, and the version held stays
    store.setAnalysis('file:///a.yaml', analysis({ path: 'requested' }));
    expect(store.active()).toMatchObject({ version: 3, analysis: { path: 'requested' } });
  });

  it('does not notify for documents that are not active, and forgets closed ones', () => {
    const store = new ConfigStore();
    let calls = 0;
    store.onDidChangeActive(() => calls++);
    store.setAnalysis('file:///b.toml', analysis());
    expect(calls).toBe(0);
    store.setActive('file:///b.toml');
    store.forget('file:///b.toml');
    expect(store.active()).toBeNull();
    expect(calls).toBe(2);
  });
});
