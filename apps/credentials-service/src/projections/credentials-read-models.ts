import type { EventStore } from '@accounts/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { EVENT_STORE, profileEventsSource, SERVICE_CONFIG } from '@accounts/service-kit';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { CredentialsConfig } from '../config';
import { accountsProjection } from './accounts.projection';
import { apiCredentialKeysProjection } from './api-credential-keys.projection';

/** How long a command waits for its events to reach the read models before answering anyway. */
const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/**
 * The service's read models (`${DATA_DIR}/credentials-service-read.sqlite`), fed from the event
 * store by checkpointed subscriptions: key status from our own streams, accounts from
 * profile-service's `account-` streams (the embedded bus).
 */
@Injectable()
export class CredentialsReadModels implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  readonly database: ReadModelDatabase;
  readonly runner: ProjectionRunner;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_CONFIG) config: CredentialsConfig,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('ReadModels');
    this.database = ReadModelDatabase.forService(config.DATA_DIR, 'credentials-service');
    // Not a projection (nothing to rebuild it from): LastUsedRecorder's batched writes.
    this.database.db.exec(
      'CREATE TABLE IF NOT EXISTS credential_last_used (credential_id TEXT PRIMARY KEY, last_used_at TEXT NOT NULL)',
    );
    this.runner = new ProjectionRunner({
      database: this.database,
      // PROFILE_EVENTS_SOURCE=kafka: accounts from accounts.profile.v1 (group credentials-service.accounts).
      source: profileEventsSource(store, config, 'credentials-service', [accountsProjection]),
      projections: [apiCredentialKeysProjection, accountsProjection],
      logger: {
        info: (details, message) => logger.info(details, message),
        warn: (details, message) => logger.warn(details, message),
        error: (details, message) => logger.error(details, message),
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
  }

  /** Stops at a consistent checkpoint while the store is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  onApplicationShutdown(): void {
    this.database.close();
  }

  /**
   * Read-your-writes: resolves once the events up to `position` are in the read models, so a
   * regenerated or revoked secret is refused by the very next token request. A timeout is logged,
   * not thrown: the events are stored and the read model will catch up.
   */
  async caughtUpTo(position: number): Promise<void> {
    if (position <= 0) return;
    if (await this.runner.waitForPosition(position, READ_YOUR_WRITES_TIMEOUT_MS)) return;
    this.logger.warn({ position }, 'read models still behind the store after a command; they will catch up');
  }

  /** Rebuilds one projection from position 0 into a fresh copy while the live one keeps answering. */
  rebuild(name: string): Promise<void> {
    return this.runner.rebuild(name);
  }
}
