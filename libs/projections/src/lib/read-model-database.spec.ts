import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadModelDatabase } from './read-model-database';

describe('ReadModelDatabase', () => {
  it('gives its connection a 2 MiB page cache by default, or the size asked (never below SQLite’s 2,000 KiB)', () => {
    const cacheOf = (database: ReadModelDatabase) => {
      const size = database.db.pragma('cache_size', { simple: true });
      database.close();
      return size;
    };
    expect(cacheOf(new ReadModelDatabase({ path: ':memory:' }))).toBe(-2048);
    expect(cacheOf(new ReadModelDatabase({ path: ':memory:', cacheSizeKiB: 16_384 }))).toBe(
      -16_384,
    );
    expect(cacheOf(new ReadModelDatabase({ path: ':memory:', cacheSizeKiB: 1 }))).toBe(-2000);
  });

  it('while workers catch up: a 64 MiB cache (or the size asked) and rarer WAL checkpoints, both restored after the last one', () => {
    const database = new ReadModelDatabase({ path: ':memory:', catchUpCacheSizeKiB: 32_768 });
    const settings = () => [
      database.db.pragma('cache_size', { simple: true }),
      database.db.pragma('wal_autocheckpoint', { simple: true }),
    ];
    try {
      const first = database.beginCatchUp();
      const second = database.beginCatchUp();
      expect(settings()).toEqual([-32_768, 50_000]);
      first();
      first(); // a second call of the same release does nothing
      expect(settings()).toEqual([-32_768, 50_000]);
      second();
      expect(settings()).toEqual([-2048, 1000]);
    } finally {
      database.close();
    }
    const byDefault = new ReadModelDatabase({ path: ':memory:' });
    byDefault.beginCatchUp();
    expect(byDefault.db.pragma('cache_size', { simple: true })).toBe(-65_536);
    byDefault.close();
  });

  describe('transaction (one wrapper for every call)', () => {
    let database: ReadModelDatabase;
    const names = () =>
      database.all<{ name: string }>('SELECT name FROM t ORDER BY name').map((r) => r.name);
    beforeEach(() => {
      database = new ReadModelDatabase({ path: ':memory:' });
      database.run('CREATE TABLE t (name TEXT PRIMARY KEY)');
    });
    afterEach(() => database.close());

    it('commits what each call writes and returns its value', () => {
      expect(database.transaction(() => database.run("INSERT INTO t VALUES ('a')").changes)).toBe(
        1,
      );
      expect(database.transaction(() => (database.run("INSERT INTO t VALUES ('b')"), 'done'))).toBe(
        'done',
      );
      expect(names()).toEqual(['a', 'b']);
      expect(database.db.inTransaction).toBe(false);
    });

    it('rolls back the whole call when it throws, and the next call starts clean', () => {
      expect(() =>
        database.transaction(() => {
          database.run("INSERT INTO t VALUES ('a')");
          throw new Error('refused');
        }),
      ).toThrow('refused');
      expect(names()).toEqual([]);
      database.transaction(() => database.run("INSERT INTO t VALUES ('b')"));
      expect(names()).toEqual(['b']);
    });

    it('a nested call that throws undoes only its own writes (a savepoint)', () => {
      database.transaction(() => {
        database.run("INSERT INTO t VALUES ('outer')");
        expect(() =>
          database.transaction(() => {
            database.run("INSERT INTO t VALUES ('inner')");
            throw new Error('inner refused');
          }),
        ).toThrow('inner refused');
      });
      expect(names()).toEqual(['outer']);
    });

    it('takes the write lock at BEGIN (immediate), so a second connection cannot write meanwhile', () => {
      // A file, not :memory:, so that a second connection sees the same database.
      const dir = mkdtempSync(join(tmpdir(), 'rmdb-'));
      const first = new ReadModelDatabase({ path: join(dir, 'read.sqlite') });
      first.run('CREATE TABLE t (name TEXT PRIMARY KEY)');
      const second = new Database(join(dir, 'read.sqlite'), { timeout: 0 });
      try {
        first.transaction(() => {
          expect(() => second.exec("INSERT INTO t VALUES ('x')")).toThrow(/locked|busy/i);
        });
        second.exec("INSERT INTO t VALUES ('y')");
        expect(first.all('SELECT name FROM t')).toEqual([{ name: 'y' }]);
      } finally {
        second.close();
        first.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
