import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteChangeWatch } from './sqlite-change-watch';

describe('SqliteChangeWatch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-change-watch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let fresh = 0;

  function walFile(): { path: string; db: Database.Database } {
    const path = join(dir, `file-${++fresh}.sqlite`);
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
    return { path, db };
  }

  it('reports nothing while nobody commits, reads included', () => {
    const { db } = walFile();
    const watch = SqliteChangeWatch.open(db);
    expect(watch?.changed()).toBe(true);
    db.prepare('SELECT * FROM t').all();
    expect([watch?.changed(), watch?.changed()]).toEqual([false, false]);
    watch?.close();
    db.close();
  });

  it("reports this connection's commits, once each", () => {
    const { db } = walFile();
    const watch = SqliteChangeWatch.open(db);
    watch?.changed();
    db.prepare('INSERT INTO t VALUES (?, ?)').run('a', '1');
    expect([watch?.changed(), watch?.changed()]).toEqual([true, false]);
    db.prepare('DELETE FROM t WHERE k = ?').run('a');
    expect(watch?.changed()).toBe(true);
    watch?.close();
    db.close();
  });

  it("reports another connection's commit, and another process's", () => {
    const { path, db } = walFile();
    const watch = SqliteChangeWatch.open(db);
    watch?.changed();
    const other = new Database(path);
    other.prepare('INSERT INTO t VALUES (?, ?)').run('b', '2');
    other.close();
    expect(watch?.changed()).toBe(true);
    execFileSync(process.execPath, [
      '-e',
      `new (require('better-sqlite3'))(${JSON.stringify(path)}).prepare("UPDATE t SET v = '3'").run()`,
    ]);
    expect([watch?.changed(), watch?.changed()]).toEqual([true, false]);
    watch?.close();
    db.close();
  });

  it('reports a transaction that rolled back as nothing', () => {
    const { db } = walFile();
    const watch = SqliteChangeWatch.open(db);
    watch?.changed();
    expect(() =>
      db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (?, ?)').run('c', '4');
        throw new Error('no');
      })(),
    ).toThrow('no');
    expect(watch?.changed()).toBe(false);
    watch?.close();
    db.close();
  });

  it('is not offered where there is no wal-index to read (in memory)', () => {
    const db = new Database(':memory:');
    expect(SqliteChangeWatch.open(db)).toBeUndefined();
    db.close();
  });

  it('says "changed" after it was closed, the answer that is never wrong', () => {
    const { db } = walFile();
    const watch = SqliteChangeWatch.open(db);
    watch?.changed();
    watch?.close();
    expect(watch?.changed()).toBe(true);
    db.close();
  });
});
