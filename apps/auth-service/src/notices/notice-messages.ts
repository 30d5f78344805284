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
}

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
  }
}
