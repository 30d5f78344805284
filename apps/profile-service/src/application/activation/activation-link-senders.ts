import { Logger } from '@nestjs/common';
import {
  type ActivationDelivery,
  activationLink,
  type ActivationLinkSender,
  type PendingActivation,
} from './activation-link-sender';

/** Development with the embedded store: the link goes back in the API answer so a person can go on. */
export class ResponseActivationLinkSender implements ActivationLinkSender {
  constructor(private readonly webOrigin: string) {}

  async send(activation: PendingActivation): Promise<ActivationDelivery> {
    return { activationLink: activationLink(this.webOrigin, activation.token) };
  }
}

/**
 * Production: nothing leaves here. auth-service's notices reactor emails the link, rebuilt from
 * AccountRegistered (linkId) with ACTIVATION_LINK_KEY; the token is never in an event or a log line.
 */
export class UndeliveredActivationLinkSender implements ActivationLinkSender {
  private readonly logger = new Logger('ActivationLinks');

  async send(activation: PendingActivation): Promise<ActivationDelivery> {
    this.logger.log(
      { accountId: activation.accountId, orgId: activation.orgId },
      'Activation link to be emailed by auth-service',
    );
    return {};
  }
}
