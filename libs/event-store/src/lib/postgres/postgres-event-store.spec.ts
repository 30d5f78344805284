import { describeEventStoreContract } from '../contract/event-store.contract';
import { PostgresEventStore } from './postgres-event-store';
import { postgresForTests } from './testing/postgres-server';

const server = postgresForTests();

server.describe('PostgreSQL adapter', () => {
  describeEventStoreContract('PostgreSQL', async () => ({
    store: new PostgresEventStore({
      connectionString: server.connectionString(),
      // Far longer than any live delivery the contract allows: a wake-up lost shows as a failure.
      pollIntervalMs: 60_000,
    }),
  }));
});
