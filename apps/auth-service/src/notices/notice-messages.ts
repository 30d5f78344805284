import type { EmailNotification } from '@accounts/notifications';
import type { QueuedMessage } from './notice-queue.projection';

export interface NoticeContext {
  readonly to: string;
  readonly userName: string;
  readonly occurredAt: string;
  readonly data: Record<string, unknown>;
  /** Only for password-reset-link: the link rebuilt from the event by the reactor. */
  readonly link?: string;
  /** The account's IANA zone: every time in a notice is shown in it (UTC when unknown). */
  readonly timeZone?: string;
  /** Whoever made the change (from the event's actor), when it is another account: its user name. */
  readonly actorName?: string | null;
  /** The recipient made the change themselves (or someone holding their session). */
  readonly actorIsRecipient?: boolean;
}

/** The actor of a queued change, as noticeData keeps it from the event's metadata. */
interface QueuedActor {
  readonly kind?: string;
  readonly accountId?: string | null;
}

/** "an administrator (alice)": who made a change, by user name when auth-service knows the account. */
export function actorPhrase(ctx: NoticeContext): string {
  const by = (ctx.data['by'] ?? {}) as QueuedActor;
  if (ctx.actorIsRecipient) return 'you (or someone signed in to your account)';
  const named = ctx.actorName ? ` (${ctx.actorName})` : '';
  switch (by.kind) {
    case 'admin':
      return `an administrator${named}`;
    case 'api':
      return `an API credential${ctx.actorName ? ` of ${ctx.actorName}` : ''}`;
    case 'user':
      return ctx.actorName ?? 'a user of your organization';
    default:
      return 'the system';
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** { kind: 'all' } -> "all device groups"; { kind: 'groups', groups } -> "only these groups: Lyon, Paris". */
function groupsPhrase(value: unknown): string {
  const restriction = value as { kind?: string; groups?: readonly string[] } | null;
  if (restriction?.kind !== 'groups') return 'all device groups';
  const groups = restriction.groups ?? [];
  return groups.length === 0 ? 'no device group' : `only these groups: ${groups.join(', ')}`;
}

function phoneChange(from: unknown, to: unknown): string {
  const ending = (digits: unknown) => `the number ending in ${String(digits)}`;
  if (to === null || to === undefined) return `was removed (it was ${ending(from)})`;
  if (from === null || from === undefined) return `was set to ${ending(to)}`;
  return `was changed from ${ending(from)} to ${ending(to)}`;
}

const CONTACT_ADMIN = 'If you did not expect this, contact an administrator of your organization.';

const IF_NOT_YOU =
  'If it was not you, reset your password now and tell an administrator of your organization.';

/** "Tue, 1 Dec 2026, 10:14 UTC": times in notices are spelled out, with their zone. */
export function readableTime(iso: string, timeZone = 'UTC'): string {
  if (timeZone !== 'UTC' && !isTimeZone(timeZone)) return readableTime(iso, 'UTC');
  const formatted = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
  return `${formatted} ${timeZone}`;
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The activation email of a new account: the link, and until when it works in the account's time zone. */
export function activationEmail(input: {
  to: string;
  userName: string;
  link: string;
  expiresAt: string;
  timeZone: string;
}): EmailNotification {
  return {
    kind: 'email',
    to: input.to,
    subject: 'Activate your account',
    text:
      `Hello ${input.userName},\n\nAn account was created for you. Open this link to choose your password and activate it:\n\n${input.link}\n\n` +
      `The link works once and until ${readableTime(input.expiresAt, input.timeZone)}. If it has expired, ask your administrator for a new one.\n`,
    tag: 'activation',
  };
}

/** To the previous address after a change: the owner learns of it even if the new address is not theirs. */
export function emailChangedEmail(input: {
  from: string;
  to: string;
  userName: string;
  occurredAt: string;
  /** The new address was confirmed with the link mailed to it. */
  confirmed?: boolean;
  timeZone?: string;
}): EmailNotification {
  const after = input.confirmed
    ? 'The new address was confirmed with the link we sent to it: sign-in codes and notices now go there.'
    : 'Sign-in codes keep coming here until the new address is confirmed.';
  return {
    kind: 'email',
    to: input.from,
    subject: 'The email address of your account changed',
    text:
      `Hello ${input.userName},\n\nThe email address of your account was changed on ${readableTime(input.occurredAt, input.timeZone)} ` +
      `from this address to ${maskAddress(input.to)}. ${after}\n\n${IF_NOT_YOU}\n`,
    tag: 'email-changed',
  };
}

/** To the new address: the link that makes it the account's address; until then nothing changes. */
export function confirmEmailChangeEmail(input: {
  to: string;
  userName: string;
  link: string;
  expiresAt: string;
  timeZone: string;
}): EmailNotification {
  return {
    kind: 'email',
    to: input.to,
    subject: 'Confirm your new email address',
    text:
      `Hello ${input.userName},\n\nSomeone (hopefully you) asked to use this address for the account ${input.userName}. ` +
      `Open this link, signed in to your account, to confirm it:\n\n${input.link}\n\n` +
      `The link works once and until ${readableTime(input.expiresAt, input.timeZone)}. Until you confirm, sign-in codes keep going to your current address. ` +
      'If you did not ask for this, ignore this email: nothing changes.\n',
    tag: 'email-change-confirmation',
  };
}

/** j***@example.com: enough for the owner to recognise, not to learn someone else's address. */
function maskAddress(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** The email of each queued message; the tag is the notice name (shown in the dev outbox and logs). */
export function noticeEmail(message: QueuedMessage, ctx: NoticeContext): EmailNotification {
  const at = (iso: string) => readableTime(iso, ctx.timeZone);
  const when = at(ctx.occurredAt);
  const email = (subject: string, text: string): EmailNotification => ({
    kind: 'email',
    to: ctx.to,
    subject,
    text: `Hello ${ctx.userName},\n\n${text}\n`,
    tag: message,
  });
  const d = ctx.data;
  switch (message) {
    case 'password-reset-link':
      return email(
        'Reset your password',
        `Someone (hopefully you) asked to reset the password of your account. Open this link to choose a new one:\n\n${ctx.link}\n\n` +
          `The link works once and until ${at(String(d['expiresAt']))}. If you did not ask for it, ignore this email: your password stays as it is.`,
      );
    case 'new-sign-in':
      return email(
        'New sign-in to your account',
        `Your account was signed in to from a computer not seen before.\n\nWhen: ${at(String(d['at'] ?? ctx.occurredAt))}\n` +
          `IP address: ${d['ip'] ?? 'unknown'}\nBrowser: ${d['browser']}\n\n${IF_NOT_YOU}`,
      );
    case 'password-changed':
      return email(
        'Your password was changed',
        `The password of your account was changed on ${when}. ${IF_NOT_YOU}`,
      );
    case 'password-reset':
      return email(
        'Your password was reset',
        `The password of your account was reset with a forgotten-password link on ${when}. Every session was ended. ${IF_NOT_YOU}`,
      );
    case 'method-changed':
      return email(
        'Your sign-in method changed',
        `The way you sign in (second factor) changed on ${when}. ${IF_NOT_YOU}`,
      );
    case 'recovery-codes-generated':
      return email(
        'New recovery codes',
        `A new set of recovery codes was generated for your account on ${when}; the previous codes no longer work. ${IF_NOT_YOU}`,
      );
    case 'recovery-code-used':
      return email(
        'A recovery code was used',
        `A recovery code was used to sign in to your account on ${when}; ${d['remaining']} codes are left` +
          `${Number(d['remaining']) <= 3 ? ': generate a new set in your account settings soon' : ''}. ` +
          `If you lost your phone, set up your second factor again in your account settings. ${IF_NOT_YOU}`,
      );
    case 'authenticator-reset':
      return email(
        'Your authenticator was reset',
        `An administrator reset the authenticator app of your account on ${when}.\nReason given: ${d['reason']}\n\n` +
          'You will set up a new one at your next sign-in. If you did not expect this, contact an administrator of your organization.',
      );
    case 'totp-replayed':
      return email(
        'An authenticator code was used twice',
        `Someone presented an authenticator code of your account that was already used (${when}). If it was not you, change your password.`,
      );
    case 'email-changed':
      // Sent by emailChangedEmail to the previous address; this form only if queued another way.
      return email(
        'The email address of your account changed',
        `The email address of your account changed on ${when}. ${IF_NOT_YOU}`,
      );
    case 'api-credential-generated':
      return email(
        d['regenerated'] ? 'An API credential was regenerated' : 'A new API credential',
        `${d['regenerated'] ? 'The secret of an API credential was regenerated' : 'An API credential was generated'} on ${when} ` +
          `(${d['name'] ?? d['clientId'] ?? 'unnamed'}). ${IF_NOT_YOU}`,
      );
    case 'mobile-phone-changed':
      return email(
        'The mobile phone of your account changed',
        `The mobile phone number of your account, where SMS sign-in codes go, ${phoneChange(d['from'], d['to'])} ` +
          `on ${when} by ${actorPhrase(ctx)}. ${IF_NOT_YOU}`,
      );
    case 'account-type-changed':
      return email(
        'The type of your account changed',
        `${capitalised(actorPhrase(ctx))} changed the type of your account from ${d['from']} to ${d['to']} on ${when}. ` +
          CONTACT_ADMIN,
      );
    case 'group-restriction-changed':
      return email(
        'The device groups of your account changed',
        `${capitalised(actorPhrase(ctx))} changed which device groups your account sees on ${when}: ` +
          `from ${groupsPhrase(d['from'])} to ${groupsPhrase(d['to'])}. ${CONTACT_ADMIN}`,
      );
    case 'account-disabled':
      return email(
        'Your account was disabled',
        `${capitalised(actorPhrase(ctx))} disabled your account on ${when}.\nReason given: ${d['reason'] ?? 'none'}\n\n` +
          `You can no longer sign in: your sessions were ended and your API credentials stopped working. ${CONTACT_ADMIN}`,
      );
    case 'account-enabled':
      return email(
        'Your account was enabled again',
        `${capitalised(actorPhrase(ctx))} enabled your account again on ${when}: it can sign in again. ` +
          `If you did not expect this, reset your password now and contact an administrator of your organization.`,
      );
    case 'organization-two-factor-changed':
      return email(
        d['to']
          ? 'Two-factor sign-in is now required in your organization'
          : 'Two-factor sign-in is no longer required in your organization',
        `${capitalised(actorPhrase(ctx))} ${d['to'] ? 'turned on' : 'turned off'} the two-factor requirement of your organization on ${when}: ` +
          (d['to']
            ? 'every member sets up a second factor at their next sign-in.'
            : 'members may now sign in with a password alone.') +
          ' You receive this as an administrator of the organization. If it was not intended, change it back in the organization settings and review who administers it.',
      );
  }
}
