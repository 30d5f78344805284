import type { AccountRegisteredData } from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

/**
 * The activation emails to send: one row per AccountRegistered that carries a linkId (profile
 * events, from the store or from Kafka like profile_facts, hence idempotent by eventId).
 */
export const activationQueueProjection = defineProjection({
  name: 'activation_queue',
  version: 1,
  tables: ['activation_queue'],
  filter: { streamPrefixes: ['account-'], eventTypes: ['AccountRegistered'] },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.activation_queue} (
      event_id TEXT PRIMARY KEY, position INTEGER NOT NULL, account_id TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL);`,
  apply(event, tx) {
    const data = event.data as AccountRegisteredData;
    if (!data.activation?.linkId) return;
    const { accountId, userName, email, timeZone, activation } = data;
    tx.run(
      `INSERT OR IGNORE INTO ${tx.table.activation_queue} (event_id, position, account_id, data, occurred_at) VALUES (?, ?, ?, ?, ?)`,
      event.eventId,
      event.position,
      accountId,
      // Only what the email needs; the token is rebuilt from linkId by the reactor.
      JSON.stringify({
        userName,
        email,
        timeZone,
        linkId: activation.linkId,
        tokenSha256: activation.tokenSha256,
        expiresAt: activation.expiresAt,
      }),
      event.occurredAt,
    );
  },
});
