import {
  EventStoreDbEventStore,
  PostgresEventStore,
  SqliteEventStore,
} from '@accounts/event-store';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createEventStore } from './create-event-store';

type PostgresHarness = typeof import('../../../../../tools/postgres/server.cjs');
// tools/ is plain Node, not an Nx project: load the server harness by path.
const postgres: PostgresHarness = require(
  join(__dirname, '..', '..', '..', '..', '..', 'tools', 'postgres', 'server.cjs'),
);
const postgresHere = postgres.postgresAvailability();

describe('createEventStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'create-event-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the SQLite store at DATA_DIR/events.sqlite, creating the folder', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = createEventStore({
      DATA_DIR: dataDir,
      SQLITE_SYNCHRONOUS: 'normal',
      EVENTSTORE_CONNECTION_STRING: undefined,
    });
    try {
      expect(store).toBeInstanceOf(SqliteEventStore);
      await store.append('account-1', [{ type: 'AccountOpened', data: {} }]);
      expect(existsSync(join(dataDir, 'events.sqlite'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it.each(['esdb://127.0.0.1:2113?tls=false', 'kurrentdb://127.0.0.1:2113?tls=false'])(
    'uses EventStoreDB when a connection string is set (%s), without connecting yet',
    async (connectionString) => {
      const store = createEventStore({
        DATA_DIR: dir,
        SQLITE_SYNCHRONOUS: 'full',
        EVENTSTORE_CONNECTION_STRING: connectionString,
      });
      expect(store).toBeInstanceOf(EventStoreDbEventStore);
      await store.close();
      expect(existsSync(join(dir, 'events.sqlite'))).toBe(false);
    },
  );

  it.each(['postgres://u:p@127.0.0.1:5432/db', 'postgresql://127.0.0.1/db'])(
    'uses PostgreSQL for a postgres connection string (%s), without connecting yet',
    async (connectionString) => {
      const store = createEventStore({
        DATA_DIR: dir,
        SQLITE_SYNCHRONOUS: 'full',
        EVENTSTORE_CONNECTION_STRING: connectionString,
      });
      expect(store).toBeInstanceOf(PostgresEventStore);
      await store.close();
      expect(existsSync(join(dir, 'events.sqlite'))).toBe(false);
    },
  );

  (postgresHere.ok ? it : it.skip)(
    `writes to the configured schema of a real PostgreSQL server${postgresHere.ok ? '' : ` (skipped: ${postgresHere.reason})`}`,
    async () => {
      const server = await postgres.startPostgres({ fsync: false });
      try {
        const store = createEventStore({
          DATA_DIR: dir,
          SQLITE_SYNCHRONOUS: 'full',
          EVENTSTORE_CONNECTION_STRING: server.connectionString,
          EVENTSTORE_POOL_SIZE: 2,
          EVENTSTORE_SCHEMA: 'accounts_events',
        });
        await store.append('account-1', [{ type: 'AccountOpened', data: { n: 1 } }]);
        await store.close();
        const client = new Client(server.connectionString);
        await client.connect();
        const { rows } = await client.query(
          'SELECT stream_id, type, data FROM accounts_events.events',
        );
        await client.end();
        expect(rows).toEqual([{ stream_id: 'account-1', type: 'AccountOpened', data: { n: 1 } }]);
      } finally {
        await server.stop();
      }
    },
    60_000,
  );
});
