import type { DeliveryChannel } from './notifier';

export type DeliveryErrorCode =
  | 'NOTIFY-invalid-message'
  | 'NOTIFY-wrong-channel'
  | 'NOTIFY-outbox-write-failed'
  | 'NOTIFY-smtp-auth-failed'
  | 'NOTIFY-smtp-rejected'
  | 'NOTIFY-smtp-unreachable'
  | 'NOTIFY-sms-gateway-rejected'
  | 'NOTIFY-sms-gateway-unreachable'
  | 'NOTIFY-sms-gateway-timeout'
  | 'NOTIFY-unexpected-error';

/** The plain record the app appends as a NotificationFailed event: no recipient, no body, no secret. */
export interface DeliveryFailure {
  readonly code: DeliveryErrorCode;
  readonly channel: DeliveryChannel;
  readonly tag: string;
  readonly attempts: number;
  /** True when trying the same message again cannot help (bad address, rejected, wrong credentials). */
  readonly permanent: boolean;
  /** The last error in words, built from status codes and server replies, never from the message. */
  readonly lastError: string;
}

const MAX_ERROR_LENGTH = 300;

/** A message was not delivered; `permanent` tells a retrying caller whether to stop. */
export class DeliveryError extends Error implements DeliveryFailure {
  readonly code: DeliveryErrorCode;
  readonly channel: DeliveryChannel;
  readonly tag: string;
  readonly attempts: number;
  readonly permanent: boolean;
  readonly lastError: string;

  constructor(failure: Omit<DeliveryFailure, 'attempts'> & { readonly attempts?: number }) {
    const lastError = oneLine(failure.lastError);
    const attempts = failure.attempts ?? 1;
    super(
      `${failure.channel} delivery of "${failure.tag}" failed after ${attempts} attempt(s): ${lastError}`,
    );
    this.name = 'DeliveryError';
    this.code = failure.code;
    this.channel = failure.channel;
    this.tag = failure.tag;
    this.attempts = attempts;
    this.permanent = failure.permanent;
    this.lastError = lastError;
  }

  /** The same failure, counted over all attempts (the retrying notifier's final answer). */
  afterAttempts(attempts: number): DeliveryError {
    return new DeliveryError({ ...this.toFailure(), attempts });
  }

  toFailure(): DeliveryFailure {
    const { code, channel, tag, attempts, permanent, lastError } = this;
    return { code, channel, tag, attempts, permanent, lastError };
  }
}

/** Anything an adapter let escape becomes a transient DeliveryError (a bug is logged, then retried). */
export function toDeliveryError(
  error: unknown,
  channel: DeliveryChannel,
  tag: string,
): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const lastError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DeliveryError({
    code: 'NOTIFY-unexpected-error',
    channel,
    tag,
    permanent: false,
    lastError,
  });
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_ERROR_LENGTH ? `${flat.slice(0, MAX_ERROR_LENGTH - 1)}…` : flat;
}
