import { randomUUID } from 'node:crypto';
import { DeliveryError } from './delivery-error';
import type {
  EmailNotification,
  IdentifiedNotification,
  Notification,
  SmsNotification,
} from './notification';
import type { DeliveryChannel } from './notifier';

// One address only: commas, semicolons, angle brackets or spaces would let a "to" name several recipients.
const EMAIL_ADDRESS = /^[^\s@,;<>()"]+@[^\s@,;<>()"]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** The id every attempt of this message shares. */
export function withId<M extends Notification>(message: M): M & { readonly id: string } {
  return message.id ? (message as M & { id: string }) : { ...message, id: randomUUID() };
}

/**
 * What every adapter checks before sending: a kind it can carry, one well-formed recipient and a
 * body. Failing here is permanent: sending the same message again fails the same way.
 */
export function checkMessage(
  message: Notification,
  channel: DeliveryChannel,
  kinds: readonly Notification['kind'][],
): IdentifiedNotification {
  const invalid = (code: 'NOTIFY-invalid-message' | 'NOTIFY-wrong-channel', lastError: string) =>
    new DeliveryError({ code, channel, tag: message.tag, permanent: true, lastError });
  if (!kinds.includes(message.kind))
    throw invalid('NOTIFY-wrong-channel', `${channel} cannot send ${message.kind}`);
  if (message.kind === 'email' && !EMAIL_ADDRESS.test(message.to)) {
    throw invalid('NOTIFY-invalid-message', 'the recipient is not a single email address');
  }
  if (message.kind === 'sms' && !E164.test(message.to)) {
    throw invalid(
      'NOTIFY-invalid-message',
      'the recipient is not an E.164 phone number (+ and 7 to 15 digits)',
    );
  }
  if (message.text.trim() === '')
    throw invalid('NOTIFY-invalid-message', 'the message text is empty');
  return withId(message);
}

/** The recipient as logs show it: enough to tell people apart, not enough to contact them. */
export function maskRecipient(
  message: Pick<EmailNotification | SmsNotification, 'kind' | 'to'>,
): string {
  if (message.kind === 'sms') return `${message.to.slice(0, 3)}…${message.to.slice(-2)}`;
  const at = message.to.lastIndexOf('@');
  return `${message.to.slice(0, 1)}…${message.to.slice(at)}`;
}
