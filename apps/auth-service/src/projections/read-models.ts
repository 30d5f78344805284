import type { EventStore } from '@accounts/event-store';
import { type ProjectionLogger, ProjectionRunner, ReadModelDatabase } from '@accounts/projections';
import { EVENT_STORE, HealthIndicatorRegistry, profileEventsSource, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { AuthConfig } from '../config';
import { profileFactsProjection } from './profile-facts.projection';
import { sessionListProjection } from './sessions.projection';
import { trustedDevicesProjection } from './trusted-devices.projection';

/** auth-service's read models (`${DATA_DIR}/auth-service-read.sqlite`), fed from the event store. */
@Injectable()
export class ReadModels implements OnModuleInit, OnApplicationShutdown {
  readonly database: ReadModelDatabase;
  readonly runner: ProjectionRunner;
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_CONFIG) config: AuthConfig,
    private readonly health: HealthIndicatorRegistry,
    private readonly indicators: HealthIndicatorService,
  ) {
    this.database = ReadModelDatabase.forService(config.DATA_DIR, 'auth-service');
    this.runner = new ProjectionRunner({
      database: this.database,
      // PROFILE_EVENTS_SOURCE=kafka: profile facts from accounts.profile.v1 (group auth-service.profile_facts).
      source: profileEventsSource(store, config, 'auth-service', [profileFactsProjection]),
      projections: [profileFactsProjection, sessionListProjection, trustedDevicesProjection],
      batchMs: 5,
      logger: this.projectionLogger(),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
    this.health.register(() => this.check());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    this.database.close();
  }

  /** Read-your-writes (one projection, or all of them); answers anyway after the timeout. */
  async waitFor(position: number, timeoutMs = 2000, projection?: string): Promise<void> {
    if (position <= 0) return;
    if (!(await this.runner.waitForPosition(position, timeoutMs, projection)))
      this.logger.warn({ position, projection }, 'Read models lag behind a write; answering anyway');
  }

  private async check(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check('projections');
    const statuses = await this.runner.status();
    const details = Object.fromEntries(statuses.map((s) => [s.name, { lag: s.lag ?? null, caughtUp: s.caughtUp, parkedEvents: s.parkedEvents }]));
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
