import { CoalescedReadModelsWait, type ReadModelsWait } from '@accounts/event-sourcing';
import { serviceReadModels } from '@accounts/service-kit';
import { Injectable } from '@nestjs/common';
import type { ProfileConfig } from '../config';
import { ACCOUNT_DIRECTORY, accountDirectoryProjection } from './account-directory.projection';

/** profile-service's read models (`${DATA_DIR}/profile-service-read.sqlite`), fed from the event store. */
@Injectable()
export class ReadModels extends serviceReadModels<ProfileConfig>((store, config) => ({
  service: 'profile-service',
  source: store,
  projections: [accountDirectoryProjection],
  readYourWritesTimeoutMs: config.READ_YOUR_WRITES_TIMEOUT_MS,
  batchMs: 5,
})) {
  /**
   * Read-your-writes for a write only the directory shows (a profile edit: names, email), shared by
   * the requests waiting at once. Waiting for every model would also check revoked_tokens, whose
   * filter such a write never matches: its checkpoint stays at its last match, so each check scans
   * the store from there (measured: 50-130 ms a check at 100,000 accounts). The position waited for is
   * always the last event of an account stream, which the directory takes: the checks need not scan
   * the store for the directory's next event (`ownEvent`).
   */
  readonly directory: ReadModelsWait = new CoalescedReadModelsWait({
    waitFor: (position) => this.waitFor(position, ACCOUNT_DIRECTORY, undefined, true),
  });
}
