import {
  FallbackLimiterStore,
  LIMITER_STORE,
  type LimiterStore,
  PostgresLimiterStore,
  SqliteLimiterStore,
  type StoredState,
} from '@accounts/security';
import { Injectable, Logger, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { join, resolve } from 'node:path';

export interface LimiterStoreConfig {
  readonly DATA_DIR: string;
  readonly EVENTSTORE_CONNECTION_STRING?: string;
  readonly EVENTSTORE_SCHEMA?: string;
}

/**
 * Where a service's guessing limits are counted: with a PostgreSQL event store, a table in the same
 * database (every replica shares it); otherwise DATA_DIR/<service>-limits.sqlite, shared by the
 * worker processes of the service on this host. While PostgreSQL does not answer, each process
 * counts on its own (a warning a minute says so) rather than refusing every sign-in.
 */
export function createLimiterStore(
  config: LimiterStoreConfig,
  serviceName: string,
  warn: (message: string) => void,
): LimiterStore {
  const connectionString = config.EVENTSTORE_CONNECTION_STRING;
  if (connectionString && /^postgres(ql)?:\/\//i.test(connectionString)) {
    return new FallbackLimiterStore(
      new PostgresLimiterStore({
        connectionString,
        schema: config.EVENTSTORE_SCHEMA,
      }),
      warn,
    );
  }
  return new SqliteLimiterStore(join(resolve(config.DATA_DIR), `${serviceName}-limits.sqlite`));
}

/** Owns the store, opened when the first limiter is built on it (profile-service and audit build none), closed when the app stops. */
@Injectable()
export class LimiterStoreHost implements LimiterStore, OnApplicationShutdown {
  private readonly logger = new Logger('Limits');
  private opened?: LimiterStore;

  constructor(
    private readonly config: LimiterStoreConfig,
    private readonly serviceName: string,
  ) {}

  get<T>(key: string, nowMs: number): T | undefined {
    return this.store().get<T>(key, nowMs);
  }

  update<T>(
    key: string,
    nowMs: number,
    change: (current: T | undefined) => StoredState<T> | undefined,
  ): T | undefined {
    return this.store().update(key, nowMs, change);
  }

  delete(key: string): void {
    this.store().delete(key);
  }

  close(): void {
    this.opened?.close();
    this.opened = undefined;
  }

  /** A limiter was built on it: open it now (connection, table), not in the first request. */
  prepare(): void {
    this.store();
  }

  onApplicationShutdown(): void {
    this.close();
  }

  private store(): LimiterStore {
    this.opened ??= createLimiterStore(this.config, this.serviceName, (message) =>
      this.logger.warn(message),
    );
    return this.opened;
  }
}

export function limiterStoreProviders(config: LimiterStoreConfig, serviceName: string): Provider[] {
  return [
    {
      provide: LimiterStoreHost,
      useFactory: () => new LimiterStoreHost(config, serviceName),
    },
    { provide: LIMITER_STORE, useExisting: LimiterStoreHost },
  ];
}
