import type { Pool, PoolClient } from 'pg';

/**
 * The schema, as versioned migrations applied in order at start. Never edit a released migration:
 * add the next one. `{schema}` is the quoted schema name the store was configured with.
 *
 * `position` is assigned by the writer while it holds the store's append lock (see
 * postgres-append-batch.ts), so positions only grow and commit in order. UNIQUE(stream_id,
 * revision) is the last line of defence against a duplicate revision; the lock is the first.
 * `data` and `metadata` are `json`, not `jsonb`: kept exactly as the other adapters keep them
 * (jsonb refuses \u0000 and lone surrogates that JSON.stringify writes and SQLite stores).
 */
export const MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}[] = [
  {
    version: 1,
    name: 'events table',
    sql: `
CREATE TABLE {schema}.events (
  position       bigint      PRIMARY KEY,
  stream_id      text        NOT NULL,
  revision       bigint      NOT NULL,
  event_id       uuid        NOT NULL,
  type           text        NOT NULL,
  schema_version integer     NOT NULL,
  occurred_at    text        NOT NULL,
  data           json        NOT NULL,
  metadata       json        NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_revision UNIQUE (stream_id, revision)
);
-- Type-filtered catch-up (projections that read a few event types) walks this index in position order.
CREATE INDEX events_type_position ON {schema}.events (type, position);
`,
  },
];

/** Session-level lock held while migrating, so replicas starting together migrate once. */
const MIGRATION_LOCK_SALT = 'accounts-event-store-migrations';

/**
 * The advisory lock key (`pg_advisory_lock(hashtext(key))`) of a schema's migrations: whatever else
 * creates tables in the store's schema (the limiter store) takes it too, so two CREATE SCHEMA never race.
 */
export function schemaMigrationLockKey(schema: string): string {
  return `${MIGRATION_LOCK_SALT}:${schema}`;
}

/** Creates the schema if needed and applies every migration not yet recorded; returns the versions applied. */
export async function migrate(pool: Pool, schema: string): Promise<number[]> {
  const client = await pool.connect();
  const quoted = quoteIdentifier(schema);
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [schemaMigrationLockKey(schema)]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = new Set(
        (
          await client.query<{ version: number }>(`SELECT version FROM ${quoted}.schema_migrations`)
        ).rows.map((r) => r.version),
      );
      const applied: number[] = [];
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await inTransaction(client, async () => {
          await client.query(migration.sql.replaceAll('{schema}', quoted));
          await client.query(
            `INSERT INTO ${quoted}.schema_migrations (version, name) VALUES ($1, $2)`,
            [migration.version, migration.name],
          );
        });
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [
        schemaMigrationLockKey(schema),
      ]);
    }
  } finally {
    client.release();
  }
}

async function inTransaction(client: PoolClient, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Schema names come from configuration; quoting keeps them identifiers, never SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
