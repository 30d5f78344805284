import { serviceReadModels } from '@accounts/service-kit';
import { Injectable } from '@nestjs/common';
import type { ProfileConfig } from '../config';
import { accountDirectoryProjection } from './account-directory.projection';

/** profile-service's read models (`${DATA_DIR}/profile-service-read.sqlite`), fed from the event store. */
@Injectable()
export class ReadModels extends serviceReadModels<ProfileConfig>((store, config) => ({
  service: 'profile-service',
  source: store,
  projections: [accountDirectoryProjection],
  readYourWritesTimeoutMs: config.READ_YOUR_WRITES_TIMEOUT_MS,
  batchMs: 5,
})) {}
