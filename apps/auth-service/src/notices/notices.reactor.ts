import { join } from 'node:path';
import { DeliveryError, NOTIFIER, type Notifier } from '@accounts/notifications';
import type { ReadModelDatabase } from '@accounts/projections';
import { activationLinkToken, emailChangeLinkToken } from '@accounts/security';
import { adoptRetiredTables, QueueReactor, SERVICE_CONFIG } from '@accounts/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { AuthStore } from '../application/shared/auth-store';
import { LinkTokens } from '../application/shared/link-tokens';
import type { AuthConfig } from '../config';
import { emailForCodes, receivesNotice, type SecurityNotice } from '../domain';
import { ReadModels } from '../projections/read-models';
import {
  activationEmail,
  confirmEmailChangeEmail,
  emailChangedEmail,
  noticeEmail,
} from './notice-messages';
import type { QueuedMessage } from './notice-queue.projection';

/** A notice about something older than this is no longer news (e.g. after a projection rebuild). */
const MAX_AGE_MS = 24 * 3600_000;
const MAX_RETRY_DELAY_MS = 5 * 60_000;
/**
 * Notices added after the first release (notice queue v2). The upgrade's rebuild queues their past
 * events too: those that happened before this code first ran are not news, and are not mailed.
 */
const ADDED_IN_QUEUE_V2: readonly QueuedMessage[] = [
  'mobile-phone-changed',
  'account-type-changed',
  'group-restriction-changed',
  'account-disabled',
  'account-enabled',
  'organization-two-factor-changed',
];

interface QueueRow {
  event_id: string;
  account_id: string;
  message: QueuedMessage;
  data: string;
  occurred_at: string;
}

export type NoticeOutcome =
  | 'sent'
  | 'opted-out'
  | 'superseded'
  | 'stale'
  | 'no-account'
  | 'key-mismatch';

/** Nest token of the activation link key (shared with profile-service). */
export const ACTIVATION_LINK_KEY = Symbol('ACTIVATION_LINK_KEY');

/**
 * Sends the security notices and the forgotten-password links, driven from the event store and
 * never from the request: the queues (notice_queue, activation_queue, email_change_queue,
 * email_confirmation_queue) are checkpointed projections of auth's ReadModels, so an event appended
 * just before a crash is sent after the restart; a row is marked in notice_sent only after the
 * notifier accepted it (at-least-once; the notification id `notice-<eventId>` is stable, so every
 * attempt is the same SMTP Message-ID), and an event delivered twice is queued once.
 */
@Injectable()
export class NoticesReactor extends QueueReactor {
  private readonly database: ReadModelDatabase;
  private readonly retries = new Map<string, { attempts: number; notBefore: number }>();

  constructor(
    readModels: ReadModels,
    @Inject(SERVICE_CONFIG) private readonly config: AuthConfig,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly auth: AuthStore,
    private readonly links: LinkTokens,
    @Inject(ACTIVATION_LINK_KEY) private readonly activationKey: Buffer,
  ) {
    super(readModels, 'SecurityNotices');
    this.database = readModels.database;
    // Outside the projection: views are read-only, and a rebuild must not send again.
    this.database.run(
      'CREATE TABLE IF NOT EXISTS notice_sent (event_id TEXT PRIMARY KEY, outcome TEXT NOT NULL, at TEXT NOT NULL)',
    );
    // When this reactor first knew each added notice (kept, so later restarts do not move it).
    this.database.run(
      'CREATE TABLE IF NOT EXISTS notice_kinds_since (message TEXT PRIMARY KEY, since TEXT NOT NULL)',
    );
    // Until this release the queues had a file of their own: what it marked as sent is not sent again.
    if (!readModels.runner.follows)
      adoptRetiredTables(this.database, join(config.DATA_DIR, 'auth-service-notices-read.sqlite'), [
        'notice_sent',
        'notice_kinds_since',
      ]);
    const now = new Date().toISOString();
    for (const message of ADDED_IN_QUEUE_V2)
      this.database.run(
        'INSERT OR IGNORE INTO notice_kinds_since (message, since) VALUES (?, ?)',
        message,
        now,
      );
  }

