import { checkMessage, maskRecipient } from '../check-message';
import { DeliveryError } from '../delivery-error';
import type { Notification } from '../notification';
import type { ChannelNotifier, DeliveryReceipt } from '../notifier';
import { type NotifierLogger, silentLogger } from '../notifier-logger';

export interface HttpSmsNotifierOptions {
  /** The gateway endpoint that takes POST { to, text } as JSON. */
  readonly url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  readonly token?: string;
  /** For one attempt, answer included. Default 10 s. */
  readonly timeoutMs?: number;
  readonly logger?: NotifierLogger;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// Statuses that say "not now" rather than "never": request timeout, too early, too many requests.
const TRANSIENT_4XX = new Set([408, 425, 429]);

/** Sends SMS through an HTTP gateway: any 2xx answer means the gateway took the message. */
export class HttpSmsNotifier implements ChannelNotifier {
  readonly channel = 'http-sms' as const;
  private readonly logger: NotifierLogger;

  constructor(private readonly options: HttpSmsNotifierOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  async send(message: Notification): Promise<DeliveryReceipt> {
    const sms = checkMessage(message, 'http-sms', ['sms']);
    const failed = (
      code: 'rejected' | 'unreachable' | 'timeout',
      permanent: boolean,
      lastError: string,
    ) =>
      new DeliveryError({
        code: `NOTIFY-sms-gateway-${code}`,
        channel: 'http-sms',
        tag: sms.tag,
        permanent,
        lastError,
      });
    let status: number;
    let answer: string;
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // Lets a gateway that supports it drop the copy a retry sends after a lost answer.
          'idempotency-key': sms.id,
          ...(this.options.token !== undefined && {
            authorization: `Bearer ${this.options.token}`,
          }),
        },
        body: JSON.stringify({ to: sms.to, text: sms.text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = response.status;
      answer = await response.text();
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw failed(
          'timeout',
          false,
          `no answer within ${this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`,
        );
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw failed(
        'unreachable',
        false,
        `${cause?.code ?? (error as Error).name}: ${cause?.message ?? (error as Error).message}`,
      );
    }
    // The answer body is never quoted: a gateway may echo the text, which holds the code.
    if (status < 200 || status > 299) {
      throw failed(
        'rejected',
        status < 500 && !TRANSIENT_4XX.has(status),
        `the SMS gateway answered HTTP ${status}`,
      );
    }
    this.logger.info(
      { notification: { id: sms.id, channel: 'http-sms', tag: sms.tag, to: maskRecipient(sms) } },
      'SMS handed to the gateway',
    );
    return { id: sms.id, channel: 'http-sms', tag: sms.tag, attempts: 1, ...providerIdOf(answer) };
  }
}

/** A gateway that answers JSON with an `id` or `messageId` gets it recorded on the receipt. */
function providerIdOf(answer: string): { providerId?: string } {
  try {
    const body = JSON.parse(answer) as { id?: unknown; messageId?: unknown };
    const id = body.id ?? body.messageId;
    return typeof id === 'string' || typeof id === 'number' ? { providerId: String(id) } : {};
  } catch {
    return {};
  }
}
