import { profileEventsSource, serviceReadModels } from '@accounts/service-kit';
import { Injectable } from '@nestjs/common';
import type { AuthConfig } from '../config';
import {
  disabledAccountsProjection,
  openSessionsProjection,
} from './disabled-account-sessions.projection';
import { provenEmailsProjection } from './proven-emails.projection';
import { activationQueueProjection } from '../notices/activation-queue.projection';
import { emailChangeQueueProjection } from '../notices/email-change-queue.projection';
import { emailConfirmationQueueProjection } from '../notices/email-confirmation-queue.projection';
import { noticeQueueProjection } from '../notices/notice-queue.projection';
import { activationLinksProjection } from './activation-links.projection';
import { profileFactsProjection } from './profile-facts.projection';
import { sessionListProjection } from './sessions.projection';
import { trustedDevicesProjection } from './trusted-devices.projection';

/** auth-service's read models (`${DATA_DIR}/auth-service-read.sqlite`), fed from the event store. */
@Injectable()
export class ReadModels extends serviceReadModels<AuthConfig>((store, config) => ({
  service: 'auth-service',
  // Profile facts read public profile events (PROFILE_EVENTS_SOURCE=kafka: accounts.profile.v2, group
  // auth-service.profile_facts), and so does the disabled-account reactor's queue; activation links
  // and the notice and proven-email queues always come from the store (the activation link's hash,
  // the old email address and the confirmation's requestId are not in the public events).
  source: profileEventsSource(store, config, 'auth-service', [
    profileFactsProjection,
    disabledAccountsProjection,
  ]),
  projections: [
    profileFactsProjection,
    activationLinksProjection,
    sessionListProjection,
    trustedDevicesProjection,
    // The disabled-account reactor's queue and the open sessions it ends (DisabledAccountSessionsReactor).
    disabledAccountsProjection,
    openSessionsProjection,
    // The notices reactor's queues (NoticesReactor) and the proven-emails reactor's (ProvenEmailsReactor).
    noticeQueueProjection,
    activationQueueProjection,
    emailChangeQueueProjection,
    emailConfirmationQueueProjection,
    provenEmailsProjection,
  ],
  readYourWritesTimeoutMs: 2_000,
  batchMs: 5,
})) {}
