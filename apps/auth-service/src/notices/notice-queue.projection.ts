import { defineProjection } from '@accounts/projections';
import type { RecordedEvent } from '@accounts/event-store';
import { deviceLabel, type SecurityNotice } from '../domain';

/** What the reactor must send: a security notice, or the forgotten-password link. */
export type QueuedMessage = SecurityNotice | 'password-reset-link';

/** Event type -> the message it asks for (new-sign-in is decided in apply, from the computers seen). */
const MESSAGE_OF: Readonly<Record<string, QueuedMessage>> = {
  PasswordResetRequested: 'password-reset-link',
  PasswordChanged: 'password-changed',
  PasswordReset: 'password-reset',
  AuthenticationMethodChanged: 'method-changed',
  AuthenticatorEnrolled: 'method-changed',
  RecoveryCodesGenerated: 'recovery-codes-generated',
  RecoveryCodeUsed: 'recovery-code-used',
  AuthenticatorReset: 'authenticator-reset',
  TotpCodeReplayed: 'totp-replayed',
  ApiCredentialGenerated: 'api-credential-generated',
  ApiCredentialRegenerated: 'api-credential-generated',
};

/**
 * The notice queue: one row per event that asks for an email, keyed by eventId (an event delivered
 * twice queues once). Fed from the event store with a checkpoint saved in the same transaction, so
 * an event appended before a crash is queued after the restart. Sent rows are recorded outside the
 * projection (table notice_sent), so a rebuild does not send again.
 */
export const noticeQueueProjection = defineProjection({
  name: 'notice_queue',
  version: 1,
  tables: ['notice_queue', 'known_computers', 'recovery_code_accounts'],
  filter: {
    streamPrefixes: ['authenticator-', 'signinguard-', 'session-', 'apicredentials-'],
    eventTypes: [...Object.keys(MESSAGE_OF), 'SessionStarted'],
  },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.notice_queue} (
      event_id TEXT PRIMARY KEY, position INTEGER NOT NULL, account_id TEXT NOT NULL,
      message TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL);
    CREATE INDEX ${t.notice_queue}_by_position ON ${t.notice_queue} (position);
    CREATE TABLE ${t.known_computers} (account_id TEXT NOT NULL, computer TEXT NOT NULL, PRIMARY KEY (account_id, computer));
    CREATE TABLE ${t.recovery_code_accounts} (account_id TEXT PRIMARY KEY);`,
  apply(event, tx) {
    const data = event.data as Record<string, unknown>;
    const accountId = typeof data['accountId'] === 'string' ? data['accountId'] : null;
    if (!accountId) return;
    let message: QueuedMessage | null = MESSAGE_OF[event.type] ?? null;
    if (event.type === 'SessionStarted') {
      const computer = computerOf(event);
      const seenAny = tx.get(
        `SELECT 1 FROM ${tx.table.known_computers} WHERE account_id = ?`,
        accountId,
      );
      const seenThis = tx.get(
        `SELECT 1 FROM ${tx.table.known_computers} WHERE account_id = ? AND computer = ?`,
        accountId,
        computer,
      );
      tx.run(
        `INSERT OR IGNORE INTO ${tx.table.known_computers} (account_id, computer) VALUES (?, ?)`,
        accountId,
        computer,
      );
      // The very first sign-in of an account has nothing to be compared with: no notice.
      message = seenAny && !seenThis ? 'new-sign-in' : null;
    }
    if (event.type === 'RecoveryCodesGenerated') {
      // The first set comes with setting up a second factor, already told by method-changed.
      const first =
        tx.run(
          `INSERT OR IGNORE INTO ${tx.table.recovery_code_accounts} (account_id) VALUES (?)`,
          accountId,
        ).changes === 1;
      if (first) message = null;
    }
    if (!message) return;
    tx.run(
      `INSERT OR IGNORE INTO ${tx.table.notice_queue} (event_id, position, account_id, message, data, occurred_at) VALUES (?, ?, ?, ?, ?, ?)`,
      event.eventId,
      event.position,
      accountId,
      message,
      JSON.stringify(noticeData(event)),
      event.occurredAt,
    );
  },
});

/** A computer as a notice can tell it: browser and system from the user agent, and the address. */
function computerOf(event: RecordedEvent): string {
  const data = event.data as { ip?: string | null; userAgent?: string | null };
  return `${deviceLabel(data.userAgent ?? null)}|${data.ip ?? ''}`;
}

/** Only what the message shows (never a hash of a secret). */
function noticeData(event: RecordedEvent): Record<string, unknown> {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'PasswordResetRequested':
      return { resetId: data['resetId'], expiresAt: data['expiresAt'] };
    case 'SessionStarted':
      return {
        ip: data['ip'] ?? null,
        browser: deviceLabel((data['userAgent'] as string | null) ?? null),
        at: data['startedAt'],
      };
    case 'AuthenticatorReset':
      return { reason: data['reason'] };
    case 'AuthenticationMethodChanged':
      return { from: data['from'], to: data['to'] };
    case 'RecoveryCodeUsed':
      return { remaining: data['remaining'] };
    case 'ApiCredentialGenerated':
    case 'ApiCredentialRegenerated':
      return {
        clientId: data['clientId'] ?? data['credentialId'] ?? null,
        name: data['name'] ?? null,
        regenerated: event.type === 'ApiCredentialRegenerated',
      };
    default:
      return {};
  }
}
