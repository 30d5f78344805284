import { type AccountEmailChangeRequestedData, ProfileStreamPrefixes } from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

/**
 * The confirmation links to mail to new addresses: one row per AccountEmailChangeRequested (internal
 * event, read from the store: it is not published). `email_confirmation_open` holds each account's
 * pending request, so a replaced, cancelled or confirmed request is not mailed after the fact.
 */
export const emailConfirmationQueueProjection = defineProjection({
  name: 'email_confirmation_queue',
  version: 1,
  tables: ['email_confirmation_queue', 'email_confirmation_open'],
  filter: {
    streamPrefixes: [ProfileStreamPrefixes.account],
    eventTypes: [
      'AccountEmailChangeRequested',
      'AccountEmailChangeCancelled',
      'AccountEmailChanged',
    ],
  },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.email_confirmation_queue} (
      event_id TEXT PRIMARY KEY, position INTEGER NOT NULL, account_id TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL);
    CREATE TABLE ${t.email_confirmation_open} (account_id TEXT PRIMARY KEY, request_id TEXT NOT NULL);`,
  apply(event, tx) {
    const data = event.data as Record<string, unknown>;
    const accountId = String(data['accountId']);
    if (event.type !== 'AccountEmailChangeRequested') {
      tx.run(`DELETE FROM ${tx.table.email_confirmation_open} WHERE account_id = ?`, accountId);
      return;
    }
    const requested = data as unknown as AccountEmailChangeRequestedData;
    tx.run(
      `INSERT OR REPLACE INTO ${tx.table.email_confirmation_open} (account_id, request_id) VALUES (?, ?)`,
      accountId,
      requested.requestId,
    );
    tx.run(
      `INSERT OR IGNORE INTO ${tx.table.email_confirmation_queue} (event_id, position, account_id, data, occurred_at) VALUES (?, ?, ?, ?, ?)`,
      event.eventId,
      event.position,
      accountId,
      // The token is rebuilt from requestId by the reactor; its hash is here to check the key.
      JSON.stringify({
        email: requested.email,
        requestId: requested.requestId,
        tokenSha256: requested.tokenSha256,
        expiresAt: requested.expiresAt,
      }),
      event.occurredAt,
    );
  },
});
