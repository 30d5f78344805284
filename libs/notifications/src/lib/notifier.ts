import type { Notification } from './notification';

/** Where a message went: the dev outbox, an SMTP server, or the HTTP SMS gateway. */
export type DeliveryChannel = 'outbox' | 'smtp' | 'http-sms';

/** What the app records after a message was handed over (no recipient, no body). */
export interface DeliveryReceipt {
  /** The notification id (also the SMTP Message-ID local part and the SMS Idempotency-Key). */
  readonly id: string;
  readonly channel: DeliveryChannel;
  readonly tag: string;
  /** 1 when the first attempt succeeded. */
  readonly attempts: number;
  /** The id the server gave, where it gives one (SMTP Message-ID, gateway message id). */
  readonly providerId?: string;
}

/**
 * The port: sends one email or SMS. Resolves when the channel accepted the message; rejects with
 * a DeliveryError saying whether trying again can help.
 */
export interface Notifier {
  send(message: Notification): Promise<DeliveryReceipt>;
}

/** An adapter that delivers through exactly one channel. */
export interface ChannelNotifier extends Notifier {
  readonly channel: DeliveryChannel;
}

/** Nest injection token for the app's Notifier. */
export const NOTIFIER = Symbol('NOTIFIER');
