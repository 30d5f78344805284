import { serviceReadModels } from '@accounts/service-kit';
import { Injectable } from '@nestjs/common';
import { SERVICE_NAME } from '../app/service-name';
import type { AuditConfig } from '../config';
import { accountIndexProjection } from './account-index.projection';
import { AccountIndexQueries } from './account-index.queries';

/** The audit service's one read model, the account index (`${DATA_DIR}/audit-read.sqlite`). */
@Injectable()
export class ReadModels extends serviceReadModels<AuditConfig>((store, config) => ({
  service: SERVICE_NAME,
  source: store,
  projections: [accountIndexProjection],
  readYourWritesTimeoutMs: config.AUDIT_INDEX_WAIT_MS,
})) {
  readonly index = new AccountIndexQueries(this.database);
}
