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

/** Production until auth-service sends activation emails: the token is dropped, and the log says so (without it). */
export class UndeliveredActivationLinkSender implements ActivationLinkSender {
  private readonly logger = new Logger('ActivationLinks');

  async send(activation: PendingActivation): Promise<ActivationDelivery> {
    this.logger.warn(
      { accountId: activation.accountId, orgId: activation.orgId },
      'No activation email is sent by profile-service; the account is activated through auth-service',
    );
    return {};
  }
}
