import { SERVICE_CONFIG } from '@accounts/service-kit';
import type { Provider } from '@nestjs/common';
import { ACTIVATION_LINK_SENDER } from '../application/activation/activation-link-sender';
import {
  ResponseActivationLinkSender,
  UndeliveredActivationLinkSender,
} from '../application/activation/activation-link-senders';
import { exposesActivationLinks, type ProfileConfig } from '../config';

export const activationLinkSenderProvider: Provider = {
  provide: ACTIVATION_LINK_SENDER,
  useFactory: (config: ProfileConfig) =>
    exposesActivationLinks(config)
      ? new ResponseActivationLinkSender(config.WEB_ORIGIN)
      : new UndeliveredActivationLinkSender(),
  inject: [SERVICE_CONFIG],
};
