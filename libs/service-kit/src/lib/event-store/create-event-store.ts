import {
  type EventStore,
  EventStoreDbEventStore,
  PostgresEventStore,
  PRIVATE_DIR_MODE,
  SqliteEventStore,
} from '@accounts/event-store';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BaseConfig } from '../config/base-config';

export type EventStoreConfig = Pick<
  BaseConfig,
  'DATA_DIR' | 'EVENTSTORE_CONNECTION_STRING' | 'SQLITE_SYNCHRONOUS'
> &
  Partial<Pick<BaseConfig, 'EVENTSTORE_POOL_SIZE' | 'EVENTSTORE_SCHEMA' | 'SQLITE_WRITER'>>;

/**
 * The production store named by EVENTSTORE_CONNECTION_STRING (postgres:// or postgresql://:
 * PostgreSQL; esdb:// or kurrentdb://: EventStoreDB/KurrentDB), otherwise the embedded SQLite
 * store at `${DATA_DIR}/events.sqlite`, shared by every service of the machine.
 */
export function createEventStore(config: EventStoreConfig): EventStore {
  const connectionString = config.EVENTSTORE_CONNECTION_STRING;
  if (connectionString && /^postgres(ql)?:\/\//i.test(connectionString)) {
    return new PostgresEventStore({
      connectionString,
      poolSize: config.EVENTSTORE_POOL_SIZE,
      schema: config.EVENTSTORE_SCHEMA,
    });
  }
  if (connectionString) {
    return EventStoreDbEventStore.fromConnectionString(toEsdbScheme(connectionString));
  }
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return new SqliteEventStore({
    path: join(dataDir, 'events.sqlite'),
    synchronous: config.SQLITE_SYNCHRONOUS,
    writer: config.SQLITE_WRITER,
  });
}

/** KurrentDB speaks the same gRPC protocol, but client v6 only parses the esdb:// schemes. */
function toEsdbScheme(connectionString: string): string {
  return connectionString.replace(
    /^kurrentdb(\+discover)?:\/\//i,
    (_match, discover = '') => `esdb${discover}://`,
  );
}
