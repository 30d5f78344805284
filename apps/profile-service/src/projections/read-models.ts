import { CoalescedReadModelsWait, type ReadModelsWait } from '@accounts/event-sourcing';
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
import { ACCOUNT_DIRECTORY, accountDirectoryProjection } from './account-directory.projection';

/** profile-service's read models (`${DATA_DIR}/profile-service-read.sqlite`), fed from the event store. */
@Injectable()
export class ReadModels extends ReadModelsHost {
  /**
   * Read-your-writes for a write only the directory shows (a profile edit: names, email), shared by
   * the requests waiting at once. Waiting for every model would also check revoked_tokens, whose
   * filter such a write never matches: its checkpoint stays at its last match, so each check scans
   * the store from there (measured: 50-130 ms a check at 100,000 accounts).
   */
  readonly directory: ReadModelsWait = new CoalescedReadModelsWait({
    waitFor: (position) => this.waitFor(position, ACCOUNT_DIRECTORY),
  });

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
