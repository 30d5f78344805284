import { AuthenticationStreamPrefixes, ProfileStreamPrefixes } from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

/**
 * Work queue of the disabled-account reactor: the accounts disabled (profile events, from the store or
 * from Kafka like profile_facts, hence idempotent by eventId) whose sessions are still to be ended.
 */
export const disabledAccountsProjection = defineProjection({
  name: 'disabled_accounts',
  version: 1,
  tables: ['disabled_pending'],
  // Only the two types it applies: the public profile stream (store or Kafka) carries no others.
  filter: {
    streamPrefixes: [ProfileStreamPrefixes.account],
    eventTypes: ['AccountDisabled', 'AccountEnabled'],
  },
  idempotency: 'eventId',
  schema: (t) =>
    `CREATE TABLE ${t.disabled_pending} (account_id TEXT PRIMARY KEY, event_id TEXT NOT NULL);`,
  apply(event, tx) {
    const accountId = (event.data as { accountId?: string }).accountId;
    if (event.type === 'AccountDisabled')
      tx.run(
        `INSERT OR REPLACE INTO ${tx.table.disabled_pending} (account_id, event_id) VALUES (?, ?)`,
        accountId,
        event.eventId,
      );
    else if (event.type === 'AccountEnabled')
      tx.run(`DELETE FROM ${tx.table.disabled_pending} WHERE account_id = ?`, accountId);
  },
});

/** The open sessions per account, from auth-service's own session streams. */
export const openSessionsProjection = defineProjection({
  name: 'open_sessions',
  version: 1,
  tables: ['open_sessions'],
  // Refreshes (the hot path) change nothing here: the subscription does not even read them.
  filter: {
    streamPrefixes: [AuthenticationStreamPrefixes.session],
    eventTypes: ['SessionStarted', 'SessionEnded'],
  },
  schema: (t) => `
    CREATE TABLE ${t.open_sessions} (session_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, org_id TEXT);
    CREATE INDEX ${t.open_sessions}_by_account ON ${t.open_sessions} (account_id);`,
  apply(event, tx) {
    const data = event.data as Record<string, unknown>;
    if (event.type === 'SessionStarted')
      tx.run(
        `INSERT OR REPLACE INTO ${tx.table.open_sessions} (session_id, account_id, org_id) VALUES (?, ?, ?)`,
        data['sessionId'],
        data['accountId'],
        data['orgId'] ?? null,
      );
    else if (event.type === 'SessionEnded')
      tx.run(`DELETE FROM ${tx.table.open_sessions} WHERE session_id = ?`, data['sessionId']);
  },
});
