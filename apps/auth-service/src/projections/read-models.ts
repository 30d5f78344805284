import type { EventStore } from '@accounts/event-store';
import {
  EVENT_STORE,
  HealthIndicatorRegistry,
  profileEventsSource,
  ReadModelsHost,
  SERVICE_CONFIG,
} from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { AuthConfig } from '../config';
import {
  disabledAccountsProjection,
  openSessionsProjection,
} from './disabled-account-sessions.projection';
import { activationLinksProjection } from './activation-links.projection';
import { profileFactsProjection } from './profile-facts.projection';
import { sessionListProjection } from './sessions.projection';
import { trustedDevicesProjection } from './trusted-devices.projection';

/** auth-service's read models (`${DATA_DIR}/auth-service-read.sqlite`), fed from the event store. */
@Injectable()
export class ReadModels extends ReadModelsHost {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_CONFIG) config: AuthConfig,
    registry: HealthIndicatorRegistry,
    indicators: HealthIndicatorService,
  ) {
    super({
      service: 'auth-service',
      dataDir: config.DATA_DIR,
      // Profile facts read public profile events (PROFILE_EVENTS_SOURCE=kafka: accounts.profile.v2, group
      // auth-service.profile_facts), and so does the disabled-account reactor's queue; activation links
      // always come from the store.
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
      ],
      readYourWritesTimeoutMs: 2_000,
      batchMs: 5,
      health: { registry, indicators },
    });
  }
}
