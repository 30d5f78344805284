/** Why a message is sent; shown in logs and in the dev outbox, never used to route. */
export const NOTIFICATION_TAGS = [
  'sign-in-code',
  'activation',
  'password-changed',
  'totp-replayed',
  'authenticator-reset',
  'trusted-device-added',
] as const;

/** One of NOTIFICATION_TAGS, or another short label a later feature needs. */
export type NotificationTag = (typeof NOTIFICATION_TAGS)[number] | (string & NonNullable<unknown>);

interface NotificationBase {
  readonly tag: NotificationTag;
  /** Stable across retries (SMTP Message-ID, SMS Idempotency-Key); assigned by the notifier when missing. */
  readonly id?: string;
}

/** Codes and links live in `text`/`html` only: adapters never log them, except the dev outbox. */
export interface EmailNotification extends NotificationBase {
  readonly kind: 'email';
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

export interface SmsNotification extends NotificationBase {
  readonly kind: 'sms';
  /** E.164, e.g. +41791234567. */
  readonly to: string;
  readonly text: string;
}

export type Notification = EmailNotification | SmsNotification;

/** A notification with its id fixed, so every attempt sends the same message. */
export type IdentifiedNotification = Notification & { readonly id: string };
