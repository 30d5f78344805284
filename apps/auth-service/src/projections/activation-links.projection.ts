import { ProfileStreamPrefixes } from '@accounts/contracts';
import type { AccountActivationReissuedData, AccountRegisteredData } from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

export const ACTIVATION_LINKS = 'activation_links';

/**
 * Which activation token (by its SHA-256) activates which account, until when. Always read from the
 * shared event store, never from Kafka: the token hash is deliberately not in the public
 * AccountRegistered, so that no topic reader holds anything that checks a link.
 */
export const activationLinksProjection = defineProjection({
  name: ACTIVATION_LINKS,
  // 2: AccountActivationReissued replaces the account's link (only the newest one works).
  version: 2,
  tables: ['activation_links'],
  filter: {
    streamPrefixes: [ProfileStreamPrefixes.account],
    eventTypes: ['AccountRegistered', 'AccountActivationReissued'],
  },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.activation_links} (
      account_id   TEXT PRIMARY KEY,
      token_sha256 TEXT NOT NULL,
      expires_at   TEXT NOT NULL
    );
    CREATE INDEX ${t.activation_links}_by_token ON ${t.activation_links} (token_sha256);`,
  apply(event, tx) {
    const { accountId, activation } = event.data as
      | AccountRegisteredData
      | AccountActivationReissuedData;
    if (!activation) return;
    tx.run(
      `INSERT OR REPLACE INTO ${tx.table.activation_links} (account_id, token_sha256, expires_at) VALUES (?, ?, ?)`,
      accountId,
      activation.tokenSha256,
      activation.expiresAt,
    );
  },
});
