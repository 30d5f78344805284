import { type EventStore, PostgresEventStore, SqliteEventStore } from '@accounts/event-store';
import { ScriptedHistory } from '@accounts/testing';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { chainHash, eventText, GENESIS_HASH } from './hash-chain';
import { sealStore } from './seals';
import { verifyStore } from './verify-store';

type PostgresHarness = typeof import('../../../../tools/postgres/server.cjs');
// tools/ is plain Node, not an Nx project: load the server harness by path.
const postgres: PostgresHarness = require(
  join(__dirname, '..', '..', '..', '..', 'tools', 'postgres', 'server.cjs'),
);
const postgresHere = postgres.postgresAvailability();

/** Direct edits of the database behind the store, as someone with access to the file or server would make them. */
interface Tamper {
  sql(statement: string, ...values: number[]): Promise<void>;
}

interface Engine {
  readonly store: EventStore;
  readonly tamper: Tamper;
  close(): Promise<void>;
}

/** The scripted history: two accounts and 230 phone changes, sealed in three seals of at most 100 events. */
async function sealedHistory(
  store: EventStore,
): Promise<{ script: ScriptedHistory; alice: string; positions: number[] }> {
  const script = new ScriptedHistory(store);
  const bob = await script.register('bob');
  const alice = await script.register('alice', { by: bob });
  let phone: string | null = null;
  for (let i = 0; i < 230; i += 1) {
    const next = `+3361234${String(i).padStart(4, '0')}`;
    await script.changePhone(alice, phone, next);
    phone = next;
  }
  expect(await sealStore(store, { maxEvents: 100 })).toMatchObject({
    sealed: true,
    seals: 3,
  });
  await script.changePhone(alice, phone, '+447911123456');
  expect(await sealStore(store, { maxEvents: 100 })).toMatchObject({
    sealed: true,
    seals: 1,
  });
  const positions = (await store.readStream(`account-${alice}`)).map((e) => e.position);
  return { script, alice, positions };
}

function sealTamperSuite(open: () => Promise<Engine>): void {
  let engine: Engine;
  let positions: number[];

  beforeEach(async () => {
    engine = await open();
    ({ positions } = await sealedHistory(engine.store));
  });

  afterEach(() => engine.close());

  it('verifies an untouched store against every seal', async () => {
    expect(await verifyStore(engine.store)).toMatchObject({
      ok: true,
      seals: 4,
      unsealed: 0,
    });
  });

  it('names the exact position of a row whose data was edited, inside the second seal', async () => {
    const target = positions[150];
    await engine.tamper.sql(
      `UPDATE {events} SET data = '{"accountId":"x","from":null,"to":"+15550000000"}' WHERE position = ${target}`,
    );
    const result = await verifyStore(engine.store);
    expect(result).toMatchObject({
      ok: false,
      mismatch: {
        kind: 'altered',
        position: target,
        afterPosition: target - 1,
      },
    });
    expect(result.message).toMatch(
      new RegExp(`position ${target} no longer holds the event sealed there`),
    );
  });

  it('names a row whose metadata only was edited (who did it), not only its data', async () => {
    const target = positions[42];
    await engine.tamper.sql(
      `UPDATE {events} SET metadata = '{"correlationId":"c","causationId":"c","actor":{"kind":"system"}}' WHERE position = ${target}`,
    );
    expect(await verifyStore(engine.store)).toMatchObject({
      ok: false,
      mismatch: { kind: 'altered', position: target },
    });
  });

  it('names the exact position of a deleted row', async () => {
    const target = positions[120];
    await engine.tamper.sql(`DELETE FROM {events} WHERE position = ${target}`);
    const result = await verifyStore(engine.store);
    expect(result).toMatchObject({
      ok: false,
      mismatch: { kind: 'deleted', position: target },
    });
    expect(result.message).toMatch(new RegExp(`position ${target} was deleted`));
  });

  it('names the last sealed row when it is deleted', async () => {
    const last = positions[positions.length - 1];
    await engine.tamper.sql(`DELETE FROM {events} WHERE position = ${last}`);
    expect(await verifyStore(engine.store)).toMatchObject({
      ok: false,
      mismatch: { kind: 'deleted', position: last },
    });
  });

  it('names the first of two rows swapped (their positions exchanged)', async () => {
    const [a, b] = [positions[77], positions[78]];
    await engine.tamper.sql(`UPDATE {events} SET position = -1 WHERE position = ${b}`);
    await engine.tamper.sql(`UPDATE {events} SET position = ${b} WHERE position = ${a}`);
    await engine.tamper.sql(`UPDATE {events} SET position = ${a} WHERE position = -1`);
    expect(await verifyStore(engine.store)).toMatchObject({
      ok: false,
      mismatch: { kind: 'altered', position: a },
    });
  });

  it('names a row moved away as deleted at its sealed position', async () => {
    const target = positions[10];
    await engine.tamper.sql(
      `UPDATE {events} SET position = ${target} + 1000000 WHERE position = ${target}`,
    );
    expect(await verifyStore(engine.store)).toMatchObject({
      ok: false,
      mismatch: { kind: 'deleted', position: target },
    });
  });

  it('names a row inserted where the sealed history had no event (the place of a seal) as inserted', async () => {
    const seal = (await engine.store.readStream('audit-seals'))[1].position;
    await engine.tamper.sql(
      `UPDATE {events} SET position = ${seal} + 1000000 WHERE position = ${seal}`,
    );
    await engine.tamper.sql(
      `INSERT INTO {events} (position, stream_id, revision, event_id, type, schema_version, occurred_at, data, metadata) VALUES ` +
        `(${seal}, 'account-forged', 0, '00000000-0000-4000-8000-000000000000', 'AccountEnabled', 1, '2026-01-01T00:00:00.000Z', ` +
        `'{"accountId":"forged"}', '{"correlationId":"c","causationId":"c","actor":{"kind":"system"}}')`,
    );
    const result = await verifyStore(engine.store);
    expect(result).toMatchObject({
      ok: false,
      mismatch: { kind: 'inserted', position: seal },
    });
    expect(result.message).toMatch(new RegExp(`position ${seal} was inserted`));
  });
}