  /** Sends what is queued and not sent yet, oldest first. */
  protected async work(): Promise<void> {
    const activations = this.database.all<QueueRow>(
      `SELECT q.event_id, q.account_id, 'activation' AS message, q.data, q.occurred_at FROM activation_queue q
       WHERE NOT EXISTS (SELECT 1 FROM notice_sent s WHERE s.event_id = q.event_id) ORDER BY q.position LIMIT 100`,
    );
    await this.sendEach(activations, (row) => this.deliverActivation(row));
    const emailChanges = this.database.all<QueueRow>(
      `SELECT q.event_id, q.account_id, 'email-changed' AS message, q.data, q.occurred_at FROM email_change_queue q
       WHERE NOT EXISTS (SELECT 1 FROM notice_sent s WHERE s.event_id = q.event_id) ORDER BY q.position LIMIT 100`,
    );
    await this.sendEach(emailChanges, (row) => this.deliverEmailChanged(row));
    const confirmations = this.database.all<QueueRow>(
      `SELECT q.event_id, q.account_id, 'email-change-confirmation' AS message, q.data, q.occurred_at FROM email_confirmation_queue q
       WHERE NOT EXISTS (SELECT 1 FROM notice_sent s WHERE s.event_id = q.event_id) ORDER BY q.position LIMIT 100`,
    );
    await this.sendEach(confirmations, (row) => this.deliverEmailConfirmation(row));
    const rows = this.database.all<QueueRow>(
      `SELECT q.event_id, q.account_id, q.message, q.data, q.occurred_at FROM notice_queue q
       WHERE NOT EXISTS (SELECT 1 FROM notice_sent s WHERE s.event_id = q.event_id) ORDER BY q.position LIMIT 100`,
    );
    await this.sendEach(rows, (row) => this.deliver(row));
  }

