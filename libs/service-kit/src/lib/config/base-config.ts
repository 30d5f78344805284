import type { ConfigOf } from './config-var';
import { int, oneOf, port, str, url } from './config-vars';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/**
 * Variables every service reads. A service spreads this into its own schema and overrides PORT
 * with its default port: `{ ...baseConfigSchema, PORT: port({ description, default: 3001 }) }`.
 */
export const baseConfigSchema = {
  PORT: port({ description: 'HTTP port the service listens on' }),
  HOST: str({
    description: 'Interface to listen on; 0.0.0.0 in a container, 127.0.0.1 on a workstation',
    default: '127.0.0.1',
  }),
  DATA_DIR: str({
    description:
      'Folder for the embedded SQLite event store and other local data (created if missing)',
    default: './data',
  }),
  LOG_LEVEL: oneOf(LOG_LEVELS, {
    description: 'Minimum level of the JSON log lines',
    default: 'info',
  }),
  EVENTSTORE_CONNECTION_STRING: url({
    description:
      'Production event store: EventStoreDB/KurrentDB (esdb://, kurrentdb://) or PostgreSQL (postgres://user:password@host:5432/db); when unset the embedded SQLite store is used',
    protocols: [
      'esdb',
      'esdb+discover',
      'kurrentdb',
      'kurrentdb+discover',
      'postgres',
      'postgresql',
    ],
    optional: true,
    secret: true,
  }),
  EVENTSTORE_POOL_SIZE: int({
    description: 'PostgreSQL event store: connections in the pool of each service process',
    min: 1,
    max: 200,
    default: 10,
  }),
  EVENTSTORE_SCHEMA: str({
    description:
      'PostgreSQL event store: schema holding the events table (created by the migration at start)',
    default: 'event_store',
  }),
  SQLITE_SYNCHRONOUS: oneOf(['full', 'normal'], {
    description: 'SQLite synchronous mode: full survives power loss, normal is faster (WAL mode)',
    default: 'full',
  }),
  SQLITE_WRITER: oneOf(['event-loop', 'thread'], {
    description:
      'SQLite commits: on the event loop, or in a writer thread so the fsync does not hold the event loop (same durability)',
    default: 'event-loop',
  }),
  WORKER_HEAP_GROWING_PERCENT: int({
    description:
      "Opt-in: caps how far V8 lets each worker's old generation grow past what its last full GC kept (V8's --heap-growing-percent). 50 keeps busy workers 40-100 MiB smaller for 4-7 % more CPU per request; unset is V8's default",
    min: 10,
    max: 300,
    optional: true,
  }),
  WORKER_IDLE_GC_MS: int({
    description:
      'A worker that was busy and then sees its event loop under 5 % busy for this long runs one full garbage collection, which gives the garbage of the load back to the OS (tens of MiB per busy worker), and 6 s later one scavenge that shrinks the young generation; an auth-service worker that stops hashing also gives its argon2 buffer back after this long; 0 never does',
    min: 0,
    max: 3_600_000,
    default: 2_000,
  }),
  WORKER_START_TIMEOUT_MS: int({
    description:
      'With WORKERS > 1: how long the primary waits for every worker to be initialised before the ready ones listen without the others (logged as an error; a late worker listens once ready). The workers listen together, and /health says up once all of them listen',
    min: 1_000,
    max: 3_600_000,
    default: 60_000,
  }),
  WORKERS: int({
    description:
      'Worker processes of the service (node:cluster), sharing its port, store and read models; worker 1 maintains the read models. Default: the number of CPU cores; 1 runs a single process',
    min: 1,
    max: 256,
    optional: true,
  }),
  SHUTDOWN_TIMEOUT_MS: int({
    description:
      'On SIGTERM/SIGINT, how long in-flight requests may finish before being cut off (the whole shutdown: at most twice this + 1 s)',
    min: 0,
    max: 600_000,
    default: 5_000,
  }),
  TRUST_PROXY: str({
    description:
      'Proxies to trust (Fastify trustProxy, the values of Express "trust proxy": e.g. loopback, 1, 10.0.0.0/8) so client IPs come from X-Forwarded-For; unset trusts no proxy',
    optional: true,
  }),
  OPERATIONS_TOKEN: str({
    description:
      'Token of the operations API (/ops/projections, header X-Operations-Token): list, rebuild, retry or skip parked events. Unset in embedded mode: generated into DATA_DIR/keys/operations.token; unset with EVENTSTORE_CONNECTION_STRING: the operations API is closed',
    minLength: 32,
    optional: true,
    secret: true,
  }),
};

export type BaseConfig = ConfigOf<typeof baseConfigSchema>;
