import { recordingLogger } from '../../test-support/recording-logger';
import { DeliveryError } from '../delivery-error';
import type { Notification } from '../notification';
import type { ChannelNotifier, DeliveryReceipt } from '../notifier';
import { backoffDelay } from './backoff';
import { RetryingNotifier } from './retrying-notifier';

/** A channel that fails as scripted, then delivers; it records what it was asked to send. */
function scriptedChannel(...failures: unknown[]): ChannelNotifier & { sent: Notification[] } {
  const sent: Notification[] = [];
  return {
    channel: 'smtp',
    sent,
    async send(message): Promise<DeliveryReceipt> {
      sent.push(message);
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      return { id: message.id ?? '', channel: 'smtp', tag: message.tag, attempts: 1 };
    },
  };
}

const transient = () =>
  new DeliveryError({
    code: 'NOTIFY-smtp-unreachable',
    channel: 'smtp',
    tag: 'sign-in-code',
    permanent: false,
    lastError: 'ECONNRESET',
  });
const email: Notification = {
  kind: 'email',
  to: 'a@example.com',
  subject: 's',
  text: 'code 123456',
  tag: 'sign-in-code',
};

describe('RetryingNotifier', () => {
  it('gives up after maxAttempts and reports how many attempts were made', async () => {
    const channel = scriptedChannel(transient(), transient(), transient());
    const logger = recordingLogger();
    const error = (await new RetryingNotifier(channel, { maxAttempts: 3, baseDelayMs: 1, logger })
      .send(email)
      .catch((e: unknown) => e)) as DeliveryError;

    expect(error).toBeInstanceOf(DeliveryError);
    expect(error.toFailure()).toEqual({
      code: 'NOTIFY-smtp-unreachable',
      channel: 'smtp',
      tag: 'sign-in-code',
      attempts: 3,
      permanent: false,
      lastError: 'ECONNRESET',
    });
    expect(channel.sent).toHaveLength(3);
    expect(logger.records.map((r) => `${r.level}: ${r.msg}`)).toEqual([
      'warn: notification delivery failed, will retry',
      'warn: notification delivery failed, will retry',
      'warn: notification not delivered',
    ]);
    expect(logger.text()).not.toContain('123456');
  });

  it('stops at once on a permanent failure', async () => {
    const permanent = new DeliveryError({
      code: 'NOTIFY-smtp-rejected',
      channel: 'smtp',
      tag: 'activation',
      permanent: true,
      lastError: 'SMTP 550',
    });
    const channel = scriptedChannel(permanent);
    await expect(
      new RetryingNotifier(channel, { baseDelayMs: 1 }).send(email),
    ).rejects.toMatchObject({
      code: 'NOTIFY-smtp-rejected',
      attempts: 1,
    });
    expect(channel.sent).toHaveLength(1);
  });

  it('sends the same message id on every attempt and counts attempts on the receipt', async () => {
    const channel = scriptedChannel(transient());
    const receipt = await new RetryingNotifier(channel, { baseDelayMs: 1 }).send(email);
    expect(receipt.attempts).toBe(2);
    expect(channel.sent.map((m) => m.id)).toEqual([receipt.id, receipt.id]);
    const given = await new RetryingNotifier(scriptedChannel(), {}).send({
      ...email,
      id: 'caller-id',
    });
    expect(given.id).toBe('caller-id');
  });

  it('turns an unexpected error into a transient DeliveryError and retries it', async () => {
    const channel = scriptedChannel(new TypeError('boom'), new TypeError('boom'));
    const error = await new RetryingNotifier(channel, { maxAttempts: 2, baseDelayMs: 1 })
      .send(email)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'NOTIFY-unexpected-error',
      permanent: false,
      attempts: 2,
      lastError: 'TypeError: boom',
    });
  });
});

describe('backoffDelay', () => {
  const options = { baseDelayMs: 500, maxDelayMs: 8_000 };

  it('doubles each time up to the cap, half of it random', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, () => 0))).toEqual([
      250, 500, 1_000, 2_000, 4_000, 4_000,
    ]);
  });
});
