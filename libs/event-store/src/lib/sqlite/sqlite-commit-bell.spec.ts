import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { commitBellPath } from './sqlite-commit-bell';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteWakes } from './sqlite-wakes';

const WORKER = join(__dirname, 'testing', 'append-worker.ts');

/** Another OS process appending `count` events to `own-<name>`, `gapMs` apart; resolves with its exit code. */
function appendFromAnotherProcess(path: string, name: string, count: number, gapMs: number) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      WORKER,
      path,
      name,
      String(count),
      'own',
      'event-loop',
      String(gapMs),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
}

/** Collects the `i` of every event of `own-<name>` until `count` arrived. */
function collect(store: SqliteEventStore, name: string, count: number) {
  const subscription = store.subscribe({
    fromPosition: 1,
    filter: { streamPrefixes: [`own-${name}`] },
  });
  const received: number[] = [];
  const done = (async () => {
    for await (const event of subscription) {
      received.push((event.data as { i: number }).i);
      if (received.length === count) return;
    }
  })();
  return { received, done, stop: () => subscription.stop() };
}

// The processes sharing one store ring `<store>-commits` after each commit; the others wake on it.
describe('SQLite commit bell (wake-ups across processes)', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'es-bell-'));
    path = join(dir, 'events.sqlite');
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('wakes this process once per commit of another, with the commit readable at that wake', async () => {
    // Only the bell can wake this store within the test: its poll is a minute.
    const store = new SqliteEventStore({ path, pollIntervalMs: 60_000 });
    await store.append('here', [{ type: 'Here', data: {} }]);
    // A subscription that none of the commits concerns, as profile-service's beside sign-ins.
    const unconcerned = store.subscribe({
      fromPosition: 1,
      filter: { streamPrefixes: ['nobody-'] },
    });
    void (async () => {
      for await (const event of unconcerned) throw new Error(`unexpected ${event.streamId}`);
    })();
    const wanted = collect(store, 'w', 20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const checks = jest.spyOn(SqliteWakes.prototype as unknown as { check(): void }, 'check');
    // 20 commits 15 ms apart: each its own wake (the wakes of one process share a 5 ms gap).
    expect(await appendFromAnotherProcess(path, 'w', 20, 15)).toBe(0);
    await wanted.done;
    expect(wanted.received).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Watching the WAL instead took two to four checks per commit (at the change, before the commit
    // was readable, then 3, 20, 80 and 250 ms later).
    expect(checks.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(checks.mock.calls.length).toBeLessThanOrEqual(25);
    await Promise.all([wanted.stop(), unconcerned.stop()]);
    await store.close();
  }, 60_000);

  it('still delivers, at the poll, a commit made without ringing (a writer of an older version)', async () => {
    const store = new SqliteEventStore({ path, pollIntervalMs: 10 });
    await store.append('here', [{ type: 'Here', data: {} }]);
    const wanted = collect(store, 'old', 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // A second connection writing the row itself, as a process that does not know the bell would.
    const older = new Database(path);
    older.pragma('busy_timeout = 10000');
    older
      .prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata)
         VALUES ('own-old', 0, 'e-old', 'Appended', 1, '2026-12-01T00:00:00.000Z', '{"i":0}', '{}')`,
      )
      .run();
    older.close();
    const started = Date.now();
    await wanted.done;
    expect(wanted.received).toEqual([0]);
    // The fallback poll while the bell is watched (250 ms), not the 60 s of no wake at all.
    expect(Date.now() - started).toBeLessThan(5_000);
    await wanted.stop();
    await store.close();
  }, 30_000);

  it('is readable and writable by the owner only, like the store file', async () => {
    const store = new SqliteEventStore({ path });
    await store.append('here', [{ type: 'Here', data: {} }]);
    expect(statSync(commitBellPath(path)).mode & 0o777).toBe(0o600);
    // One byte, rewritten in place: it does not grow with the commits.
    await store.append('here', [{ type: 'Again', data: {} }]);
    expect(statSync(commitBellPath(path)).size).toBe(1);
    await store.close();
  });

  it('wakes a read-only store opened beside the writers (the audit tool)', async () => {
    const writer = new SqliteEventStore({ path });
    await writer.append('here', [{ type: 'Here', data: {} }]);
    const reader = new SqliteEventStore({ path, readonly: true, pollIntervalMs: 60_000 });
    const wanted = collect(reader, 'r', 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await appendFromAnotherProcess(path, 'r', 3, 0)).toBe(0);
    await wanted.done;
    expect(wanted.received).toEqual([0, 1, 2]);
    await wanted.stop();
    await reader.close();
    await writer.close();
  }, 60_000);
});
