import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { EventFilter, Subscription } from '../types';
import { PostgresEventStore } from './postgres-event-store';
import { PostgresSql } from './postgres-sql';
import { postgresForTests } from './testing/postgres-server';

const WORKER = join(__dirname, 'testing', 'append-worker.ts');
const pg = postgresForTests();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another OS process appending `count` events of type `Appended` to `own-<name>-<lane>` streams. */
function appendFromAnotherProcess(schema: string, name: string, count: number) {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', WORKER, pg.connectionString(), schema, name, String(count), 'own'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
}

/** Collects the types of the events a filter gets until `count` arrived. */
function collect(store: PostgresEventStore, count: number, filter?: EventFilter) {
  let caughtUp!: () => void;
  const ready = new Promise<void>((resolve) => (caughtUp = resolve));
  const subscription: Subscription = store.subscribe({ filter, onCaughtUp: () => caughtUp() });
  const received: string[] = [];
  const done = (async () => {
    for await (const event of subscription) {
      received.push(`${event.streamId} ${event.type}`);
      if (received.length === count) return;
    }
  })();
  return { received, done, ready, stop: () => subscription.stop() };
}

/** Counts the page reads of live subscriptions (one per wake that reached a subscription). */
const spyOnPageReads = () =>
  jest.spyOn(PostgresEventStore.prototype as unknown as { readPage(): unknown }, 'readPage');

describe('the NOTIFY channels of a commit and of a filter', () => {
  const sql = new PostgresSql('event_store');

  it('a commit notifies the store channel and one per event type and stream category', () => {
    const channels = sql.notifyChannels([
      { streamId: 'session-1', type: 'SessionStarted' },
      { streamId: 'signin-1', type: 'SignInCompleted' },
    ]);
    expect(channels[0]).toBe(sql.channel);
    expect(new Set(channels).size).toBe(5);
    for (const channel of channels) expect(channel).toMatch(/^[a-z0-9_]{1,63}$/);
  });

  it('a filter listens on the channels of its types, else of its prefixes, else the store channel', () => {
    const commit = sql.notifyChannels([{ streamId: 'session-1', type: 'SessionEnded' }]);
    const [byType] = sql.listenChannels({ streamPrefixes: ['x-'], eventTypes: ['SessionEnded'] });
    const [byPrefix] = sql.listenChannels({ streamPrefixes: ['session-42'] });
    expect(commit).toContain(byType);
    expect(commit).toContain(byPrefix);
    expect(
      sql.listenChannels({ streamPrefixes: ['session-'], eventTypes: ['SessionStarted'] }),
    ).not.toContain(commit[1]);
    expect(sql.listenChannels(undefined)).toEqual([sql.channel]);
    expect(sql.listenChannels({ streamPrefixes: ['sess'] })).toEqual([sql.channel]);
  });
});

pg.describe('PostgreSQL store: a commit wakes only the subscriptions that may want it', () => {
  const schemaName = () => `nt_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  afterEach(() => jest.restoreAllMocks());

  it('is not woken by another process commits outside its filters, and gets every one it wants', async () => {
    const schema = schemaName();
    const options = { connectionString: pg.connectionString(), schema, pollIntervalMs: 60_000 };
    const store = new PostgresEventStore(options);
    await store.migrate();
    // profile- and credentials-service's kinds of filter: a prefix, a type, a prefix with a type.
    const byPrefix = collect(store, 3, { streamPrefixes: ['account-'] });
    const byType = collect(store, 3, { eventTypes: ['AccountDisabled'] });
    const byBoth = collect(store, 3, {
      streamPrefixes: ['session-'],
      eventTypes: ['SessionEnded'],
    });
    await Promise.all([byPrefix.ready, byType.ready, byBoth.ready]);
    await sleep(500); // the listener's connection and the look it triggers
    const pageReads = spyOnPageReads();

    expect(await appendFromAnotherProcess(schema, 'signin', 20)).toBe(0);
    await sleep(500);
    expect(pageReads).not.toHaveBeenCalled();

    const other = new PostgresEventStore(options);
    for (let i = 0; i < 3; i++) {
      await other.append('account-1', [{ type: 'AccountRenamed', data: { i } }]);
      await other.append('organization-1', [{ type: 'AccountDisabled', data: { i } }]);
      await other.append(`session-${i}`, [{ type: 'SessionEnded', data: { i } }]);
    }
    await Promise.all([byPrefix.done, byType.done, byBoth.done]);
    expect(byPrefix.received).toEqual(Array(3).fill('account-1 AccountRenamed'));
    expect(byType.received).toEqual(Array(3).fill('organization-1 AccountDisabled'));
    expect(byBoth.received).toEqual(
      ['session-0', 'session-1', 'session-2'].map((s) => `${s} SessionEnded`),
    );
    // Each commit woke the one subscription it concerns (a page read, and at most one more).
    expect(pageReads.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(pageReads.mock.calls.length).toBeLessThanOrEqual(18);
    await Promise.all([byPrefix.stop(), byType.stop(), byBoth.stop()]);
    await Promise.all([store.close(), other.close()]);
  }, 60_000);

  it("is not woken by its own store's commits outside its filters, and gets each one it wants at once", async () => {
    // auth-service's projecting worker: a sign-in commits signin- and signinguard- streams that the
    // session list does not want; only the session's commit should make it read a page.
    const schema = schemaName();
    const store = new PostgresEventStore({
      connectionString: pg.connectionString(),
      schema,
      pollIntervalMs: 60_000,
    });
    await store.migrate();
    const sessions = collect(store, 3, { streamPrefixes: ['session-'] });
    const ended = collect(store, 3, { eventTypes: ['SessionEnded'] });
    await Promise.all([sessions.ready, ended.ready]);
    await sleep(500);
    const pageReads = spyOnPageReads();
    for (let i = 0; i < 10; i++)
      await store.append(`signin-${i}`, [{ type: 'SignInCompleted', data: { i } }]);
    await sleep(300);
    expect(pageReads).not.toHaveBeenCalled();
    for (let i = 0; i < 3; i++)
      await store.append(`session-${i}`, [{ type: 'SessionEnded', data: { i } }]);
    await Promise.all([sessions.done, ended.done]);
    expect(sessions.received).toEqual(
      ['session-0', 'session-1', 'session-2'].map((s) => `${s} SessionEnded`),
    );
    expect(ended.received).toEqual(sessions.received);
    await Promise.all([sessions.stop(), ended.stop()]);
    await store.close();
  }, 60_000);

  it('wakes a subscription without a filter at every commit of another process', async () => {
    const schema = schemaName();
    const options = { connectionString: pg.connectionString(), schema, pollIntervalMs: 60_000 };
    const store = new PostgresEventStore(options);
    await store.migrate();
    const everything = collect(store, 8);
    await everything.ready;
    await sleep(500);
    const started = Date.now();
    expect(await appendFromAnotherProcess(schema, 'any', 8)).toBe(0);
    await everything.done;
    expect(everything.received).toHaveLength(8);
    // At the NOTIFYs, not at the minute's poll.
    expect(Date.now() - started).toBeLessThan(30_000);
    await everything.stop();
    await store.close();
  }, 60_000);
});
