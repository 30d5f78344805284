import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-contract-'));
  return {
    store: new SqliteEventStore({ path: join(dir, 'events.sqlite') }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeEventStoreContract('SQLite, commits in a writer thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'es-contract-thread-'));
  return {
    store: new SqliteEventStore({ path: join(dir, 'events.sqlite'), writer: 'thread' }),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