describe('verify --store names the first tampered position exactly (SQLite file edited directly)', () => {
  sealTamperSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-seals-'));
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path, synchronous: 'normal' });
    return {
      store,
      tamper: {
        async sql(statement) {
          const raw = new Database(path);
          raw.exec(statement.replace('{events}', 'events'));
          raw.close();
        },
      },
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

(postgresHere.ok ? describe : describe.skip)(
  `verify --store names the first tampered position exactly (PostgreSQL rows edited directly)${postgresHere.ok ? '' : ` (skipped: ${postgresHere.reason})`}`,
  () => {
    let server: Awaited<ReturnType<PostgresHarness['startPostgres']>>;
    let schemas = 0;
    beforeAll(async () => {
      server = await postgres.startPostgres({ fsync: false });
    }, 60_000);
    afterAll(() => server?.stop(), 30_000);

    sealTamperSuite(async () => {
      const schema = `seals_${(schemas += 1)}`;
      const store = new PostgresEventStore({
        connectionString: server.connectionString,
        schema,
        poolSize: 2,
      });
      const client = new Client({ connectionString: server.connectionString });
      await client.connect();
      return {
        store,
        tamper: {
          async sql(statement) {
            await client.query(statement.replace('{events}', `${schema}.events`));
          },
        },
        async close() {
          await client.end();
          await store.close();
        },
      };
    });
  },
);

describe('verify --store still reads seals written before v2 (marks every 100 events)', () => {
  it('matches a v1 seal, then names the range of at most 100 positions of a row edited under it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-seals-v1-'));
    const path = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ path, synchronous: 'normal' });
    try {
      const script = new ScriptedHistory(store);
      const alice = await script.register('alice');
      for (let i = 0; i < 150; i += 1)
        await script.changePhone(alice, null, `+336123${String(i).padStart(5, '0')}`);
      const events = await store.readAll({ maxCount: 1000 });
      let hash = GENESIS_HASH;
      const marks = events.flatMap((event, i) => {
        hash = chainHash(hash, eventText(event));
        return (i + 1) % 100 === 0 || i === events.length - 1
          ? [{ position: event.position, count: i + 1, hash }]
          : [];
      });
      const last = events[events.length - 1].position;
      const data = {
        fromPosition: 0,
        toPosition: last,
        count: events.length,
        previousHash: GENESIS_HASH,
        hash,
        marks,
      };
      await store.append(
        'audit-seals',
        [
          {
            type: 'AuditSealed',
            schemaVersion: 1,
            data,
            metadata: {
              correlationId: 'c',
              causationId: 'c',
              actor: { kind: 'system' },
            },
          },
        ],
        'no_stream',
      );
      expect(await verifyStore(store)).toMatchObject({ ok: true, seals: 1 });

      const raw = new Database(path);
      raw
        .prepare(
          `UPDATE events SET data = json_set(data, '$.to', '+15550000000') WHERE position = ?`,
        )
        .run(events[120].position);
      raw.close();
      const result = await verifyStore(store);
      expect(result).toMatchObject({
        ok: false,
        mismatch: {
          kind: 'range',
          afterPosition: events[99].position,
          upToPosition: last,
        },
      });
      expect(result.message).toMatch(/a seal written before v2 keeps no more detail/);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
