import { type EventStore, EventStoreDbEventStore, SqliteEventStore } from '@accounts/event-store';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AccountIndex } from '../projections/account-index';

/** Where the CLI reads from: the same variables as the services. */
export interface CliEnvironment {
  readonly dataDir: string;
  readonly connectionString?: string;
}

export function cliEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  dataDir?: string,
): CliEnvironment {
  return {
    dataDir: resolve(dataDir ?? env['DATA_DIR'] ?? './data'),
    connectionString: env['EVENTSTORE_CONNECTION_STRING'],
  };
}

/**
 * EventStoreDB when EVENTSTORE_CONNECTION_STRING is set, otherwise the embedded SQLite file, opened
 * read-only unless the command writes (seal): safe beside the running services.
 */
export function openStore(
  environment: CliEnvironment,
  options: { readonly write?: boolean } = {},
): EventStore {
  if (environment.connectionString) {
    return EventStoreDbEventStore.fromConnectionString(
      environment.connectionString.replace(
        /^kurrentdb(\+discover)?:\/\//i,
        (_m, discover = '') => `esdb${discover}://`,
      ),
    );
  }
  const path = join(environment.dataDir, 'events.sqlite');
  if (!existsSync(path))
    throw new CliError(
      `No event store at ${path}: set DATA_DIR (or --data-dir) to the services' data folder`,
    );
  return new SqliteEventStore({ path, readonly: !options.write, synchronous: 'full' });
}

/** The CLI's own copy of the account index (`audit-cli-read.sqlite`), brought up to the store's head. */
export async function openIndex(
  store: EventStore,
  environment: CliEnvironment,
): Promise<AccountIndex> {
  const index = await AccountIndex.open(store, join(environment.dataDir, 'audit-cli-read.sqlite'));
  await index.catchUp();
  return index;
}

/** A refusal the CLI prints as one line (no stack) before exiting non-zero. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
