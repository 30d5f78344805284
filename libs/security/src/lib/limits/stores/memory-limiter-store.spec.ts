import { describeLimiterStoreContract } from '../contract/limiter-store.contract';
import { MemoryLimiterStore } from './memory-limiter-store';

// One process's memory shares with nobody: the sharing case is the SQLite and PostgreSQL adapters'.
describeLimiterStoreContract('in memory', () => new MemoryLimiterStore(), {
  shares: false,
});

describe('MemoryLimiterStore', () => {
  it('keeps at most maxKeys keys, forgetting the one written least recently', () => {
    const store = new MemoryLimiterStore(2);
    for (const key of ['a', 'b', 'c'])
      store.update(key, 0, () => ({ state: key, expiresAtMs: 10 }));
    expect(['a', 'b', 'c'].map((key) => store.get(key, 0))).toEqual([undefined, 'b', 'c']);
  });
});
