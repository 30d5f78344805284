import {
  type ApiCredentialGeneratedData,
  type ApiCredentialRegeneratedData,
  type ApiCredentialRevokedData,
  ApiCredentialsStreamPrefix,
  CredentialsEventTypes,
  scopesOfGenerated,
} from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

export const API_CREDENTIAL_KEYS = 'api_credential_keys';

/**
 * Key status (clientId -> hash, status, expiry, account): what POST /oauth/token checks, and what
 * GET /api-credentials lists (without the hash). Rebuildable from position 0 while serving.
 */
export const apiCredentialKeysProjection = defineProjection({
  name: API_CREDENTIAL_KEYS,
  // 2: scopes.
  version: 2,
  tables: ['api_credential_keys'],
  filter: {
    streamPrefixes: [ApiCredentialsStreamPrefix],
    eventTypes: Object.values(CredentialsEventTypes),
  },
  schema: (t) => `
    CREATE TABLE ${t.api_credential_keys} (
      credential_id  TEXT PRIMARY KEY,
      client_id      TEXT NOT NULL UNIQUE,
      account_id     TEXT NOT NULL,
      name           TEXT,
      -- NULL once revoked: nothing left to check against.
      secret_hash    TEXT,
      status         TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
      expires_at     TEXT,
      -- Space-separated ApiScopes.
      scopes         TEXT NOT NULL,
      created_at     TEXT NOT NULL,
      regenerated_at TEXT,
      revoked_at     TEXT
    );
    CREATE INDEX ${t.api_credential_keys}_by_account ON ${t.api_credential_keys} (account_id, created_at);`,
  apply(event, tx) {
    const table = tx.table.api_credential_keys;
    switch (event.type) {
      case CredentialsEventTypes.ApiCredentialGenerated: {
        const d = event.data as ApiCredentialGeneratedData;
        tx.run(
          `INSERT INTO ${table} (credential_id, client_id, account_id, name, secret_hash, status, expires_at, scopes, created_at)
           VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
          d.credentialId,
          d.clientId,
          d.accountId,
          d.name,
          d.secretHash,
          d.expiresAt,
          scopesOfGenerated(d).join(' '),
          event.occurredAt,
        );
        return;
      }
      case CredentialsEventTypes.ApiCredentialRegenerated: {
        const d = event.data as ApiCredentialRegeneratedData;
        tx.run(
          `UPDATE ${table} SET secret_hash = ?, regenerated_at = ? WHERE credential_id = ? AND status = 'active'`,
          d.secretHash,
          event.occurredAt,
          d.credentialId,
        );
        return;
      }
      case CredentialsEventTypes.ApiCredentialRevoked: {
        const d = event.data as ApiCredentialRevokedData;
        tx.run(
          `UPDATE ${table} SET status = 'revoked', secret_hash = NULL, revoked_at = ? WHERE credential_id = ?`,
          event.occurredAt,
          d.credentialId,
        );
        return;
      }
    }
  },
});
