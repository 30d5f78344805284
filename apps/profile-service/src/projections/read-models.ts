import { CoalescedReadModelsWait, type ReadModelsWait } from '@accounts/event-sourcing';
import type { EventStore } from '@accounts/event-store';
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
   * A listing's read-your-writes, on the read side: profile edits do not wait for the directory (their
   * answer is the state they decided), so a listing first waits until the directory holds every event
   * committed before it started, whoever wrote it and on whichever worker. Listings waiting at once share
   * one wait. Waiting for every model would also check revoked_tokens, whose filter an account write
   * never matches: its checkpoint stays at its last match, so each check would scan the store from there
   * (measured: 50-130 ms a check at 100,000 accounts).
   */
  private readonly directoryWait: ReadModelsWait = new CoalescedReadModelsWait({
    waitFor: (position) => this.waitFor(position, ACCOUNT_DIRECTORY),
  });

  /** Resolves once the directory shows every write committed before the call (or after the timeout). */
  async directoryUpToDate(store: Pick<EventStore, 'headPosition'>): Promise<void> {
    await this.directoryWait.waitFor(await store.headPosition());
  }
}
