import { ReadModelDatabase } from './read-model-database';

describe('ReadModelDatabase', () => {
  it('gives its connection a 64 MiB page cache by default, or the size asked (never below SQLite’s 2 MiB default)', () => {
    const cacheOf = (database: ReadModelDatabase) => {
      const size = database.db.pragma('cache_size', { simple: true });
      database.close();
      return size;
    };
    expect(cacheOf(new ReadModelDatabase({ path: ':memory:' }))).toBe(-65_536);
    expect(cacheOf(new ReadModelDatabase({ path: ':memory:', cacheSizeKiB: 16_384 }))).toBe(
      -16_384,
    );
    expect(cacheOf(new ReadModelDatabase({ path: ':memory:', cacheSizeKiB: 1 }))).toBe(-2000);
  });
});
