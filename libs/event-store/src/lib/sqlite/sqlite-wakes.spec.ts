import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

// The shared wake of a store's live subscriptions; the poll is far slower than these tests, so only
// the wakes can make them pass.
describe('SQLite live subscriptions sharing one check per wake', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'es-wakes-'));
    store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 60_000 });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a filtered subscription passes over appends it does not want and gets the ones it wants, in order', async () => {
    const wanted = store.subscribe({ filter: { streamPrefixes: ['profile-'] } });
    const everything = store.subscribe({});
    const received: string[] = [];
    const all: string[] = [];
    const done = Promise.all([
      (async () => {
        for await (const e of wanted) if (received.push(e.streamId) === 2) return;
      })(),
      (async () => {
        for await (const e of everything) if (all.push(e.streamId) === 22) return;
      })(),
    ]);
    for (let i = 0; i < 10; i++)
      await store.append(`session-${i}`, [{ type: 'Started', data: {} }]);
    await store.append('profile-1', [{ type: 'Named', data: {} }]);
    for (let i = 10; i < 20; i++)
      await store.append(`session-${i}`, [{ type: 'Started', data: {} }]);
    await store.append('profile-2', [{ type: 'Named', data: {} }]);
    await done;
    expect(received).toEqual(['profile-1', 'profile-2']);
    expect(all).toHaveLength(22);
    await Promise.all([wanted.stop(), everything.stop()]);
  });

  it('a subscription stopped while it reads its page ends at once, with nothing new to wake it', async () => {
    await store.append('session-1', [{ type: 'Started', data: {} }]);
    const subscription = store.subscribe({ fromPosition: 1, filter: { eventTypes: ['Named'] } });
    const next = subscription[Symbol.asyncIterator]().next();
    await subscription.stop();
    await expect(next).resolves.toMatchObject({ done: true });
  });
});
