import type { Notification } from './notification';
import type { ChannelNotifier, DeliveryReceipt, Notifier } from './notifier';

/** The app's one Notifier: emails to one channel, SMS to another. */
export class RoutingNotifier implements Notifier {
  constructor(
    readonly channels: { readonly email: ChannelNotifier; readonly sms: ChannelNotifier },
  ) {}

  send(message: Notification): Promise<DeliveryReceipt> {
    return this.channels[message.kind].send(message);
  }
}
