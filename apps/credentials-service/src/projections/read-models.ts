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
import type { CredentialsConfig } from '../config';
import { accountsProjection } from './accounts.projection';
import { apiCredentialKeysProjection } from './api-credential-keys.projection';

/**
 * The service's read models (`${DATA_DIR}/credentials-service-read.sqlite`): key status from our own
 * streams, accounts from profile-service's `account-` streams (the embedded bus, or Kafka). A stuck
 * key-status model would keep accepting revoked secrets, so a failing projection makes /health down.
 */
@Injectable()
export class ReadModels extends ReadModelsHost {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SERVICE_CONFIG) config: CredentialsConfig,
    registry: HealthIndicatorRegistry,
    indicators: HealthIndicatorService,
  ) {
    super({
      service: 'credentials-service',
      dataDir: config.DATA_DIR,
      // PROFILE_EVENTS_SOURCE=kafka: public account events from accounts.profile.v2 (group credentials-service.accounts).
      source: profileEventsSource(store, config, 'credentials-service', [accountsProjection]),
      projections: [apiCredentialKeysProjection, accountsProjection],
      // Regenerate and revoke must reach the key-status model before the answer: the very next token request sees them.
      readYourWritesTimeoutMs: 5_000,
      health: { registry, indicators },
    });
    // Not a projection (nothing to rebuild it from): LastUsedRecorder's batched writes.
    this.database.db.exec(
      'CREATE TABLE IF NOT EXISTS credential_last_used (credential_id TEXT PRIMARY KEY, last_used_at TEXT NOT NULL)',
    );
  }
}
