import { DeliveryError, NOTIFIER, type Notification, type Notifier } from '@accounts/notifications';
import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';

/** The message with a code that proves an email address or a mobile phone. */
export const contactVerificationMessage = (
  channel: 'email' | 'sms',
  to: string,
  code: string,
): Notification =>
  channel === 'email'
    ? {
        kind: 'email',
        to,
        subject: 'Confirm your email address',
        text: `Your confirmation code is ${code}. It is valid for 10 minutes.`,
        tag: 'contact-verification',
      }
    : { kind: 'sms', to, text: `Your confirmation code: ${code}`, tag: 'contact-verification' };

/**
 * Sends the codes a user waits for through the configured notifier; a failed delivery is logged without
 * body or full recipient. Notices are not sent from here but by the notices reactor (src/notices).
 */
@Injectable()
export class Notifications {
  private readonly logger = new Logger('Notifications');

  constructor(@Inject(NOTIFIER) private readonly notifier: Notifier) {}

  /** For codes the user waits for: a failure is answered (503), since the sign-in cannot go on. */
  async sendOrFail(message: Notification): Promise<void> {
    try {
      await this.notifier.send(message);
    } catch (error) {
      if (!(error instanceof DeliveryError)) throw error;
      this.logger.warn({ failure: error.toFailure() }, 'Could not deliver a code');
      throw new ServiceUnavailableException({
        code: 'AUTH-delivery-failed',
        message: 'The code could not be sent: try again in a moment',
      });
    }
  }
}
