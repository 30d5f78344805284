import { type EventStore, PostgresEventStore, SqliteEventStore } from '@accounts/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE } from '../event-store/event-store.token';
import { createTestApp } from './create-test-app';

type PostgresHarness = typeof import('../../../../../tools/postgres/server.cjs');
// tools/ is plain Node, not an Nx project: load the server harness by path.
const postgres: PostgresHarness = require(
  join(__dirname, '..', '..', '..', '..', '..', 'tools', 'postgres', 'server.cjs'),
);
const here = postgres.postgresAvailability();
const describeHere = here.ok ? describe : describe.skip;

// What the PostgreSQL pass of tools/test.mjs relies on: the variable really moves the test apps' events.
describeHere(
  `createTestApp with TEST_EVENTSTORE_POSTGRES_URL${here.ok ? '' : ` (skipped: ${here.reason})`}`,
  () => {
    let server: Awaited<ReturnType<PostgresHarness['startPostgres']>>;
    const saved = process.env['TEST_EVENTSTORE_POSTGRES_URL'];
    beforeAll(async () => {
      server = await postgres.startPostgres({ fsync: false });
      process.env['TEST_EVENTSTORE_POSTGRES_URL'] = server.connectionString;
    }, 60_000);
    afterAll(async () => {
      if (saved === undefined) delete process.env['TEST_EVENTSTORE_POSTGRES_URL'];
      else process.env['TEST_EVENTSTORE_POSTGRES_URL'] = saved;
      await server?.stop();
    });

    it('keeps the events of an app in PostgreSQL, found again by an app restarted on the same DATA_DIR', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pg-test-app-'));
      try {
        const first = await createTestApp({ env: { DATA_DIR: dataDir } });
        const store = first.app.get<EventStore>(EVENT_STORE);
        expect(store).toBeInstanceOf(PostgresEventStore);
        await store.append('account-1', [{ type: 'AccountOpened', data: {} }]);
        await first.close();

        const second = await createTestApp({ env: { DATA_DIR: dataDir } });
        expect(
          (await second.app.get<EventStore>(EVENT_STORE).readStream('account-1')).map(
            (e) => e.type,
          ),
        ).toEqual(['AccountOpened']);
        await second.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('gives two apps with fresh data folders two separate, empty stores', async () => {
      const [a, b] = await Promise.all([createTestApp(), createTestApp()]);
      await a.app
        .get<EventStore>(EVENT_STORE)
        .append('account-1', [{ type: 'AccountOpened', data: {} }]);
      expect(await b.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(0);
      await Promise.all([a.close(), b.close()]);
    });

    it('leaves a store the test passes in alone', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pg-test-app-own-'));
      const own = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
      const t = await createTestApp({ eventStore: own });
      expect(t.app.get(EVENT_STORE)).toBe(own);
      await t.close();
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    });
  },
);
