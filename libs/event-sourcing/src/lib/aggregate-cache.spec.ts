import { AggregateCache } from './aggregate-cache';
import type { LoadedAggregate } from './load-aggregate';

const folded = (revision: number, state: unknown) =>
  ({ state, revision }) as LoadedAggregate<unknown>;

describe('AggregateCache', () => {
  const store = {};
  const evolve = () => undefined;

  it('keeps the last folded state per stream until cleared, then reads whole again', () => {
    const cache = new AggregateCache();
    cache.set(store, evolve, 'session-1', folded(7, { refreshes: 7 }));
    expect(cache.get(store, evolve, 'session-1')).toEqual(folded(7, { refreshes: 7 }));

    cache.clear();
    expect(cache.get(store, evolve, 'session-1')).toBeUndefined();

    cache.set(store, evolve, 'session-1', folded(8, { refreshes: 8 }));
    expect(cache.get(store, evolve, 'session-1')).toEqual(folded(8, { refreshes: 8 }));
  });

  it('forgets the least recently used stream beyond its bound', () => {
    const cache = new AggregateCache(2);
    cache.set(store, evolve, 'a', folded(0, 'a'));
    cache.set(store, evolve, 'b', folded(0, 'b'));
    cache.get(store, evolve, 'a');
    cache.set(store, evolve, 'c', folded(0, 'c'));
    expect(cache.get(store, evolve, 'b')).toBeUndefined();
    expect(cache.get(store, evolve, 'a')).toBeDefined();
    expect(cache.get(store, evolve, 'c')).toBeDefined();
  });
});
