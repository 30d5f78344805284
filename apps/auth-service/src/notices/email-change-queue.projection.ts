import { type AccountEmailChangedData, ProfileStreamPrefixes } from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

/**
 * The old addresses to tell that the account's address changed (ASVS 2.5.5): one row per
 * AccountEmailChanged, from the store or Kafka like profile_facts, hence idempotent by eventId.
 */
export const emailChangeQueueProjection = defineProjection({
  name: 'email_change_queue',
  version: 1,
  tables: ['email_change_queue'],
  filter: { streamPrefixes: [ProfileStreamPrefixes.account], eventTypes: ['AccountEmailChanged'] },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.email_change_queue} (
      event_id TEXT PRIMARY KEY, position INTEGER NOT NULL, account_id TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL);`,
  apply(event, tx) {
    const { accountId, from, to, requestId } = event.data as AccountEmailChangedData;
    tx.run(
      `INSERT OR IGNORE INTO ${tx.table.email_change_queue} (event_id, position, account_id, data, occurred_at) VALUES (?, ?, ?, ?, ?)`,
      event.eventId,
      event.position,
      accountId,
      // requestId: the new address was proven with the link mailed to it.
      JSON.stringify({ from, to, confirmed: requestId !== undefined }),
      event.occurredAt,
    );
  },
});
