// Types of server.cjs, for the TypeScript tests and benchmarks that start a real PostgreSQL server.

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication on loopback). */
  readonly connectionString: string;
  readonly port: number;
  /** The postmaster's process id (kill -9 it to test a server crash). */
  readonly pid: number;
  /** Temp folder with the cluster (`data/`) and `server.log`. */
  readonly dataDir: string;
  readonly logFile: string;
  /** createdb; resolves with the new database's connection string. */
  createDatabase(name: string): Promise<string>;
  /** Starts it again on the same port and data, after a crash (kill -9 of `pid`). */
  restart(): Promise<void>;
  /** pg_ctl stop -m fast; removes the temp folder it created unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface StartPostgresOptions {
  /** Default: a free loopback port. */
  port?: number;
  /** Default: a new temp folder. A folder holding a cluster restarts it with its data. */
  dataDir?: string;
  /** Default true. false turns fsync and synchronous_commit off (never where durability is tested). */
  fsync?: boolean;
  maxConnections?: number;
  /** Extra postgresql.conf settings, values as written in the file. */
  settings?: Record<string, string>;
}

export type PostgresAvailability = { ok: true; binDir: string } | { ok: false; reason: string };

export function findBinDir(): string | undefined;
export function postgresAvailability(): PostgresAvailability;
export function startPostgres(options?: StartPostgresOptions): Promise<PostgresServer>;