  private async sendEach(
    rows: QueueRow[],
    deliver: (row: QueueRow) => Promise<NoticeOutcome | null>,
  ): Promise<void> {
    for (const row of rows) {
      const retry = this.retries.get(row.event_id);
      if (retry && retry.notBefore > Date.now()) continue;
      try {
        const outcome = await deliver(row);
        if (outcome === null) continue;
        this.database.run(
          'INSERT OR IGNORE INTO notice_sent (event_id, outcome, at) VALUES (?, ?, ?)',
          row.event_id,
          outcome,
          new Date().toISOString(),
        );
        this.retries.delete(row.event_id);
      } catch (error) {
        const attempts = (retry?.attempts ?? 0) + 1;
        this.retries.set(row.event_id, {
          attempts,
          notBefore: Date.now() + Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** attempts),
        });
        this.logger.warn(
          {
            eventId: row.event_id,
            notice: row.message,
            attempts,
            failure: error instanceof DeliveryError ? error.toFailure() : String(error),
          },
          'Could not deliver a notice; will try again',
        );
      }
    }
  }

  /** The activation email of a new account, unless activated already, expired, or replaced by a newer link. */
  private async deliverActivation(row: QueueRow): Promise<NoticeOutcome | null> {
    const data = JSON.parse(row.data) as {
      linkId: string;
      tokenSha256: string;
      expiresAt: string;
    };
    if (Date.parse(data.expiresAt) <= Date.now()) return 'stale';
    const newer = this.database.get(
      'SELECT 1 FROM activation_queue WHERE account_id = ? AND position > (SELECT position FROM activation_queue WHERE event_id = ?)',
      row.account_id,
      row.event_id,
    );
    if (newer) return 'superseded';
    if ((await this.auth.authenticator(row.account_id)).passwordHash !== null) return 'superseded';
    const recipient = this.database.get<{
      user_name: string;
      email: string;
      time_zone: string;
    }>(
      'SELECT user_name, email, time_zone FROM activation_recipients WHERE account_id = ?',
      row.account_id,
    );
    if (!recipient) return 'no-account';
    const { token, sha256 } = activationLinkToken(this.activationKey, row.account_id, data.linkId);
    if (sha256 !== data.tokenSha256) {
      this.logger.error(
        { eventId: row.event_id, accountId: row.account_id },
        "ACTIVATION_LINK_KEY differs from profile-service's: the activation link cannot be sent",
      );
      return 'key-mismatch';
    }
    const link = `${this.config.WEB_ORIGIN}/activate?token=${token}`;
    const email = activationEmail({
      to: recipient.email,
      userName: recipient.user_name,
      link,
      expiresAt: data.expiresAt,
      timeZone: recipient.time_zone,
    });
    await this.notifier.send({ ...email, id: `notice-${row.event_id}` });
    return 'sent';
  }

  /** Tells the previous address; always sent (security-critical). */
  private async deliverEmailChanged(row: QueueRow): Promise<NoticeOutcome | null> {
    if (Date.parse(row.occurred_at) < Date.now() - MAX_AGE_MS) return 'stale';
    const { from, to, confirmed } = JSON.parse(row.data) as {
      from: string;
      to: string;
      confirmed?: boolean;
    };
    const account = this.recipient(row.account_id);
    if (!account) return Date.parse(row.occurred_at) < Date.now() - 60_000 ? 'no-account' : null;
    const email = emailChangedEmail({
      from,
      to,
      userName: account.userName,
      occurredAt: row.occurred_at,
      confirmed,
      timeZone: account.timeZone,
    });
    await this.notifier.send({ ...email, id: `notice-${row.event_id}` });
    return 'sent';
  }

  /** The link that confirms a new address, to that address, unless replaced, cancelled, used or expired. */
  private async deliverEmailConfirmation(row: QueueRow): Promise<NoticeOutcome | null> {
    const data = JSON.parse(row.data) as {
      email: string;
      requestId: string;
      tokenSha256: string;
      expiresAt: string;
    };
    if (Date.parse(data.expiresAt) <= Date.now()) return 'stale';
    const open = this.database.get<{ request_id: string }>(
      'SELECT request_id FROM email_confirmation_open WHERE account_id = ?',
      row.account_id,
    );
    if (open?.request_id !== data.requestId) return 'superseded';
    const recipient = this.recipient(row.account_id);
    // The recipients are kept by another queue of this runner, which may not have caught up yet.
    if (!recipient) return Date.parse(row.occurred_at) < Date.now() - 60_000 ? 'no-account' : null;
    const { token, sha256 } = emailChangeLinkToken(
      this.activationKey,
      row.account_id,
      data.requestId,
    );
    if (sha256 !== data.tokenSha256) {
      this.logger.error(
        { eventId: row.event_id, accountId: row.account_id },
        "ACTIVATION_LINK_KEY differs from profile-service's: the email confirmation link cannot be sent",
      );
      return 'key-mismatch';
    }
    const email = confirmEmailChangeEmail({
      to: data.email,
      userName: recipient.userName,
      link: `${this.config.WEB_ORIGIN}/confirm-email?token=${token}`,
      expiresAt: data.expiresAt,
      timeZone: recipient.timeZone,
    });
    await this.notifier.send({ ...email, id: `notice-${row.event_id}` });
    return 'sent';
  }

  /**
   * Name, address and time zone of an account, kept by the activation queue from the store's account
   * events, like every queue here: never from profile_facts, which PROFILE_EVENTS_SOURCE=kafka feeds
   * from the profile topic (a notice must not wait on, or be dropped because of, a lagging consumer).
   */
  private recipient(
    accountId: string,
  ): { userName: string; email: string; timeZone: string } | null {
    const row = this.database.get<{
      user_name: string;
      email: string;
      time_zone: string;
    }>(
      'SELECT user_name, email, time_zone FROM activation_recipients WHERE account_id = ?',
      accountId,
    );
    return row ? { userName: row.user_name, email: row.email, timeZone: row.time_zone } : null;
  }

  /** The outcome to record, or null to look again at the next drain (the account is not known yet). */
  private async deliver(row: QueueRow): Promise<NoticeOutcome | null> {
    if (Date.parse(row.occurred_at) < Date.now() - MAX_AGE_MS) return 'stale';
    const known = this.database.get<{ since: string }>(
      'SELECT since FROM notice_kinds_since WHERE message = ?',
      row.message,
    );
    if (known && Date.parse(row.occurred_at) < Date.parse(known.since)) return 'stale';
    const account = this.recipient(row.account_id);
    if (!account) return Date.parse(row.occurred_at) < Date.now() - 60_000 ? 'no-account' : null;
    const state = await this.auth.authenticator(row.account_id);
    const data = JSON.parse(row.data) as Record<string, unknown>;
    let link: string | undefined;
    if (row.message === 'password-reset-link') {
      const reset = state.passwordReset;
      // A newer link was sent, or this one was used or expired: sending it would only confuse.
      if (
        !reset ||
        reset.resetId !== data['resetId'] ||
        reset.used ||
        Date.parse(reset.expiresAt) <= Date.now()
      )
        return 'superseded';
      const token = this.links.token('password-reset', row.account_id, reset.resetId);
      link = `${this.config.WEB_ORIGIN}/reset-password?token=${token}`;
    } else if (!receivesNotice(row.message as SecurityNotice, state.noticesOff)) return 'opted-out';
    // An administrator's change names them by user name (kept beside the recipients from the store).
    const actorId = (data['by'] as { accountId?: string | null } | undefined)?.accountId ?? null;
    const email = noticeEmail(row.message, {
      actorIsRecipient: actorId === row.account_id,
      actorName:
        actorId && actorId !== row.account_id ? (this.recipient(actorId)?.userName ?? null) : null,
      // Like email codes: to the last confirmed address, so a changed, unconfirmed one gets no reset link.
      to: emailForCodes(state, account.email),
      userName: account.userName,
      occurredAt: row.occurred_at,
      data,
      link,
      timeZone: account.timeZone,
    });
    await this.notifier.send({ ...email, id: `notice-${row.event_id}` });
    return 'sent';
  }
}
