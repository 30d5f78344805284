import { type AccountEmailChangedData, ProfileStreamPrefixes } from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

/**
 * Work queue of the proven-email reactor: each AccountEmailChanged that carries a requestId (the new
 * address was confirmed with the link mailed to it). Read from the store, always: the public event on
 * Kafka does not say how the change was confirmed. Idempotent by eventId.
 */
export const provenEmailsProjection = defineProjection({
  name: 'proven_emails',
  version: 1,
  tables: ['proven_emails'],
  filter: { streamPrefixes: [ProfileStreamPrefixes.account], eventTypes: ['AccountEmailChanged'] },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.proven_emails} (
      event_id TEXT PRIMARY KEY, position INTEGER NOT NULL, account_id TEXT NOT NULL, org_id TEXT, email TEXT NOT NULL, proven_at TEXT NOT NULL);`,
  apply(event, tx) {
    const { accountId, to, requestId } = event.data as AccountEmailChangedData;
    if (requestId === undefined) return;
    tx.run(
      `INSERT OR IGNORE INTO ${tx.table.proven_emails} (event_id, position, account_id, org_id, email, proven_at) VALUES (?, ?, ?, ?, ?, ?)`,
      event.eventId,
      event.position,
      accountId,
      event.metadata.orgId ?? null,
      to,
      event.occurredAt,
    );
  },
});
