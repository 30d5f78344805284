import type { EventMetadata } from '@accounts/contracts';
import { type NewEvent, type RecordedEvent, SqliteEventStore } from '@accounts/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  defineProjection,
  type EventSource,
  type Idempotency,
  type Projection,
  type ProjectionLogger,
  ProjectionRunner,
  type ProjectionRunnerOptions,
  ReadModelDatabase,
} from '../index';

export const metadata: EventMetadata = {
  correlationId: 'c',
  causationId: 'c',
  actor: { kind: 'system' },
};

export const silentLogger: ProjectionLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export interface DirectoryOptions {
  readonly version?: number;
  readonly idempotency?: Idempotency;
  /** Called inside apply after the row is written, before apply returns (to fail or crash there). */
  readonly afterWrite?: (event: RecordedEvent) => void;
  /** Count of apply calls, to see what was (re)processed. */
  readonly applied?: RecordedEvent[];
}

/**
 * An account directory like auth-service keeps of profile events. `changes` counts the events
 * applied to a row, so an event applied twice shows. Version 2 adds `email_domain`.
 */
export function accountDirectory(options: DirectoryOptions = {}) {
  const version = options.version ?? 1;
  return defineProjection({
    name: 'account_directory',
    version,
    tables: ['accounts'],
    filter: { streamPrefixes: ['account-', 'organization-'] },
    idempotency: options.idempotency,
    schema: (t) => `
      CREATE TABLE ${t.accounts} (
        account_id TEXT PRIMARY KEY,
        email TEXT NOT NULL,
        ${version >= 2 ? 'email_domain TEXT NOT NULL,' : ''}
        changes INTEGER NOT NULL
      );
      CREATE INDEX ${t.accounts}_email ON ${t.accounts} (email);`,
    apply(event, tx) {
      options.applied?.push(event);
      const data = event.data as { accountId: string; email: string };
      if (event.type === 'AccountRegistered') {
        const domain = version >= 2 ? [data.email.split('@')[1]] : [];
        tx.run(
          `INSERT INTO ${tx.table.accounts} (account_id, email, ${version >= 2 ? 'email_domain, ' : ''}changes) VALUES (?, ?, ${version >= 2 ? '?, ' : ''}1)`,
          data.accountId,
          data.email,
          ...domain,
        );
      } else if (event.type === 'AccountEmailChanged') {
        tx.run(
          `UPDATE ${tx.table.accounts} SET email = ?, changes = changes + 1 WHERE account_id = ?`,
          data.email,
          data.accountId,
        );
      }
      options.afterWrite?.(event);
    },
  });
}

export const registered = (accountId: string, email = `${accountId}@example.com`): NewEvent => ({
  type: 'AccountRegistered',
  data: { accountId, email },
  metadata: { ...metadata },
});

export const emailChanged = (accountId: string, email: string): NewEvent => ({
  type: 'AccountEmailChanged',
  data: { accountId, email },
  metadata: { ...metadata },
});

/** Appends `count` registrations, one stream each; returns the last position. */
export async function registerAccounts(
  store: SqliteEventStore,
  count: number,
  from = 0,
): Promise<number> {
  let position = 0;
  for (let i = from; i < from + count; i++)
    position = (await store.append(`account-a${i}`, [registered(`a${i}`)], 'no_stream')).position;
  return position;
}

export interface Sandbox {
  readonly dir: string;
  readonly storePath: string;
  readonly readPath: string;
  store: SqliteEventStore;
  openReadModels(): ReadModelDatabase;
  cleanup(): Promise<void>;
}

/** A temp folder with a real SQLite event store and read-model files, like the embedded data folder. */
export function sandbox(): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'projections-'));
  const storePath = join(dir, 'events.sqlite');
  const readPath = join(dir, 'auth-service-read.sqlite');
  const opened: ReadModelDatabase[] = [];
  const box: Sandbox = {
    dir,
    storePath,
    readPath,
    store: new SqliteEventStore({ path: storePath, pollIntervalMs: 10 }),
    openReadModels() {
      const database = new ReadModelDatabase({ path: readPath });
      opened.push(database);
      return database;
    },
    async cleanup() {
      await box.store.close();
      for (const database of opened) database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return box;
}

export interface AccountRow {
  account_id: string;
  email: string;
  changes: number;
  email_domain?: string;
}

/** What a query sees: always through the view, never a physical table. */
export function accountsView(database: ReadModelDatabase): AccountRow[] {
  return database.all<AccountRow>('SELECT * FROM accounts ORDER BY account_id');
}

export function checkpointOf(database: ReadModelDatabase, name = 'account_directory'): number {
  return (
    database.get<{ position: number }>(
      'SELECT position FROM projection_checkpoints WHERE name = ? AND live = 1',
      name,
    )?.position ?? 0
  );
}

export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A started runner with a silent logger; stop it in the test. */
export async function startRunner(
  source: EventSource,
  database: ReadModelDatabase,
  projections: readonly Projection[],
  options: Partial<ProjectionRunnerOptions> = {},
): Promise<ProjectionRunner> {
  const runner = new ProjectionRunner({
    database,
    source,
    projections,
    logger: silentLogger,
    retryDelayMs: 1,
    restartDelayMs: 20,
    ...options,
  });
  await runner.start();
  return runner;
}

/** Blocks the thread, like a slow apply would: makes a rebuild last long enough to watch it. */
export function blockFor(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Names of the physical tables of a projection's copies. */
export function physicalTablesIn(
  database: ReadModelDatabase,
  name = 'account_directory',
): string[] {
  return database
    .all<{
      name: string;
    }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\' ORDER BY name",
      `${name}\\_\\_%`,
    )
    .map((row) => row.name);
}
