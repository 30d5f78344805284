import { setTimeout as sleep } from 'node:timers/promises';
import { withId } from '../check-message';
import { toDeliveryError } from '../delivery-error';
import type { Notification } from '../notification';
import type { ChannelNotifier, DeliveryReceipt } from '../notifier';
import { type NotifierLogger, silentLogger } from '../notifier-logger';
import { backoffDelay, type BackoffOptions } from './backoff';

export interface RetryOptions extends Partial<BackoffOptions> {
  /** Attempts in all, the first included. Default 4. */
  readonly maxAttempts?: number;
  readonly logger?: NotifierLogger;
  readonly random?: () => number;
}

export const DEFAULT_RETRY = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 } as const;

/**
 * Tries a channel again after transient failures (network, timeouts, 5xx, SMTP 4xx), with
 * exponential back-off and jitter; a permanent failure ends at once. The final DeliveryError
 * counts every attempt: the caller records it (NotificationFailed) and decides what follows.
 */
export class RetryingNotifier implements ChannelNotifier {
  readonly channel: ChannelNotifier['channel'];
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly logger: NotifierLogger;

  constructor(
    private readonly inner: ChannelNotifier,
    private readonly options: RetryOptions = {},
  ) {
    this.channel = inner.channel;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_RETRY.maxAttempts);
    this.backoff = {
      baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    };
    this.logger = options.logger ?? silentLogger;
  }

  async send(message: Notification): Promise<DeliveryReceipt> {
    // The same id on every attempt, so the server side can tell a retry from a new message.
    const identified = withId(message);
    for (let attempt = 1; ; attempt++) {
      try {
        const receipt = await this.inner.send(identified);
        return { ...receipt, attempts: attempt };
      } catch (thrown) {
        const error = toDeliveryError(thrown, this.channel, message.tag).afterAttempts(attempt);
        const last = error.permanent || attempt >= this.maxAttempts;
        const retryInMs = last
          ? undefined
          : backoffDelay(attempt, this.backoff, this.options.random);
        this.logger.warn(
          {
            notification: {
              id: identified.id,
              ...error.toFailure(),
              maxAttempts: this.maxAttempts,
              retryInMs,
            },
          },
          last ? 'notification not delivered' : 'notification delivery failed, will retry',
        );
        if (retryInMs === undefined) throw error;
        await sleep(retryInMs);
      }
    }
  }
}
