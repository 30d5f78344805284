import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventStoreUnavailableError } from '../errors';
import type { RecordedEvent } from '../types';
import { PostgresEventStore } from './postgres-event-store';
import { MIGRATIONS } from './postgres-migrations';
import { postgresForTests } from './testing/postgres-server';

const pg = postgresForTests();

pg.describe('PostgreSQL event store: order, wake-ups, schema', () => {
  const open = (
    schema: string,
    extra: Partial<ConstructorParameters<typeof PostgresEventStore>[0]> = {},
  ) =>
    new PostgresEventStore({
      connectionString: pg.connectionString(),
      schema,
      ...extra,
    });
  const schemaName = () => `s_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

  it('never lets a reader see a later position before an earlier one, with 8 stores writing at once', async () => {
    const schema = schemaName();
    // Eight pools stand for eight replicas: their transactions commit in whatever order PostgreSQL picks.
    const writers = Array.from({ length: 8 }, () => open(schema, { poolSize: 2 }));
    const reader = open(schema);
    await reader.migrate();
    const seen: number[] = [];
    let writing = true;
    const reading = (async () => {
      let from = 0;
      while (writing || from < (await reader.headPosition())) {
        const page = await reader.readAll({
          fromPosition: from,
          maxCount: 200,
        });
        for (const event of page) seen.push(event.position);
        if (page.length) from = page[page.length - 1].position;
      }
    })();
    await Promise.all(
      writers.map((store, w) =>
        Promise.all(
          Array.from({ length: 4 }, async (_, lane) => {
            for (let i = 0; i < 40; i++)
              await store.append(`acct-${w}-${lane}`, [
                { type: 'E', data: { i } },
                { type: 'E', data: { i } },
              ]);
          }),
        ),
      ),
    );
    writing = false;
    await reading;
    // 8 writers x 4 lanes x 40 appends x 2 events, each seen once, and positions with no hole a reader jumped over.
    expect(seen).toHaveLength(2560);
    expect(seen).toEqual(Array.from({ length: 2560 }, (_, i) => i + 1));
    await Promise.all([...writers, reader].map((s) => s.close()));
  }, 60_000);

  it('wakes a subscription in another store instance through NOTIFY, long before its poll', async () => {
    const schema = schemaName();
    const subscriber = open(schema, { pollIntervalMs: 60_000 });
    const writer = open(schema);
    await subscriber.migrate();
    let caughtUp = false;
    const subscription = subscriber.subscribe({
      onCaughtUp: () => (caughtUp = true),
    });
    const first = (async () => {
      for await (const event of subscription) return event;
      return undefined;
    })();
    await waitUntil(() => caughtUp);
    await new Promise((r) => setTimeout(r, 200)); // the LISTEN connection is up
    const started = Date.now();
    await writer.append('acct-1', [{ type: 'Woken', data: {} }]);
    const event = (await first) as RecordedEvent;
    expect(event.type).toBe('Woken');
    expect(Date.now() - started).toBeLessThan(5_000);
    await subscription.stop();
    await Promise.all([subscriber.close(), writer.close()]);
  });

  it('falls back to polling when the LISTEN connection is cut', async () => {
    const schema = schemaName();
    const subscriber = open(schema, { pollIntervalMs: 100 });
    const writer = open(schema);
    await subscriber.migrate();
    const subscription = subscriber.subscribe();
    const events: RecordedEvent[] = [];
    const consuming = (async () => {
      for await (const event of subscription) {
        events.push(event);
        if (events.length === 2) return;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const admin = new Client(pg.connectionString());
    await admin.connect();
    // Cut the listener's connection: only polling is left to notice the next appends.
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()",
    );
    await admin.end();
    await writer.append('acct-1', [{ type: 'A', data: {} }]);
    await writer.append('acct-1', [{ type: 'B', data: {} }]);
    await consuming;
    expect(events.map((e) => e.type)).toEqual(['A', 'B']);
    await subscription.stop();
    await Promise.all([subscriber.close(), writer.close()]);
  });

  it('filters by stream prefix literally: _ and % in a prefix are not wildcards', async () => {
    const store = open(schemaName());
    await store.append('a_b-1', [{ type: 'A', data: { n: 1 } }]);
    await store.append('axb-1', [{ type: 'A', data: { n: 2 } }]);
    expect(
      (await store.readAll({ filter: { streamPrefixes: ['a_b'] } })).map((e) => e.data),
    ).toEqual([{ n: 1 }]);
    expect(await store.readAll({ filter: { streamPrefixes: ['a%'] } })).toEqual([]);
    await store.close();
  });

  it('keeps payloads exactly as the other adapters do: quotes, backslashes, \\u0000, lone surrogates, emoji', async () => {
    const store = open(schemaName());
    const data = {
      quote: "it's",
      backslash: 'a\\b',
      nul: 'x\u0000y',
      lone: '\ud800',
      emoji: '😀',
      sql: "'); DROP TABLE events; --",
    };
    const metadata = { correlationId: "c'1", causationId: 'c\\2' };
    const writes = await Promise.all([
      store.append('acct-1', [{ type: 'A', data, metadata }]),
      store.append('acct-2', [{ type: 'B', data: { n: 1 } }]),
    ]);
    expect(writes.map((w) => w.nextRevision)).toEqual([0, 0]);
    const [read] = await store.readStream('acct-1');
    expect(read.data).toEqual(data);
    expect(read.metadata).toEqual(metadata);
    await store.close();
  });

  it('writes a big append (bound arrays) and small ones (literals) of the same batch with contiguous positions', async () => {
    const store = open(schemaName());
    const big = Array.from({ length: 250 }, (_, i) => ({
      type: 'Big',
      data: { i, text: "it's \\ fine" },
    }));
    const results = await Promise.all([
      store.append('acct-big', big, 'no_stream'),
      store.append('acct-small', [{ type: 'Small', data: {} }]),
      store.append('acct-big', [{ type: 'Late', data: {} }], 249),
    ]);
    expect(results.map((r) => r.nextRevision)).toEqual([249, 0, 250]);
    const events = await store.readStream('acct-big');
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 251 }, (_, i) => i));
    expect(events[7].data).toEqual({ i: 7, text: "it's \\ fine" });
    expect((await store.readAll({ maxCount: 1000 })).map((e) => e.position)).toEqual(
      Array.from({ length: 252 }, (_, i) => i + 1),
    );
    await store.close();
  });

  it('writes the appends asked for in one turn in one transaction, in the order they were asked', async () => {
    // A sign-in appends its own events, its session and the guard's success in one turn: one
    // commit (one fsync, one set of NOTIFYs) instead of one for the first and one for the rest.
    const schema = schemaName();
    const store = open(schema);
    await store.migrate();
    const results = await Promise.all([
      store.append('signin-1', [
        { type: 'SignInStarted', data: {} },
        { type: 'SignInCompleted', data: {} },
      ]),
      (async () => {
        await null; // as a handler's append comes a few awaits after the first one
        await null;
        return store.append('session-1', [{ type: 'SessionStarted', data: {} }]);
      })(),
      store.append('signinguard-1', [{ type: 'SignInSucceeded', data: {} }]),
    ]);
    expect(results.map((r) => r.position)).toEqual([2, 4, 3]);
    const client = new Client({ connectionString: pg.connectionString() });
    await client.connect();
    const { rows } = await client.query(
      `SELECT position, stream_id, xmin::text AS tx FROM ${schema}.events ORDER BY position`,
    );
    await client.end();
    expect(rows.map((r) => r.stream_id)).toEqual([
      'signin-1',
      'signin-1',
      'signinguard-1',
      'session-1',
    ]);
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
    await store.close();
  });

  it('creates its schema by versioned migration once, even with several replicas starting together', async () => {
    const schema = schemaName();
    const replicas = Array.from({ length: 4 }, () => open(schema));
    const applied = await Promise.all(replicas.map((s) => s.migrate()));
    expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.version));
    const client = new Client(pg.connectionString());
    await client.connect();
    const { rows } = await client.query(
      `SELECT version, name FROM ${schema}.schema_migrations ORDER BY version`,
    );
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    await client.end();
    await Promise.all(replicas.map((s) => s.close()));
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => open('events; drop table x')).toThrow(
      expect.objectContaining({ field: 'schema' }),
    );
  });

  it('answers with the typed unavailable error when the server cannot be reached, and ping fails', async () => {
    const store = new PostgresEventStore({
      connectionString: 'postgres://postgres@127.0.0.1:1/postgres',
    });
    await expect(store.append('acct-1', [{ type: 'A', data: {} }])).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await store.close();
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
