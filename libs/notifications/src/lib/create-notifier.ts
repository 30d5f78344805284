import { missingForChannels, type NotifierConfig } from './config/notifier-config';
import { NotifierConfigError } from './config/notifier-config-error';
import type { ChannelNotifier, Notifier } from './notifier';
import type { NotifierLogger } from './notifier-logger';
import { DevOutbox } from './outbox/dev-outbox';
import { DEFAULT_RETRY, RetryingNotifier } from './retry/retrying-notifier';
import { RoutingNotifier } from './routing-notifier';
import { HttpSmsNotifier } from './sms/http-sms-notifier';
import { SmtpNotifier } from './smtp/smtp-notifier';

export interface NotifierDependencies {
  /** The service's DATA_DIR (the dev outbox lives in <dataDir>/outbox). */
  readonly dataDir: string;
  readonly logger: NotifierLogger;
}

/** What a service wires: the notifier, and the dev outbox to mount GET /dev/outbox on when it is used. */
export interface NotifierSetup {
  /** Routes by kind, retries transient failures. */
  readonly notifier: Notifier;
  /** Set when emails or SMS go to the dev outbox. */
  readonly outbox: DevOutbox | undefined;
  readonly channels: { readonly email: 'outbox' | 'smtp'; readonly sms: 'outbox' | 'http' };
  /** Health check: connects and authenticates to the SMTP server when smtp is used; throws a DeliveryError. */
  verify(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the channels NOTIFIER_EMAIL and NOTIFIER_SMS choose (read with readNotifierConfig). */
export function createNotifier(config: NotifierConfig, deps: NotifierDependencies): NotifierSetup {
  const missing = missingForChannels(config);
  if (missing.length > 0) throw new NotifierConfigError(missing);
  const { logger } = deps;
  const usesOutbox = config.NOTIFIER_EMAIL === 'outbox' || config.NOTIFIER_SMS === 'outbox';
  const outbox = usesOutbox ? new DevOutbox({ dataDir: deps.dataDir, logger }) : undefined;
  const smtp =
    config.NOTIFIER_EMAIL === 'smtp'
      ? new SmtpNotifier({
          url: config.SMTP_URL,
          host: config.SMTP_HOST,
          port: config.SMTP_PORT,
          secure: config.SMTP_SECURE,
          user: config.SMTP_USER,
          pass: config.SMTP_PASS,
          from: config.SMTP_FROM ?? '',
          timeoutMs: config.SMTP_TIMEOUT_MS,
          logger,
        })
      : undefined;
  const sms =
    config.NOTIFIER_SMS === 'http'
      ? new HttpSmsNotifier({
          url: config.SMS_GATEWAY_URL ?? '',
          token: config.SMS_GATEWAY_TOKEN,
          timeoutMs: config.SMS_GATEWAY_TIMEOUT_MS,
          logger,
        })
      : undefined;
  const retrying = (channel: ChannelNotifier) =>
    new RetryingNotifier(channel, {
      maxAttempts: config.NOTIFIER_MAX_ATTEMPTS,
      baseDelayMs: config.NOTIFIER_RETRY_BASE_MS,
      maxDelayMs: DEFAULT_RETRY.maxDelayMs,
      logger,
    });
  // Both set or both unset: usesOutbox covers whichever channel is not smtp/http.
  const email = (smtp ?? outbox) as ChannelNotifier;
  const text = (sms ?? outbox) as ChannelNotifier;
  return {
    notifier: new RoutingNotifier({ email: retrying(email), sms: retrying(text) }),
    outbox,
    channels: { email: config.NOTIFIER_EMAIL, sms: config.NOTIFIER_SMS },
    async verify() {
      await smtp?.verify();
    },
    async close() {
      smtp?.close();
    },
  };
}
