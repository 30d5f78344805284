import type { EventStore } from '@accounts/event-store';
import {
  EVENT_STORE,
  HealthIndicatorRegistry,
  ReadModelsHost,
  SERVICE_CONFIG,
} from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { ProfileConfig } from '../config';
import { accountDirectoryProjection } from './account-directory.projection';

/** profile-service's read models (`${DATA_DIR}/profile-service-read.sqlite`), fed from the event store. */
@Injectable()
export class ReadModels extends ReadModelsHost {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_CONFIG) config: ProfileConfig,
    registry: HealthIndicatorRegistry,
    indicators: HealthIndicatorService,
  ) {
    super({
      service: 'profile-service',
      dataDir: config.DATA_DIR,
      source: store,
      projections: [accountDirectoryProjection],
      readYourWritesTimeoutMs: config.READ_YOUR_WRITES_TIMEOUT_MS,
      batchMs: 5,
      health: { registry, indicators },
    });
  }
}
