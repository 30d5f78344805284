import {
  ApiCredentialsStreamPrefix,
  AuthenticationStreamPrefixes,
  ProfileStreamPrefixes,
} from '@accounts/contracts';
import { defineProjection, type ProjectionTx } from '@accounts/projections';
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
  // profile-service's security changes (account- streams), told to the account's person.
  AccountMobilePhoneChanged: 'mobile-phone-changed',
  AccountTypeChanged: 'account-type-changed',
  AccountGroupRestrictionChanged: 'group-restriction-changed',
  AccountDisabled: 'account-disabled',
  AccountEnabled: 'account-enabled',
};

/** Told to each administrator the organization has when the event happens (kept in org_administrators). */
const ORGANIZATION_MESSAGE_OF: Readonly<Record<string, QueuedMessage>> = {
  OrganizationTwoFactorRequirementChanged: 'organization-two-factor-changed',
};

/**
 * The notice queue: one row per event that asks for an email, keyed by eventId (an event delivered
 * twice queues once). Fed from the event store with a checkpoint saved in the same transaction, so
 * an event appended before a crash is queued after the restart. Sent rows are recorded outside the
 * projection (table notice_sent), so a rebuild does not send again.
 */
export const noticeQueueProjection = defineProjection({
  name: 'notice_queue',
  // 2: profile-service's security changes. The rebuild queues the old events again under the same
  // keys, which notice_sent already holds: nothing is sent twice.
  version: 2,
  tables: ['notice_queue', 'known_computers', 'recovery_code_accounts', 'org_administrators'],
  filter: {
    streamPrefixes: [
      AuthenticationStreamPrefixes.authenticator,
      AuthenticationStreamPrefixes.signInGuard,
      AuthenticationStreamPrefixes.session,
      ApiCredentialsStreamPrefix,
      ProfileStreamPrefixes.account,
      ProfileStreamPrefixes.organization,
    ],
    eventTypes: [
      ...Object.keys(MESSAGE_OF),
      ...Object.keys(ORGANIZATION_MESSAGE_OF),
      'SessionStarted',
      'OrganizationAdministratorAdded',
      'OrganizationAdministratorRemoved',
    ],
  },
  idempotency: 'eventId',
  schema: (t) => `
    CREATE TABLE ${t.notice_queue} (
      event_id TEXT PRIMARY KEY, position INTEGER NOT NULL, account_id TEXT NOT NULL,
      message TEXT NOT NULL, data TEXT NOT NULL, occurred_at TEXT NOT NULL);
    CREATE INDEX ${t.notice_queue}_by_position ON ${t.notice_queue} (position);
    CREATE TABLE ${t.known_computers} (account_id TEXT NOT NULL, computer TEXT NOT NULL, PRIMARY KEY (account_id, computer));
    CREATE TABLE ${t.recovery_code_accounts} (account_id TEXT PRIMARY KEY);
    CREATE TABLE ${t.org_administrators} (org_id TEXT NOT NULL, account_id TEXT NOT NULL, PRIMARY KEY (org_id, account_id));`,
  apply(event, tx) {
    const data = event.data as Record<string, unknown>;
    if (event.streamId.startsWith(ProfileStreamPrefixes.organization)) {
      applyOrganizationEvent(event, tx);
      return;
    }
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

type Tx = ProjectionTx<'notice_queue' | 'org_administrators'>;

/**
 * Keeps each organization's administrators, and queues an organization-wide change once per
 * administrator of that moment: the row key is `<eventId>.<accountId>`, the same at every rebuild.
 */
function applyOrganizationEvent(event: RecordedEvent, tx: Tx): void {
  const data = event.data as Record<string, unknown>;
  const orgId = String(data['orgId']);
  const admins = tx.table.org_administrators;
  if (event.type === 'OrganizationAdministratorAdded') {
    tx.run(
      `INSERT OR IGNORE INTO ${admins} (org_id, account_id) VALUES (?, ?)`,
      orgId,
      data['accountId'],
    );
    return;
  }
  if (event.type === 'OrganizationAdministratorRemoved') {
    tx.run(`DELETE FROM ${admins} WHERE org_id = ? AND account_id = ?`, orgId, data['accountId']);
    return;
  }
  const message = ORGANIZATION_MESSAGE_OF[event.type];
  if (!message) return;
  const recipients = tx.all<{ account_id: string }>(
    `SELECT account_id FROM ${admins} WHERE org_id = ? ORDER BY account_id`,
    orgId,
  );
  for (const { account_id } of recipients)
    tx.run(
      `INSERT OR IGNORE INTO ${tx.table.notice_queue} (event_id, position, account_id, message, data, occurred_at) VALUES (?, ?, ?, ?, ?, ?)`,
      `${event.eventId}.${account_id}`,
      event.position,
      account_id,
      message,
      JSON.stringify(noticeData(event)),
      event.occurredAt,
    );
}

/** Who made a change, as a notice tells it: the acting account is named by the reactor. */
function actorOf(event: RecordedEvent): { kind: string; accountId: string | null } {
  const actor = event.metadata?.actor;
  return { kind: actor?.kind ?? 'system', accountId: actor?.accountId ?? null };
}

/** "ending in 78": enough for the owner to recognise the number, not to learn it. */
function phoneHint(phone: unknown): string | null {
  return typeof phone === 'string' ? phone.replace(/\D/g, '').slice(-2) : null;
}

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
    case 'AccountMobilePhoneChanged':
      // Never the whole number in the read model: its last two digits are what the notice shows.
      return { from: phoneHint(data['from']), to: phoneHint(data['to']), by: actorOf(event) };
    case 'AccountTypeChanged':
    case 'AccountGroupRestrictionChanged':
    case 'OrganizationTwoFactorRequirementChanged':
      return { from: data['from'], to: data['to'], by: actorOf(event) };
    case 'AccountDisabled':
      return { reason: data['reason'] ?? null, by: actorOf(event) };
    case 'AccountEnabled':
      return { by: actorOf(event) };
    default:
      return {};
  }
}
