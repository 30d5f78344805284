import { profileEventsSource, serviceReadModels } from '@accounts/service-kit';
import { Injectable } from '@nestjs/common';
import type { CredentialsConfig } from '../config';
import { accountsProjection } from './accounts.projection';
import { apiCredentialKeysProjection } from './api-credential-keys.projection';

/**
 * The service's read models (`${DATA_DIR}/credentials-service-read.sqlite`): key status from our own
 * streams, accounts from profile-service's `account-` streams (the embedded bus, or Kafka). A stuck
 * key-status model would keep accepting revoked secrets, so a failing projection makes /health down.
 */
@Injectable()
export class ReadModels extends serviceReadModels<CredentialsConfig>((store, config) => ({
  service: 'credentials-service',
  // PROFILE_EVENTS_SOURCE=kafka: public account events from accounts.profile.v2 (group credentials-service.accounts).
  source: profileEventsSource(store, config, 'credentials-service', [accountsProjection]),
  projections: [apiCredentialKeysProjection, accountsProjection],
  // Regenerate and revoke must reach the key-status model before the answer: the very next token request sees them.
  readYourWritesTimeoutMs: 5_000,
  // Not a projection (nothing to rebuild it from): LastUsedRecorder's batched writes.
  ownTables:
    'CREATE TABLE IF NOT EXISTS credential_last_used (credential_id TEXT PRIMARY KEY, last_used_at TEXT NOT NULL)',
})) {}
