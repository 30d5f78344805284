import { EventStoreDbEventStore, SqliteEventStore } from '@accounts/event-store';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from './create-event-store';

describe('createEventStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'create-event-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('opens the SQLite store at DATA_DIR/events.sqlite, creating the folder', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = createEventStore({ DATA_DIR: dataDir, SQLITE_SYNCHRONOUS: 'normal', EVENTSTORE_CONNECTION_STRING: undefined });
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
      const store = createEventStore({ DATA_DIR: dir, SQLITE_SYNCHRONOUS: 'full', EVENTSTORE_CONNECTION_STRING: connectionString });
      expect(store).toBeInstanceOf(EventStoreDbEventStore);
      await store.close();
      expect(existsSync(join(dir, 'events.sqlite'))).toBe(false);
    },
  );
});
