import type { EventStore } from '@accounts/event-store';
import { type ProjectionLogger, ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { EVENT_STORE, HealthIndicatorRegistry, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { ProfileConfig } from '../config';
import { accountDirectoryProjection } from './account-directory.projection';

/**
 * profile-service's read models (`${DATA_DIR}/profile-service-read.sqlite`), fed from the event store
 * from their checkpoints while the app runs.
 */
@Injectable()
export class ReadModels implements OnModuleInit, OnApplicationShutdown {
  readonly database: ReadModelDatabase;
  readonly runner: ProjectionRunner;
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_CONFIG) private readonly config: ProfileConfig,
    private readonly health: HealthIndicatorRegistry,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.database = ReadModelDatabase.forService(config.DATA_DIR, 'profile-service');
    this.runner = new ProjectionRunner({
      database: this.database,
      source: store,
      projections: [accountDirectoryProjection],
      // Writes wait for the directory before answering: small batches keep that wait short.
      batchMs: 5,
      logger: this.projectionLogger(),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
    this.health.register(() => this.check());
  }

  /** Runs before the store closes (global module, last), so the checkpoint is saved. */
  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    this.database.close();
  }

  /**
   * Read-your-writes: waits until the read models include `position` (a write's last event). After the
   * timeout the write still succeeded; only a listing right after it may not show it yet.
   */
  async waitFor(position: number): Promise<void> {
    if (position <= 0) return;
    const reached = await this.runner.waitForPosition(position, this.config.READ_YOUR_WRITES_TIMEOUT_MS);
    if (!reached) this.logger.warn({ position }, 'Read models lag behind a write; answering anyway');
  }

  private async check(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('projections');
    const statuses = await this.runner.status();
    const details = Object.fromEntries(
      statuses.map((s) => [s.name, { lag: s.lag ?? null, caughtUp: s.caughtUp, parkedEvents: s.parkedEvents, ...(s.error && { error: s.error }) }]),
    );
    return statuses.some((s) => s.error) ? session.down(details) : session.up(details);
  }

  private projectionLogger(): ProjectionLogger {
    return {
      info: (details, message) => this.logger.log({ ...details, msg: message }),
      warn: (details, message) => this.logger.warn({ ...details, msg: message }),
      error: (details, message) => this.logger.error({ ...details, msg: message }),
    };
  }
}
