import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { useWriteAheadLog } from './write-ahead-log';

const WORKSPACE = join(__dirname, '..', '..', '..', '..', '..');

/** A connection whose first `busyTimes` switches answer SQLITE_BUSY, as SQLite does in a race. */
function connection(busyTimes: number, code = 'SQLITE_BUSY') {
  const calls: string[] = [];
  return {
    calls,
    pragma(source: string) {
      calls.push(source);
      if (calls.length <= busyTimes) throw Object.assign(new Error('database is locked'), { code });
      return [{ journal_mode: 'wal' }];
    },
  };
}

describe('useWriteAheadLog', () => {
  it('tries a busy switch again until it succeeds', () => {
    const db = connection(3);
    useWriteAheadLog(db);
    expect(db.calls).toEqual(Array(4).fill('journal_mode = WAL'));
  });

  it('gives up after its timeout with SQLite error, as before', () => {
    const db = connection(Number.POSITIVE_INFINITY);
    const started = Date.now();
    expect(() => useWriteAheadLog(db, 100)).toThrow(
      expect.objectContaining({ code: 'SQLITE_BUSY' }),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not retry other errors', () => {
    const db = connection(1, 'SQLITE_CANTOPEN');
    expect(() => useWriteAheadLog(db)).toThrow(
      expect.objectContaining({ code: 'SQLITE_CANTOPEN' }),
    );
    expect(db.calls).toHaveLength(1);
  });

  it('leaves a real file in WAL mode, opened by several processes at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wal-switch-'));
    try {
      const path = join(dir, 'fresh.sqlite');
      const opener = `
        const Database = require('better-sqlite3');
        const { useWriteAheadLog } = require(${JSON.stringify(require.resolve('./write-ahead-log'))});
        const db = new Database(${JSON.stringify(path)});
        useWriteAheadLog(db);
        db.exec('CREATE TABLE IF NOT EXISTS t (k TEXT PRIMARY KEY) WITHOUT ROWID');
        db.close();
      `;
      const codes = await Promise.all(
        Array.from(
          { length: 4 },
          () =>
            new Promise<number | null>((resolve) =>
              spawn(process.execPath, ['-r', '@swc-node/register', '-e', opener], {
                cwd: WORKSPACE,
                env: { ...process.env, TS_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json') },
                stdio: 'ignore',
              }).once('exit', resolve),
            ),
        ),
      );
      expect(codes).toEqual([0, 0, 0, 0]);
      const db = new Database(path);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
