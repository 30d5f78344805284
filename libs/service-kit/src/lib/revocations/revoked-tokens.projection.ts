import { AuthenticationStreamPrefixes, ProfileStreamPrefixes } from '@accounts/contracts';
import { defineProjection } from '@accounts/projections';

export const REVOKED_TOKENS = 'revoked_tokens';

/**
 * Longer than any access token lives (300 s) plus the verifiers' clock tolerance: after that no
 * unexpired token of an ended session exists, and the row can go.
 */
export const KEEP_ENDED_SESSIONS_SECONDS = 900;

/**
 * Ended sessions (auth-service's `session-` streams) and disabled accounts (profile-service's
 * `account-` streams), so that every service refuses their access tokens within a second instead
 * of up to their 300 s expiry. Small: a session stays only until its tokens have expired.
 */
export const revokedTokensProjection = defineProjection({
  name: REVOKED_TOKENS,
  version: 1,
  tables: ['ended_sessions', 'disabled_accounts'],
  filter: {
    streamPrefixes: [AuthenticationStreamPrefixes.session, ProfileStreamPrefixes.account],
    eventTypes: ['SessionEnded', 'AccountDisabled', 'AccountEnabled'],
  },
  schema: (t) => `
    CREATE TABLE ${t.ended_sessions} (
      session_id TEXT PRIMARY KEY,
      ended_at_ms INTEGER NOT NULL
    );
    CREATE INDEX ${t.ended_sessions}_by_time ON ${t.ended_sessions} (ended_at_ms);
    CREATE TABLE ${t.disabled_accounts} (account_id TEXT PRIMARY KEY);`,
  apply(event, tx) {
    const data = event.data as {
      sessionId?: unknown;
      accountId?: unknown;
      endedAt?: unknown;
    };
    if (event.type === 'SessionEnded' && typeof data.sessionId === 'string') {
      const endedAtMs = Date.parse(
        typeof data.endedAt === 'string' ? data.endedAt : event.occurredAt,
      );
      tx.run(
        `INSERT OR REPLACE INTO ${tx.table.ended_sessions} (session_id, ended_at_ms) VALUES (?, ?)`,
        data.sessionId,
        endedAtMs,
      );
      // Pruned by event time, so a rebuild ends with the same rows.
      tx.run(
        `DELETE FROM ${tx.table.ended_sessions} WHERE ended_at_ms < ?`,
        endedAtMs - KEEP_ENDED_SESSIONS_SECONDS * 1000,
      );
    } else if (
      event.type === 'AccountDisabled' &&
      typeof data.accountId === 'string'
    ) {
      tx.run(
        `INSERT OR IGNORE INTO ${tx.table.disabled_accounts} (account_id) VALUES (?)`,
        data.accountId,
      );
    } else if (
      event.type === 'AccountEnabled' &&
      typeof data.accountId === 'string'
    ) {
      tx.run(
        `DELETE FROM ${tx.table.disabled_accounts} WHERE account_id = ?`,
        data.accountId,
      );
    }
  },
});
