import type { EventStore } from '@accounts/event-store';
import {
  EVENT_STORE,
  HealthIndicatorRegistry,
  ReadModelsHost,
  SERVICE_CONFIG,
} from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SERVICE_NAME } from '../app/service-name';
import type { AuditConfig } from '../config';
import { accountIndexProjection } from './account-index.projection';
import { AccountIndexQueries } from './account-index.queries';

/** The audit service's one read model, the account index (`${DATA_DIR}/audit-read.sqlite`). */
@Injectable()
export class AuditReadModels extends ReadModelsHost {
  readonly index: AccountIndexQueries;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_CONFIG) config: AuditConfig,
    registry: HealthIndicatorRegistry,
    indicators: HealthIndicatorService,
  ) {
    super({
      service: SERVICE_NAME,
      dataDir: config.DATA_DIR,
      source: store,
      projections: [accountIndexProjection],
      readYourWritesTimeoutMs: config.AUDIT_INDEX_WAIT_MS,
      health: { registry, indicators },
    });
    this.index = new AccountIndexQueries(this.database);
  }
}
