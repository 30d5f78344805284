import {
  ApiCredentialsStreamPrefix,
  AuthenticationStreamPrefixes,
  CredentialsEventTypes,
  ProfileStreamPrefixes,
} from '@accounts/contracts';
import { defineProjection, type ProjectionTx } from '@accounts/projections';

export const REVOKED_TOKENS = 'revoked_tokens';

/**
 * Longer than any access token lives (300 s) plus the verifiers' clock tolerance: after that no
 * unexpired token of an ended session exists, and the row can go.
 */
export const KEEP_ENDED_SESSIONS_SECONDS = 900;

/**
 * Ended sessions (auth-service's `session-` streams), disabled accounts (profile-service's
 * `account-` streams) and revoked or regenerated API credentials (credentials-service's
 * `apicredentials-` streams), so that every service refuses their access tokens within a second
 * instead of up to their 300 s expiry. Small: a session or credential stays only until its tokens
 * have expired. Version 2 added the credentials: the bump rebuilds it from the store.
 */
export const revokedTokensProjection = defineProjection({
  name: REVOKED_TOKENS,
  version: 2,
  tables: ['ended_sessions', 'disabled_accounts', 'revoked_credentials', 'regenerated_credentials'],
  filter: {
    streamPrefixes: [
      AuthenticationStreamPrefixes.session,
      ProfileStreamPrefixes.account,
      ApiCredentialsStreamPrefix,
    ],
    eventTypes: [
      'SessionEnded',
      'AccountDisabled',
      'AccountEnabled',
      CredentialsEventTypes.ApiCredentialRevoked,
      CredentialsEventTypes.ApiCredentialRegenerated,
    ],
  },
  schema: (t) => `
    CREATE TABLE ${t.ended_sessions} (
      session_id TEXT PRIMARY KEY,
      ended_at_ms INTEGER NOT NULL
    );
    CREATE INDEX ${t.ended_sessions}_by_time ON ${t.ended_sessions} (ended_at_ms);
    CREATE TABLE ${t.disabled_accounts} (account_id TEXT PRIMARY KEY);
    CREATE TABLE ${t.revoked_credentials} (
      credential_id TEXT PRIMARY KEY,
      revoked_at_ms INTEGER NOT NULL
    );
    CREATE INDEX ${t.revoked_credentials}_by_time ON ${t.revoked_credentials} (revoked_at_ms);
    CREATE TABLE ${t.regenerated_credentials} (
      credential_id TEXT PRIMARY KEY,
      regenerated_at_ms INTEGER NOT NULL
    );
    CREATE INDEX ${t.regenerated_credentials}_by_time ON ${t.regenerated_credentials} (regenerated_at_ms);`,
  apply(event, tx) {
    const data = event.data as {
      sessionId?: unknown;
      accountId?: unknown;
      endedAt?: unknown;
      credentialId?: unknown;
    };
    if (
      (event.type === CredentialsEventTypes.ApiCredentialRevoked ||
        event.type === CredentialsEventTypes.ApiCredentialRegenerated) &&
      typeof data.credentialId === 'string'
    ) {
      applyCredentialEvent(event.type, data.credentialId, Date.parse(event.occurredAt), tx);
      return;
    }
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
    } else if (event.type === 'AccountDisabled' && typeof data.accountId === 'string') {
      tx.run(
        `INSERT OR IGNORE INTO ${tx.table.disabled_accounts} (account_id) VALUES (?)`,
        data.accountId,
      );
    } else if (event.type === 'AccountEnabled' && typeof data.accountId === 'string') {
      tx.run(`DELETE FROM ${tx.table.disabled_accounts} WHERE account_id = ?`, data.accountId);
    }
  },
});

type RevokedTokensTable =
  | 'ended_sessions'
  | 'disabled_accounts'
  | 'revoked_credentials'
  | 'regenerated_credentials';

/**
 * A revoked credential: every token of it. A regenerated one: the tokens issued before its latest
 * regeneration (the occurredAt of the event). Both forgotten once such tokens have expired, pruned
 * by event time so that a rebuild ends with the same rows.
 */
function applyCredentialEvent(
  type: string,
  credentialId: string,
  atMs: number,
  tx: ProjectionTx<RevokedTokensTable>,
): void {
  if (type === CredentialsEventTypes.ApiCredentialRevoked) {
    tx.run(
      `INSERT OR REPLACE INTO ${tx.table.revoked_credentials} (credential_id, revoked_at_ms) VALUES (?, ?)`,
      credentialId,
      atMs,
    );
  } else {
    tx.run(
      `INSERT OR REPLACE INTO ${tx.table.regenerated_credentials} (credential_id, regenerated_at_ms) VALUES (?, ?)`,
      credentialId,
      atMs,
    );
  }
  const forgetBefore = atMs - KEEP_ENDED_SESSIONS_SECONDS * 1000;
  tx.run(`DELETE FROM ${tx.table.revoked_credentials} WHERE revoked_at_ms < ?`, forgetBefore);
  tx.run(
    `DELETE FROM ${tx.table.regenerated_credentials} WHERE regenerated_at_ms < ?`,
    forgetBefore,
  );
}
