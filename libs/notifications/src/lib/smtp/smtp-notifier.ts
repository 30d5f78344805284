import { createTransport, type Transporter } from 'nodemailer';
import { checkMessage, maskRecipient } from '../check-message';
import type { EmailNotification, Notification } from '../notification';
import type { ChannelNotifier, DeliveryReceipt } from '../notifier';
import { type NotifierLogger, silentLogger } from '../notifier-logger';
import { smtpDeliveryError } from './smtp-delivery-error';

export interface SmtpNotifierOptions {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465; wins over host/port/secure/user/pass. */
  readonly url?: string;
  readonly host?: string;
  /** Default 465 when secure, else 587. */
  readonly port?: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  readonly secure?: boolean;
  readonly user?: string;
  readonly pass?: string;
  /** The From header, e.g. `Accounts <no-reply@example.com>`. */
  readonly from: string;
  /** Connect, greeting and idle-socket timeout of one attempt. Default 10 s. */
  readonly timeoutMs?: number;
  readonly logger?: NotifierLogger;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Sends email through an SMTP server with nodemailer; one connection per message. */
export class SmtpNotifier implements ChannelNotifier {
  readonly channel = 'smtp' as const;
  private readonly transport: Transporter;
  private readonly logger: NotifierLogger;
  private readonly messageIdDomain: string;

  constructor(private readonly options: SmtpNotifierOptions) {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const auth =
      options.user !== undefined ? { user: options.user, pass: options.pass ?? '' } : undefined;
    const secure = options.secure ?? false;
    this.transport = createTransport({
      ...(options.url !== undefined
        ? { url: options.url }
        : { host: options.host, port: options.port ?? (secure ? 465 : 587), secure, auth }),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    this.logger = options.logger ?? silentLogger;
    this.messageIdDomain = /@([^\s>]+)>?\s*$/.exec(options.from)?.[1] ?? 'accounts.invalid';
  }

  async send(message: Notification): Promise<DeliveryReceipt> {
    const email = checkMessage(message, 'smtp', ['email']) as EmailNotification & { id: string };
    try {
      const info = await this.transport.sendMail({
        from: this.options.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html !== undefined && { html: email.html }),
        messageId: `<${email.id}@${this.messageIdDomain}>`,
        headers: { 'X-Notification-Tag': email.tag },
      });
      this.logger.info(
        {
          notification: { id: email.id, channel: 'smtp', tag: email.tag, to: maskRecipient(email) },
        },
        'email handed to the SMTP server',
      );
      return {
        id: email.id,
        channel: 'smtp',
        tag: email.tag,
        attempts: 1,
        providerId: info.messageId,
      };
    } catch (error) {
      throw smtpDeliveryError(error, email.tag, email.to);
    }
  }

  /** Connects and authenticates without sending: for the health check and a start-up probe. */
  async verify(): Promise<void> {
    try {
      await this.transport.verify();
    } catch (error) {
      throw smtpDeliveryError(error, 'verify');
    }
  }

  close(): void {
    this.transport.close();
  }
}
