import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors';
import { SqliteEventStore } from './sqlite-event-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a promise has settled by now (after the current turn's callbacks). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await sleep(0);
  return done;
}

describe('SQLite group commit while another connection holds the write lock', () => {
  let dir: string;
  let path: string;
  let other: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(() => {
    if (other?.open) other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Another writer (another worker, in production) in the middle of its transaction. */
  function holdWriteLock(): void {
    other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
  }

  it('waits without holding the event loop, and commits as soon as the lock is free', async () => {
    const store = new SqliteEventStore({ path });
    try {
      await store.append('first', [{ type: 'Created', data: {} }]);
      holdWriteLock();
      let ticks = 0;
      const ticker = setInterval(() => (ticks += 1), 5);
      const waiting = store.append('second', [{ type: 'Created', data: { n: 1 } }]);
      await sleep(100);
      clearInterval(ticker);
      // SQLite's busy handler would have slept this thread for the whole 100 ms: no tick at all.
      expect(ticks).toBeGreaterThanOrEqual(5);
      expect(await settled(waiting)).toBe(false);

      other.exec('COMMIT');
      await expect(waiting).resolves.toMatchObject({ nextRevision: 0 });
      const events = await store.readStream('second');
      expect(events.map((e) => e.data)).toEqual([{ n: 1 }]);
    } finally {
      await store.close();
    }
  });

  it('lets appends requested meanwhile join the waiting batch, in order', async () => {
    const store = new SqliteEventStore({ path });
    try {
      await store.append('first', [{ type: 'Created', data: {} }]);
      holdWriteLock();
      const a = store.append('stream', [{ type: 'Changed', data: { n: 1 } }], 'no_stream');
      await sleep(20);
      const b = store.append('stream', [{ type: 'Changed', data: { n: 2 } }], 0);
      await sleep(20);
      other.exec('COMMIT');
      await expect(a).resolves.toMatchObject({ nextRevision: 0 });
      await expect(b).resolves.toMatchObject({ nextRevision: 1 });
      const events = await store.readStream('stream');
      expect(events.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await store.close();
    }
  });

  it('fails the batch as unavailable once the lock stayed taken for the busy timeout, writing nothing', async () => {
    const store = new SqliteEventStore({ path, busyTimeoutMs: 150 });
    try {
      await store.append('first', [{ type: 'Created', data: {} }]);
      holdWriteLock();
      const started = Date.now();
      await expect(store.append('second', [{ type: 'Created', data: {} }])).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      other.exec('ROLLBACK');
      expect(await store.readStream('second')).toEqual([]);
      // The store works again once the lock is free.
      await expect(store.append('third', [{ type: 'Created', data: {} }])).resolves.toMatchObject({
        nextRevision: 0,
      });
    } finally {
      await store.close();
    }
  });
});
