import { spawn } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventFilter } from '../types';
import {
  bellsOfCommit,
  bellsOfFilter,
  categoryBell,
  commitBellPath,
  commitBellsDir,
  typeBell,
} from './sqlite-commit-bell';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteWakes } from './sqlite-wakes';

const WORKER = join(__dirname, 'testing', 'append-worker.ts');

/**
 * Another OS process appending `count` events to `own-<name>` (or, with `exact`, to the stream
 * `<name>`), `gapMs` apart, of type `type`; resolves with its exit code.
 */
function appendFromAnotherProcess(
  path: string,
  name: string,
  count: number,
  gapMs: number,
  { exact = false, type = 'Appended' } = {},
) {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      WORKER,
      path,
      name,
      String(count),
      exact ? 'exact' : 'own',
      'event-loop',
      String(gapMs),
      type,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
}

/** Collects the `i` of every event of `own-<name>` (or of `filter`) until `count` arrived. */
function collect(store: SqliteEventStore, name: string, count: number, filter?: EventFilter) {
  const subscription = store.subscribe({
    fromPosition: 1,
    filter: filter ?? { streamPrefixes: [`own-${name}`] },
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the store's checks for new events (one per wake that reached it). */
const spyOnChecks = () =>
  jest.spyOn(SqliteWakes.prototype as unknown as { check(): void }, 'check');

describe('which commit bells a commit rings and a filter watches', () => {
  it('a commit rings one bell per event type and one per stream category in it', () => {
    expect(
      [
        ...bellsOfCommit([
          { streamId: 'session-1', events: [{ type: 'SessionStarted' }] },
          {
            streamId: 'signin-a',
            events: [{ type: 'SignInCompleted' }, { type: 'SignInCompleted' }],
          },
          { streamId: 'session-2', events: [{ type: 'SessionStarted' }] },
        ]),
      ].sort(),
    ).toEqual(['s.session-', 's.signin-', 't.SessionStarted', 't.SignInCompleted']);
  });

  it('a filter naming types watches their bells; one of prefixes alone, their categories', () => {
    expect(
      bellsOfFilter({ streamPrefixes: ['session-'], eventTypes: ['SessionEnded', 'SessionEnded'] }),
    ).toEqual(['t.SessionEnded']);
    expect(
      bellsOfFilter({ streamPrefixes: ['account-', 'account-42', 'apicredentials-'] }),
    ).toEqual(['s.account-', 's.apicredentials-']);
  });

  it('no filter, or a prefix whose categories are unknown (no "-"), watches every bell', () => {
    expect(bellsOfFilter(undefined)).toBe('all');
    expect(bellsOfFilter({ streamPrefixes: ['account-', 'acc'] })).toBe('all');
    // A stream without "-" rings its type's bell only: no prefix with a "-" can match it.
    expect([...bellsOfCommit([{ streamId: 'here', events: [{ type: 'Here' }] }])]).toEqual([
      't.Here',
    ]);
  });

  it('a name that is not a plain file name is hashed, never used as a path', () => {
    expect(typeBell('../../etc/passwd')).toMatch(/^t#[0-9a-f]{32}$/);
    expect(categoryBell('ünïcode-1')).toMatch(/^s#[0-9a-f]{32}$/);
    expect(typeBell('a'.repeat(101))).toMatch(/^t#[0-9a-f]{32}$/);
    expect(typeBell('../x')).not.toBe(typeBell('../y'));
  });
});

// The processes sharing one store ring the bells of what they committed; the others wake on those
// their subscriptions' filters may want.
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
    const checks = spyOnChecks();
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

  it('keeps its bells readable and writable by the owner only, like the store file', async () => {
    const store = new SqliteEventStore({ path });
    await store.append('here-1', [{ type: 'Here', data: {} }]);
    expect(statSync(commitBellsDir(path)).mode & 0o777).toBe(0o700);
    expect(readdirSync(commitBellsDir(path)).sort()).toEqual(['s.here-', 't.Here']);
    for (const bell of ['s.here-', 't.Here'])
      expect(statSync(join(commitBellsDir(path), bell)).mode & 0o777).toBe(0o600);
    // One byte, rewritten in place: it does not grow with the commits.
    await store.append('here-1', [{ type: 'Here', data: {} }]);
    expect(statSync(join(commitBellsDir(path), 't.Here')).size).toBe(1);
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

  it('does not wake a process whose filters want none of the commits, and still delivers every one they want', async () => {
    // Only the bells can wake this store within the test: its poll is a minute.
    const store = new SqliteEventStore({ path, pollIntervalMs: 60_000 });
    await store.append('here', [{ type: 'Here', data: {} }]);
    // profile- and credentials-service beside sign-ins: prefixes, types, and both.
    const byPrefix = collect(store, 'p', 5, { streamPrefixes: ['account-'] });
    const byType = collect(store, 't', 5, { eventTypes: ['AccountDisabled'] });
    const byBoth = collect(store, 'b', 5, {
      streamPrefixes: ['session-'],
      eventTypes: ['SessionEnded'],
    });
    await sleep(100);
    const checks = spyOnChecks();
    // A sign-in's commits: none of them concerns a filter here.
    const signIns = [
      appendFromAnotherProcess(path, 'session-1', 10, 5, { exact: true, type: 'SessionStarted' }),
      appendFromAnotherProcess(path, 'signin-1', 10, 5, { exact: true, type: 'SignInCompleted' }),
    ];
    expect(await Promise.all(signIns)).toEqual([0, 0]);
    await sleep(300);
    expect(checks).not.toHaveBeenCalled();
    expect([byPrefix.received, byType.received, byBoth.received]).toEqual([[], [], []]);
    // The commits they want wake them, one wake per commit or fewer, and each arrives.
    const wanted = [
      appendFromAnotherProcess(path, 'account-1', 5, 20, { exact: true, type: 'AccountRenamed' }),
      appendFromAnotherProcess(path, 'organization-1', 5, 20, {
        exact: true,
        type: 'AccountDisabled',
      }),
      appendFromAnotherProcess(path, 'session-2', 5, 20, { exact: true, type: 'SessionEnded' }),
    ];
    expect(await Promise.all(wanted)).toEqual([0, 0, 0]);
    await Promise.all([byPrefix.done, byType.done, byBoth.done]);
    const all = [0, 1, 2, 3, 4];
    expect([byPrefix.received, byType.received, byBoth.received]).toEqual([all, all, all]);
    expect(checks.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(checks.mock.calls.length).toBeLessThanOrEqual(20);
    await Promise.all([byPrefix.stop(), byType.stop(), byBoth.stop()]);
    await store.close();
  }, 60_000);

  it('wakes a subscription without a filter at every commit of another process', async () => {
    const store = new SqliteEventStore({ path, pollIntervalMs: 60_000 });
    await store.append('here', [{ type: 'Here', data: {} }]);
    const everything = store.subscribe({ fromPosition: 1 });
    const seen: string[] = [];
    const done = (async () => {
      for await (const event of everything) {
        seen.push(event.type);
        if (seen.length === 3) return;
      }
    })();
    await sleep(100);
    expect(await appendFromAnotherProcess(path, 'x', 1, 0, { exact: true, type: 'One' })).toBe(0);
    expect(await appendFromAnotherProcess(path, 'y-1', 2, 0, { exact: true, type: 'Two' })).toBe(0);
    await done;
    expect(seen).toEqual(['One', 'Two', 'Two']);
    await everything.stop();
    await store.close();
  }, 60_000);

  it('is still woken by a writer of the one-bell version ringing <store>-commits (rolling upgrade)', async () => {
    const store = new SqliteEventStore({ path, pollIntervalMs: 60_000 });
    await store.append('here', [{ type: 'Here', data: {} }]);
    const wanted = collect(store, 'old', 1);
    await sleep(100);
    // What that version did: its commit, then one byte at offset 0 of <store>-commits.
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
    const fd = openSync(commitBellPath(path), 'r+');
    writeSync(fd, Buffer.alloc(1), 0, 1, 0);
    closeSync(fd);
    await wanted.done;
    expect(wanted.received).toEqual([0]);
    // At the ring, not at the minute's poll.
    expect(Date.now() - started).toBeLessThan(5_000);
    await wanted.stop();
    await store.close();
  }, 30_000);
});
